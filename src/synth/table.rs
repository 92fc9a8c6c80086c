//! A research-extract-shaped table with labelled identifiers: one row per
//! fake client, columns that hold identifiers (some as a spreadsheet leaves
//! them: IINs without their leading zero, phones as plain numbers), free-text
//! comments with quoted commas, quotes and newlines, and columns of
//! look-alikes (order numbers, amounts, dates, postcodes) that must stay.

use super::values as v;
use super::{Labelled, Rng};
use crate::kind::Kind;

const HEADER: &str = "id,fio,iin,birth_year,sex,phone,email,iban,card_last,region,postcode,order_no,amount,created_at,comment";

const NAMES: &[&str] = &[
    "Нурланов Ерлан Болатович",
    "Ахметова Айгерим Серикқызы",
    "Omarov Daniyar",
    "Жумабаева Г.К.",
    "Ivanova Olga",
    "Сейтқали Асқар",
];
const REGIONS: &[&str] = &[
    "Алматы",
    "Астана",
    "Шымкент",
    "Караганда",
    "Актобе",
    "Атырау",
];

impl Labelled {
    /// Appends a field (comma first unless `first`), quoting when needed;
    /// `kind` labels the whole value.
    fn cell(&mut self, first: bool, value: &str, kind: Option<Kind>) -> &mut Self {
        if !first {
            self.text.push(',');
        }
        let quote = value.contains([',', '"', '\n', '\r']);
        if quote {
            self.text.push('"');
        }
        match kind {
            Some(k) => {
                self.id(k, value);
            }
            None => {
                self.lit(value);
            }
        }
        if quote {
            self.text.push('"');
        }
        self
    }
}

/// A CSV of `rows` data rows with a header; CRLF line endings when `crlf`.
pub fn table(seed: u64, rows: usize, crlf: bool) -> Labelled {
    let mut r = Rng::new(seed);
    let mut out = Labelled::default();
    let eol = if crlf { "\r\n" } else { "\n" };
    out.lit(HEADER).lit(eol);
    for id in 1..=rows {
        out.cell(true, &id.to_string(), None);
        out.cell(false, NAMES[r.below(NAMES.len() as u64) as usize], None);
        let iin = v::iin(&mut r);
        if iin.starts_with('0') && r.chance(0.5) {
            // A spreadsheet stripped the leading zero.
            out.cell(false, &iin[1..], Some(Kind::Iin));
        } else {
            out.cell(false, &iin, Some(Kind::Iin));
        }
        out.cell(false, &format!("19{}", 50 + r.below(50)), None);
        out.cell(false, if r.chance(0.5) { "F" } else { "M" }, None);
        let phone = match r.below(4) {
            0 => format!(
                "7{}{}",
                r.pick(&["701", "705", "707", "747", "777"]),
                r.digits(7)
            ),
            1 => format!(
                "{}{}",
                r.pick(&["701", "705", "707", "747", "777"]),
                r.digits(7)
            ),
            _ => v::phone(&mut r),
        };
        out.cell(false, &phone, Some(Kind::Phone));
        if r.chance(0.8) {
            out.cell(false, &v::email(&mut r), Some(Kind::Email));
        } else {
            out.cell(false, "", None);
        }
        out.cell(false, &v::iban(&mut r), Some(Kind::Iban));
        out.cell(false, &format!("**** {}", r.digits(4)), None);
        out.cell(false, REGIONS[r.below(REGIONS.len() as u64) as usize], None);
        out.cell(false, &format!("0{}0000", 1 + r.below(9)), None);
        out.cell(false, &v::order12(&mut r), None);
        out.cell(
            false,
            &format!("{}.{:02}", r.below(2_000_000), r.below(100)),
            None,
        );
        out.cell(
            false,
            &format!(
                "2024-{:02}-{:02} {:02}:{:02}",
                1 + r.below(12),
                1 + r.below(28),
                r.below(24),
                r.below(60)
            ),
            None,
        );
        comment(&mut r, &mut out);
        out.lit(eol);
    }
    out
}

fn comment(r: &mut Rng, out: &mut Labelled) {
    out.text.push(',');
    match r.below(5) {
        0 => {
            out.lit("\"Клиент просил перезвонить на ");
            out.id(Kind::Phone, &v::phone(r));
            out.lit(", сказал \"\"срочно\"\"\"");
        }
        1 => {
            out.lit("\"Email updated to ");
            out.id(Kind::Email, &v::email(r));
            out.lit("\nsecond line, ticket ")
                .lit(&r.digits(7))
                .lit("\"");
        }
        2 => {
            out.lit("Карта ");
            out.id(Kind::Card, &v::card(r).replace(' ', "-"));
            out.lit(" заблокирована");
        }
        _ => {
            out.lit("нет замечаний");
        }
    }
}
