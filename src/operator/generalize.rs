//! `generalize`: replaces a value with a statistic that no longer points to
//! one person — an IIN's birth year and sex (`1987/F`), decade or age band; a
//! BIN's registration year and entity type; a phone's operator or area code;
//! an IPv4 /24 and IPv6 /48; an e-mail's domain; a card's issuer prefix; an
//! IBAN's bank; an IMEI's type allocation code; a MAC's vendor prefix.

use serde::{Deserialize, Serialize};

use crate::detect::kz_id::is_date;
use crate::kind::Kind;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Generalize {
    /// IIN: `year_sex` (default), `year`, `decade` or `age_band`.
    pub to: Option<String>,
    /// Age bands: their width in years (default 10).
    pub band: Option<u32>,
    /// Age bands: the year ages are counted at (default: this year).
    pub as_of: Option<u32>,
}

const IIN_FORMS: &[&str] = &["year_sex", "year", "decade", "age_band"];

impl Generalize {
    pub(super) fn validate(&self) -> Result<(), String> {
        match &self.to {
            Some(t) if !IIN_FORMS.contains(&t.as_str()) => Err(format!(
                "generalize to {t:?}: expected one of {}",
                IIN_FORMS.join(", ")
            )),
            _ if self.band == Some(0) => Err("generalize band must be at least 1".into()),
            _ => Ok(()),
        }
    }

    pub(super) fn apply(&self, kind: Kind, raw: &[u8], out: &mut Vec<u8>) {
        let text = String::from_utf8_lossy(raw);
        let digits: Vec<u8> = match kind {
            Kind::Iin | Kind::Bin => crate::normalize::id_digits(raw),
            _ => raw.iter().copied().filter(u8::is_ascii_digit).collect(),
        };
        let s = match kind {
            Kind::Iin if digits.len() == 12 => self.iin(&digits),
            Kind::Bin if digits.len() == 12 => bin(&digits),
            Kind::Phone => phone(raw),
            Kind::Ipv4 => {
                let p: Vec<&str> = text.split('.').collect();
                if p.len() == 4 {
                    format!("{}.{}.{}.0/24", p[0], p[1], p[2])
                } else {
                    "ipv4".into()
                }
            }
            Kind::Ipv6 => match text.parse::<std::net::Ipv6Addr>() {
                Ok(ip) => {
                    let s = ip.segments();
                    format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2])
                }
                Err(_) => "ipv6".into(),
            },
            Kind::Email => match text.rfind('@') {
                Some(at) => text[at + 1..].to_lowercase(),
                None => "email".into(),
            },
            Kind::Card if digits.len() >= 6 => String::from_utf8_lossy(&digits[..6]).into_owned(),
            Kind::Iban => {
                let c: String = text.chars().filter(char::is_ascii_alphanumeric).collect();
                match c.get(..2).zip(c.get(4..7)) {
                    Some((cc, bank)) => format!("{cc} bank {bank}"),
                    None => "iban".into(),
                }
            }
            Kind::Imei if digits.len() >= 8 => {
                format!("TAC {}", String::from_utf8_lossy(&digits[..8]))
            }
            Kind::Mac => {
                let h: String = text
                    .chars()
                    .filter(char::is_ascii_hexdigit)
                    .collect::<String>()
                    .to_lowercase();
                match h.get(..6) {
                    Some(o) => format!("{}:{}:{}", &o[..2], &o[2..4], &o[4..6]),
                    None => "mac".into(),
                }
            }
            Kind::Meid => text.get(..8).unwrap_or("meid").to_uppercase(),
            // The district, not the building: `050000` → `050000` (a city's
            // main code stays), `050059` → `050000`; `A05F8D3` → `A05`.
            Kind::Postcode if digits.len() == 6 && text.trim().len() == 6 => {
                format!("{}000", String::from_utf8_lossy(&digits[..3]))
            }
            Kind::Postcode => {
                let c: String = text.chars().filter(char::is_ascii_alphanumeric).collect();
                c.get(..3).unwrap_or("postcode").to_uppercase()
            }
            Kind::DateOfBirth => birth_year(&text).unwrap_or_else(|| "date_of_birth".into()),
            Kind::Geo => {
                // About 11 km: one decimal of each coordinate.
                let parts: Vec<String> = text
                    .split([',', ' '])
                    .filter(|p| !p.is_empty())
                    .map(|p| match p.find('.') {
                        Some(dot) => p[..(dot + 2).min(p.len())].to_string(),
                        None => p.to_string(),
                    })
                    .collect();
                parts.join(", ")
            }
            _ => format!("<{}>", kind.id().to_uppercase()),
        };
        out.extend_from_slice(s.as_bytes());
    }

    fn iin(&self, d: &[u8]) -> String {
        let n = |a: usize, b: usize| {
            d[a..b]
                .iter()
                .fold(0u32, |v, &x| v * 10 + u32::from(x - b'0'))
        };
        let (yy, mm, dd) = (n(0, 2), n(2, 4), n(4, 6));
        let (century, sex) = match d[6] {
            b'1' => (Some(1800), "M"),
            b'2' => (Some(1800), "F"),
            b'3' => (Some(1900), "M"),
            b'4' => (Some(1900), "F"),
            b'5' => (Some(2000), "M"),
            b'6' => (Some(2000), "F"),
            _ => (None, "?"),
        };
        let year = century.map(|c| c + yy).filter(|&y| is_date(y, mm, dd));
        let Some(year) = year else {
            return format!("unknown/{sex}");
        };
        match self.to.as_deref().unwrap_or("year_sex") {
            "year" => year.to_string(),
            "decade" => format!("{}s", year / 10 * 10),
            "age_band" => {
                let band = self.band.unwrap_or(10).max(1);
                let age = self.as_of.unwrap_or_else(this_year).saturating_sub(year);
                let lo = age / band * band;
                format!("{lo}-{}", lo + band - 1)
            }
            _ => format!("{year}/{sex}"),
        }
    }
}

