//! Phone numbers under country code +7: Kazakhstan (+7 6xx/7xx: mobile ranges
//! from libphonenumber's KZ metadata, fixed lines by area code) and Russia
//! (+7 3xx/4xx/8xx/9xx; personal phones too), in the written forms the spec
//! lists: `+7 (701) 123-45-67`, `8 701 123 45 67`, `87011234567`,
//! `+7 (7172) 12-34-56`, `%2B77011234567` in URLs, and a bare national
//! `7011234567` only where a context word says "phone".

use crate::bytes::{self, before, is_alnum, is_digit};
use crate::detect::{all_same, Cx};
use crate::engine::Needs;
use crate::kind::Kind;

/// Kazakhstan fixed-line area codes (4 digits after the leading 7), from
/// the spec's list (libphonenumber KZ fixedLine data).
const KZ_AREA: &[&[u8]] = &[
    b"7172", b"7272", b"7252", b"7212", b"7222", b"7232", b"7182", b"7152", b"7142", b"7132",
    b"7122", b"7112", b"7292", b"7242", b"7262", b"7282", b"7162", b"7102", b"7187", b"7213",
];

/// What a national (10-digit) number is, as far as the numbering plans tell.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Plan {
    KzMobile,
    KzFixed,
    KzOther,
    RuMobile,
    RuFixed,
}

fn plan(n: &[u8]) -> Option<Plan> {
    if n.len() != 10 || all_same(&n[3..]) {
        return None;
    }
    let two = &n[1..3];
    Some(match n[0] {
        b'7' => match two {
            b"00" | b"01" | b"02" | b"05" | b"06" | b"07" | b"08" | b"47" | b"60" | b"61"
            | b"62" | b"63" | b"64" | b"71" | b"75" | b"76" | b"77" | b"78" | b"85" => {
                Plan::KzMobile
            }
            [b'1' | b'2', _] if KZ_AREA.contains(&&n[..4]) || &n[..3] == b"727" => Plan::KzFixed,
            [b'1' | b'2', _] | b"51" => Plan::KzOther,
            _ => return None,
        },
        b'6' => Plan::KzOther,
        b'9' => Plan::RuMobile,
        b'3' | b'4' => Plan::RuFixed,
        b'8' if n[1] != b'0' => Plan::RuFixed,
        _ => return None,
    })
}

fn base_confidence(plan: Plan, formatted: bool) -> f32 {
    match (plan, formatted) {
        (Plan::KzMobile, true) => 0.95,
        (Plan::KzMobile, false) => 0.85,
        (Plan::KzFixed, true) => 0.9,
        (Plan::KzFixed, false) => 0.6,
        (Plan::RuMobile, true) => 0.9,
        (Plan::RuMobile, false) => 0.7,
        (Plan::RuFixed | Plan::KzOther, true) => 0.75,
        (Plan::RuFixed | Plan::KzOther, false) => 0.4,
    }
}

/// Digits of a written phone number and how it was written.
struct Written {
    digits: [u8; 11],
    len: usize,
    end: usize,
    groups: usize,
    one_digit_groups: usize,
}

/// Gathers up to 11 digits from `i`, allowing between groups up to two of
/// `space - . ( )` (one pair of parentheses at most, `open` if one was
/// opened before `i`), or a URL-encoded space (`%20`, or `+` in a form).
fn gather(hay: &[u8], mut i: usize, open: bool) -> Option<Written> {
    let mut w = Written {
        digits: [0; 11],
        len: 0,
        end: i,
        groups: 0,
        one_digit_groups: 0,
    };
    let (mut open, mut closed) = (open, false);
    // Digits inside the parentheses: an area code has three to five
    // (`(701)`, `(7172)`); Junos writes `packets(bytes)`, `73(846280)`.
    let mut in_parens = 0;
    loop {
        let gs = i;
        while i < hay.len() && is_digit(hay[i]) {
            if w.len == 11 {
                return None;
            }
            if open && !closed {
                in_parens += 1;
            }
            w.digits[w.len] = hay[i];
            w.len += 1;
            i += 1;
        }
        if i == gs {
            return None;
        }
        w.groups += 1;
        if i - gs == 1 && w.groups > 1 {
            w.one_digit_groups += 1;
        }
        w.end = i;
        if w.len == 11 {
            break;
        }
        let mut j = i;
        let mut seps = 0;
        while j < hay.len() && seps < 3 {
            match hay[j] {
                b' ' | b'-' | b'.' | b'+' => {}
                b'(' if !open && !closed => open = true,
                b')' if open && !closed => closed = true,
                b'%' if hay.get(j + 1..j + 3) == Some(b"20") => j += 2,
                _ => match bytes::wide_separator(hay, j) {
                    0 => break,
                    n => j += n - 1,
                },
            }
            j += 1;
            seps += 1;
        }
        if j == i || !hay.get(j).is_some_and(|&b| is_digit(b)) || seps > 2 {
            break;
        }
        i = j;
    }
    if open && !closed || closed && !(3..=5).contains(&in_parens) {
        return None;
    }
    Some(w)
}

