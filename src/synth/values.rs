//! Generators of fake but valid identifiers (correct check digits, real
//! numbering ranges, invented people), and of look-alikes that must not be
//! found. Everything is drawn from the seeded [`Rng`], so a seed always gives
//! the same corpus.

use super::Rng;
use crate::checksum::{iin_bin_check_digit, luhn, luhn16};
use crate::detect::kz_id::is_date;

impl Rng {
    pub fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }

    fn hex(&mut self, n: usize, upper: bool) -> String {
        let set: &[u8] = if upper {
            b"0123456789ABCDEF"
        } else {
            b"0123456789abcdef"
        };
        (0..n)
            .map(|_| char::from(set[self.below(16) as usize]))
            .collect()
    }
}

/// A valid IIN of a person born 1940–2012, with a check digit.
pub fn iin(r: &mut Rng) -> String {
    loop {
        let year = 1940 + r.below(73) as u32;
        let month = 1 + r.below(12) as u32;
        let day = 1 + r.below(31) as u32;
        if !is_date(year, month, day) {
            continue;
        }
        let female = r.chance(0.5);
        let century = if year >= 2000 { 5 } else { 3 } + u32::from(female);
        let head = format!(
            "{:02}{month:02}{day:02}{century}{}",
            year % 100,
            r.digits(4)
        );
        if let Some(c) = iin_bin_check_digit(head.as_bytes()) {
            return format!("{head}{c}");
        }
    }
}

/// A valid BIN registered 1995–2024.
pub fn bin(r: &mut Rng) -> String {
    loop {
        let year = 1995 + r.below(30);
        let month = 1 + r.below(12);
        let kind = [4, 4, 4, 5, 6][r.below(5) as usize];
        let office = [0, 0, 0, 1, 2][r.below(5) as usize];
        let head = format!("{:02}{month:02}{kind}{office}{}", year % 100, r.digits(5));
        if let Some(c) = iin_bin_check_digit(head.as_bytes()) {
            return format!("{head}{c}");
        }
    }
}

/// Twelve digits that fail the IIN/BIN check digit (an order number).
pub fn order12(r: &mut Rng) -> String {
    loop {
        let head = r.digits(11);
        if let Some(c) = iin_bin_check_digit(head.as_bytes()) {
            return format!("{head}{}", (c + 1 + r.below(8) as u8) % 10);
        }
    }
}

const KZ_MOBILE: &[&str] = &[
    "700", "701", "702", "705", "706", "707", "708", "747", "771", "775", "776", "777", "778",
];
const KZ_AREA: &[&str] = &[
    "7172", "7252", "7212", "7222", "7232", "7182", "7142", "7122",
];

/// A phone number in one of the written forms the spec lists.
pub fn phone(r: &mut Rng) -> String {
    let sub = r.digits(7);
    let (a, b, c) = (&sub[..3], &sub[3..5], &sub[5..]);
    if r.chance(0.12) {
        let area = *r.pick(KZ_AREA);
        let s = r.digits(6);
        let (x, y, z) = (&s[..2], &s[2..4], &s[4..]);
        return match r.below(3) {
            0 => format!("+7 ({area}) {x}-{y}-{z}"),
            1 => format!("8 ({area}) {x}-{y}-{z}"),
            _ => format!("8{area}{s}"),
        };
    }
    let op = if r.chance(0.1) {
        format!("9{}", 10 + r.below(90))
    } else {
        r.pick(KZ_MOBILE).to_string()
    };
    match r.below(10) {
        0 => format!("+7 ({op}) {a}-{b}-{c}"),
        1 => format!("+7 {op} {a} {b}{c}"),
        2 => format!("+7{op}{sub}"),
        3 => format!("8 ({op}) {a}-{b}-{c}"),
        4 => format!("8 {op} {a} {b} {c}"),
        5 => format!("8{op}{sub}"),
        6 => format!("8-{op}-{sub}"),
        7 => format!("+7-{op}-{a}-{b}-{c}"),
        8 => format!("7{op}{sub}"),
        _ => format!("+7 {op} {a}-{b}-{c}"),
    }
}