fn bin(d: &[u8]) -> String {
    let year = 2000 + u32::from(d[0] - b'0') * 10 + u32::from(d[1] - b'0');
    let year = if year > this_year() { year - 100 } else { year };
    let entity = match d[4] {
        b'4' => "legal entity",
        b'5' => "non-resident",
        b'6' => "joint sole proprietorship",
        _ => "entity",
    };
    format!("{year}/{entity}")
}

/// Operator for Kazakh mobile numbers, area code for fixed lines.
fn phone(raw: &[u8]) -> String {
    if let Some(country) = crate::detect::phone::foreign_country(raw) {
        return country;
    }
    let Some(n) = crate::detect::phone::national(raw) else {
        return "phone".into();
    };
    let code = std::str::from_utf8(&n[..3]).unwrap_or("");
    let op = match code {
        "701" | "702" | "775" | "778" => "Kcell",
        "705" | "706" | "771" | "776" | "777" => "Beeline",
        "700" | "707" | "708" | "747" | "761" => "Tele2/Altel",
        "760" | "762" | "763" | "764" | "785" => "KZ mobile",
        _ if n[0] == b'7' && (n[1] == b'1' || n[1] == b'2') => {
            return format!("KZ fixed {}", std::str::from_utf8(&n[..4]).unwrap_or(""));
        }
        _ if n[0] == b'9' => "RU mobile",
        _ if n[0] == b'7' || n[0] == b'6' => "KZ",
        _ => "RU fixed",
    };
    op.to_string()
}

/// The current calendar year (UTC).
pub(crate) fn this_year() -> u32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    crate::anonymize::civil_from_days((secs / 86_400) as i64).0 as u32
}

/// The year of a date of birth as the detectors report it: a 4-digit run
/// (`12.04.1985`, `1985-04-12`, `19 мая 1948`, `June 6, 1995`), the head of
/// `YYYYMMDD` (`19770303`), or Oracle's two-digit `RR` (`30-JUL-95`: 00–49
/// this century, 50–99 the last).
fn birth_year(text: &str) -> Option<String> {
    let runs: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty())
        .collect();
    if let Some(y) = runs.iter().find(|r| r.len() == 4) {
        return Some((*y).to_string());
    }
    if let Some(r) = runs.iter().find(|r| r.len() == 8) {
        return Some(r[..4].to_string());
    }
    let letters = text.chars().any(|c| c.is_ascii_alphabetic());
    match runs.as_slice() {
        [_, rr] if letters && rr.len() == 2 => {
            let n: u32 = rr.parse().ok()?;
            Some(format!("{}", if n < 50 { 2000 + n } else { 1900 + n }))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gen(kind: Kind, raw: &str) -> String {
        let mut out = Vec::new();
        Generalize::default().apply(kind, raw.as_bytes(), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn statistics_only() {
        assert_eq!(gen(Kind::Iin, "900101300811"), "1990/M");
        assert_eq!(gen(Kind::Iin, "850512420060"), "1985/F");
        assert_eq!(gen(Kind::Phone, "+7 701 123 45 67"), "Kcell");
        assert_eq!(gen(Kind::Phone, "+996 555 214 307"), "KG +996");
        assert_eq!(gen(Kind::Phone, "+1 (701) 555-0175"), "US +1");
        assert_eq!(gen(Kind::Phone, "8 (7172) 12-34-56"), "KZ fixed 7172");
        assert_eq!(gen(Kind::Ipv4, "192.168.1.77"), "192.168.1.0/24");
        assert_eq!(gen(Kind::Ipv6, "2001:db8:1:2::1"), "2001:db8:1::/48");
        assert_eq!(gen(Kind::Email, "A.B@Mail.kz"), "mail.kz");
        assert_eq!(gen(Kind::Bin, "040740040155"), "2004/legal entity");
        for (dob, year) in [
            ("12.04.1985", "1985"),
            ("1985-04-12", "1985"),
            ("19 мая 1948", "1948"),
            ("9 янв. 1956", "1956"),
            ("June 6, 1995", "1995"),
            ("19770303", "1977"),
            ("30-JUL-95", "1995"),
            ("02-OCT-05", "2005"),
            ("1990 жылғы 21 наурызда", "1990"),
        ] {
            assert_eq!(gen(Kind::DateOfBirth, dob), year, "{dob}");
        }
    }
}