/// Whether the number may end at `end`: not glued to letters or digits, and
/// not continued by `-digit` / `.digit`.
fn right_ok(hay: &[u8], end: usize) -> bool {
    bytes::numeric_right_ok(hay, end)
        && !(matches!(bytes::at(hay, end), Some(b'-' | b'.'))
            && bytes::at(hay, end + 1).is_some_and(is_digit))
}

fn report(cx: &mut Cx, start: usize, w: &Written, prefixed: bool) -> Option<usize> {
    if w.len == 10 && !prefixed && w.groups >= 3 && w.one_digit_groups == 0 {
        // A national number without its prefix, in groups (`764 064 22 17`):
        // a phone only where a key, a column or a word says so.
        if !right_ok(cx.hay, w.end) {
            return None;
        }
        let plan = plan(&w.digits[..10])?;
        let base = base_confidence(plan, true);
        return cx
            .emit(start, w.end, Kind::Phone, base, Needs::Context)
            .then_some(w.end);
    }
    if w.len != 11 || w.one_digit_groups > 0 || !right_ok(cx.hay, w.end) {
        return None;
    }
    let plan = plan(&w.digits[1..11])?;
    let formatted = prefixed || w.groups > 1;
    let base = base_confidence(plan, formatted);
    cx.emit(start, w.end, Kind::Phone, base, Needs::Nothing)
        .then_some(w.end)
}

/// At `+` (or `%2B`, `sign_len` 3): an international number, `+7…` by the
/// Kazakh and Russian plans, any other country by libphonenumber's.
pub(crate) fn at_plus(cx: &mut Cx, p: usize, sign_len: usize) -> Option<usize> {
    let hay = cx.hay;
    if before(hay, p).is_some_and(is_alnum) && !bytes::escape_before(hay, p) {
        return None;
    }
    match hay.get(p + sign_len) {
        Some(b'7') => {
            let w = gather(hay, p + sign_len, false)?;
            report(cx, p, &w, true)
        }
        Some(b'1'..=b'9') if sign_len == 1 => foreign(cx, p),
        _ => None,
    }
}

/// Whether a phone span is written with a country code other than 7.
fn is_foreign(span: &[u8]) -> bool {
    let rest = if span.first() == Some(&b'+') {
        &span[1..]
    } else if span.len() > 3 && span[..3].eq_ignore_ascii_case(b"%2B") {
        &span[3..]
    } else {
        return false;
    };
    rest.first()
        .is_some_and(|&b| b.is_ascii_digit() && b != b'7')
}

/// The most digits an E.164 number has.
const E164_MAX: usize = 15;

/// `+<country code> …` of a country other than Kazakhstan and Russia: the
/// longest run of digit groups (the separators of [`gather`]) that
/// libphonenumber's metadata calls a valid number of its country, so
/// `+1 (701) 555-0175` stays a US number and never loses its country code.
fn foreign(cx: &mut Cx, p: usize) -> Option<usize> {
    let hay = cx.hay;
    // Digits and the ends of their groups.
    let mut digits = [0u8; E164_MAX + 1];
    let mut n = 0;
    let mut ends = [(0usize, 0usize); 8];
    let mut groups = 0;
    let mut i = p + 1;
    let mut open = false;
    loop {
        let gs = i;
        while i < hay.len() && is_digit(hay[i]) {
            if n == E164_MAX {
                return None;
            }
            digits[n] = hay[i];
            n += 1;
            i += 1;
        }
        if i == gs || groups == ends.len() {
            break;
        }
        ends[groups] = (i, n);
        groups += 1;
        let mut j = i;
        let mut seps = 0;
        while j < hay.len() && seps < 3 {
            match hay[j] {
                b' ' | b'-' | b'.' => {}
                b'(' if !open => open = true,
                b')' if open => open = false,
                _ => match bytes::wide_separator(hay, j) {
                    0 => break,
                    w => j += w - 1,
                },
            }
            j += 1;
            seps += 1;
        }
        if j == i || !hay.get(j).is_some_and(|&b| is_digit(b)) {
            break;
        }
        i = j;
    }
    // Longest first; a number has 8–15 digits with its country code.
    for g in (0..groups).rev() {
        let (end, count) = ends[g];
        if count < 8 {
            break;
        }
        if !right_ok(hay, end) {
            continue;
        }
        let mut text = [0u8; E164_MAX + 2];
        text[0] = b'+';
        text[1..=count].copy_from_slice(&digits[..count]);
        let text = std::str::from_utf8(&text[..=count]).ok()?;
        let valid = phonenumber::parse(None, text).is_ok_and(|num| phonenumber::is_valid(&num));
        if valid {
            let base = if g > 0 { 0.9 } else { 0.8 };
            return cx
                .emit(p, end, Kind::Phone, base, Needs::Nothing)
                .then_some(end);
        }
    }
    None
}