const GIVEN: &[&str] = &[
    "aigerim",
    "erlan",
    "daniyar",
    "asel",
    "bolat",
    "aruzhan",
    "nursultan",
    "dana",
    "madina",
    "timur",
    "zhanna",
    "askar",
    "aliya",
    "serik",
    "gulnara",
    "yerbol",
    "kamila",
    "ivan",
    "olga",
];
const FAMILY: &[&str] = &[
    "nurlanov",
    "akhmetova",
    "omarov",
    "zhumabaeva",
    "sultanov",
    "ivanova",
    "petrov",
    "kim",
    "seitkali",
    "abenova",
    "bekov",
    "tulegenova",
];
const DOMAINS: &[&str] = &[
    "mail.kz",
    "gmail.com",
    "mail.ru",
    "yandex.kz",
    "inbox.ru",
    "example.kz",
    "kaspi.kz",
    "halykbank.kz",
    "outlook.com",
    "company.xn--80ao21a",
    "пример.қаз",
];

/// An invented e-mail address.
pub fn email(r: &mut Rng) -> String {
    let g = *r.pick(GIVEN);
    let f = *r.pick(FAMILY);
    let local = match r.below(5) {
        0 => format!("{g}.{f}"),
        1 => format!("{}.{f}", &g[..1]),
        2 => format!("{g}{}", 70 + r.below(40)),
        3 => format!("{g}_{f}+news"),
        _ => format!("{f}.{g}"),
    };
    format!("{local}@{}", r.pick(DOMAINS))
}

fn luhn_complete(r: &mut Rng, prefix: &str, len: usize) -> String {
    let body = format!("{prefix}{}", r.digits(len - 1 - prefix.len()));
    (0..10)
        .map(|c| format!("{body}{c}"))
        .find(|s| luhn(s.as_bytes()))
        .expect("one digit completes Luhn")
}

/// A Luhn-valid card number of a real issuer range, plain or grouped.
pub fn card(r: &mut Rng) -> String {
    let (prefix, len) = *r.pick(&[
        ("4400", 16),
        ("4405", 16),
        ("5169", 16),
        ("2200", 16),
        ("2221", 16),
        ("4", 16),
        ("37", 15),
        ("6200", 16),
    ]);
    let pan = luhn_complete(r, prefix, len);
    match (len, r.below(3)) {
        (15, 0) => format!("{} {} {}", &pan[..4], &pan[4..10], &pan[10..]),
        (16, 0) => group4(&pan, " "),
        (16, 1) => group4(&pan, "-"),
        _ => pan,
    }
}

fn group4(s: &str, sep: &str) -> String {
    s.as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(sep)
}

/// Digits that fail Luhn (a transaction id of card length).
pub fn not_luhn(r: &mut Rng, prefix: &str, len: usize) -> String {
    let good = luhn_complete(r, prefix, len);
    let last = good.as_bytes()[len - 1] - b'0';
    format!("{}{}", &good[..len - 1], (last + 1 + r.below(8) as u8) % 10)
}

/// A mod-97-valid KZ IBAN, plain or in groups of four.
pub fn iban(r: &mut Rng) -> String {
    let bank = *r.pick(&["601", "722", "856", "965", "998", "125"]);
    let account = if r.chance(0.5) {
        format!("KZT{}", r.digits(10))
    } else {
        r.digits(13)
    };
    let bban = format!("{bank}{account}");
    let check = 98 - mod97(&format!("{bban}KZ00"));
    let iban = format!("KZ{check:02}{bban}");
    if r.chance(0.4) {
        group4(&iban, " ")
    } else {
        iban
    }
}

fn mod97(s: &str) -> u32 {
    s.bytes().fold(0u32, |rem, c| match c {
        b'0'..=b'9' => (rem * 10 + u32::from(c - b'0')) % 97,
        _ => (rem * 100 + u32::from(c - b'A' + 10)) % 97,
    })
}