/// The country of a phone span written with a foreign country code
/// (`+996 …` → `KG +996`), by libphonenumber.
pub fn foreign_country(span: &[u8]) -> Option<String> {
    if !is_foreign(span) || span.first() != Some(&b'+') {
        return None;
    }
    let digits: String = span
        .iter()
        .filter(|b| b.is_ascii_digit())
        .map(|&b| b as char)
        .collect();
    let num = phonenumber::parse(None, format!("+{digits}")).ok()?;
    let code = num.code().value();
    Some(match num.country().id() {
        Some(id) => format!("{id:?} +{code}"),
        None => format!("+{code}"),
    })
}

/// At a digit run starting with 8 or 7: `8 701 …`, `87011234567`,
/// `77011234567`.
pub(crate) fn at_digits(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    if !bytes::numeric_left_ok(hay, s) || matches!(before(hay, s), Some(b'+' | b'-')) {
        return None;
    }
    let w = gather(hay, s, false)?;
    // `886 901 596.83 теңге`: space-grouped thousands and a decimal part
    // make an amount.
    let cents = w.end >= s + 3 && hay[w.end - 3] == b'.' && hay[s..w.end - 3].contains(&b' ');
    if cents {
        return None;
    }
    report(cx, s, &w, false)
}

/// A national number opening with a parenthesised code, `(701) 123-45-67`
/// (the digit run at `s` follows the `(`): a phone only next to a context word.
pub(crate) fn after_paren(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    if s < 1 || hay[s - 1] != b'(' || bytes::before(hay, s - 1).is_some_and(is_alnum) {
        return None;
    }
    // `+1 (701) 555-0175`: the code in parentheses belongs to the country
    // code before it.
    let mut k = s - 1;
    while k > 0 && matches!(hay[k - 1], b' ' | b'-') {
        k -= 1;
    }
    let cc = hay[..k]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if cc > 0 && k > cc && hay[k - cc - 1] == b'+' {
        return None;
    }
    let w = gather(hay, s, true)?;
    if w.len != 10 || w.one_digit_groups > 0 || w.groups < 3 || !right_ok(hay, w.end) {
        return None;
    }
    let plan = plan(&w.digits[..10])?;
    let base = base_confidence(plan, true);
    cx.emit(s - 1, w.end, Kind::Phone, base, Needs::Context)
        .then_some(w.end)
}

/// A bare 10-digit national number (`7011234567`): a phone only where the
/// context says so.
pub(crate) fn bare_national(cx: &mut Cx, s: usize, e: usize) -> bool {
    let Some(plan) = plan(&cx.hay[s..e]) else {
        return false;
    };
    let base = base_confidence(plan, false).max(0.6);
    cx.emit(s, e, Kind::Phone, base, Needs::Context)
}

/// The 10-digit national number of a phone span, for normalization: drops
/// separators and the `+7` / `8` / `7` prefix.
pub fn national(span: &[u8]) -> Option<[u8; 10]> {
    if is_foreign(span) {
        return None;
    }
    let mut d = [0u8; 11];
    let mut n = 0;
    for &b in span.iter().filter(|b| b.is_ascii_digit()) {
        if n == 11 {
            return None;
        }
        d[n] = b;
        n += 1;
    }
    let national = match n {
        11 => &d[1..11],
        10 => &d[..10],
        _ => return None,
    };
    national.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans() {
        assert_eq!(plan(b"7011234567"), Some(Plan::KzMobile));
        assert_eq!(plan(b"7172123456"), Some(Plan::KzFixed));
        assert_eq!(plan(b"9161234567"), Some(Plan::RuMobile));
        assert_eq!(plan(b"8001234567"), None);
        assert_eq!(plan(b"2024123456"), None);
        assert_eq!(national(b"+7 (701) 123-45-67"), Some(*b"7011234567"));
    }
}