/// A Luhn-valid IMEI with a common reporting body, plain or grouped.
pub fn imei(r: &mut Rng) -> String {
    let rb = *r.pick(&["35", "86", "01", "99"]);
    let s = luhn_complete(r, rb, 15);
    if r.chance(0.3) {
        format!("{}-{}-{}-{}", &s[..2], &s[2..8], &s[8..14], &s[14..])
    } else {
        s
    }
}

/// An IMSI of a Kazakh operator, Luhn-valid on purpose (not an IMEI).
pub fn imsi(r: &mut Rng) -> String {
    let mnc = *r.pick(&["40101", "40102", "40177"]);
    luhn_complete(r, mnc, 15)
}

/// A MEID (upper-case hex, regional code A0–FF), sometimes with check digit.
pub fn meid(r: &mut Rng) -> String {
    loop {
        let s = format!("A{}{}", r.hex(1, true), r.hex(12, true));
        if !s.bytes().any(|b| b.is_ascii_alphabetic() && b != b'A') && r.chance(0.5) {
            continue;
        }
        if r.chance(0.3) {
            let with = (0..16)
                .map(|c| format!("{s}{c:X}"))
                .find(|x| luhn16(x.as_bytes()))
                .expect("one hex digit completes Luhn-16");
            return with;
        }
        return s;
    }
}

/// A MAC address in one of the three notations.
pub fn mac(r: &mut Rng) -> String {
    let o: Vec<String> = (0..6).map(|_| r.hex(2, false)).collect();
    let mac = match r.below(4) {
        0 => o.join(":").to_uppercase(),
        1 => o.join("-").to_uppercase(),
        2 => format!("{}{}.{}{}.{}{}", o[0], o[1], o[2], o[3], o[4], o[5]),
        _ => o.join(":"),
    };
    // Identify-nobody addresses and all-decimal ones are not what we plant.
    if mac.bytes().any(|b| b.is_ascii_alphabetic()) {
        mac
    } else {
        format!("a{}", &mac[1..])
    }
}

/// A public or private IPv4 address that identifies a host.
pub fn ipv4(r: &mut Rng) -> String {
    let first = *r.pick(&[2u64, 5, 37, 46, 82, 85, 91, 95, 178, 185, 212, 10, 192]);
    match first {
        10 => format!("10.{}.{}.{}", r.below(256), r.below(256), 1 + r.below(254)),
        192 => format!("192.168.{}.{}", r.below(256), 1 + r.below(254)),
        _ => format!(
            "{first}.{}.{}.{}",
            r.below(256),
            r.below(256),
            1 + r.below(254)
        ),
    }
}

/// An IPv6 address, full or compressed.
pub fn ipv6(r: &mut Rng) -> String {
    let g: Vec<String> = (0..8)
        .map(|_| format!("{:x}", 1 + r.below(0xfffe)))
        .collect();
    match r.below(4) {
        0 => g.join(":"),
        1 => format!("2001:db8:{}::{}", g[2], g[7]),
        2 => format!("fe80::{}:{}:{}:{}", g[4], g[5], g[6], g[7]),
        _ => format!("2a02:{}:{}::{}", g[1], g[2], g[7]),
    }
}

/// A UUID (request ids, primary keys).
pub fn uuid(r: &mut Rng) -> String {
    format!(
        "{}-{}-4{}-a{}-{}",
        r.hex(8, false),
        r.hex(4, false),
        r.hex(3, false),
        r.hex(3, false),
        r.hex(12, false)
    )
}

/// A lower-case hex digest of `n` characters.
pub fn digest(r: &mut Rng, n: usize) -> String {
    r.hex(n, false)
}

/// An SSH MD5 fingerprint (16 hex pairs).
pub fn ssh_fingerprint(r: &mut Rng) -> String {
    (0..16)
        .map(|_| r.hex(2, false))
        .collect::<Vec<_>>()
        .join(":")
}
