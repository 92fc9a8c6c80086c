//! Online identifiers decided by the key they sit under, not by their shape:
//! `cookie_id` (`_ga`, `_ym_uid`, `PHPSESSID`, …), `device_id` (`idfa`,
//! `android_id`, `fcm_token`, …), `user_id` (`user_id`, `uid`, `login`, …)
//! and `auth_token` (`access_token`, …). Keys come from the `keys` lists in
//! `patterns/`; a value is found after `key=` (query strings, cookies,
//! key=value logs), `"key":` (JSON) or `Key: ` (headers). The span is the
//! value alone, so anonymizing it keeps the key and the line's structure.
//!
//! Also by shape, wherever they stand: JSON Web Tokens (`eyJ….eyJ….…`) and
//! `Bearer` tokens, as `auth_token`.

use std::collections::HashMap;
// FNV-1a for the key table: keys are a few bytes long and looked up at
// every `=` and `:` of a log, where SipHash cost 1 % of a scan.
use crate::bytes::FnvBuild;

use crate::bytes::{before, is_alnum};
use crate::detect::Cx;
use crate::engine::Needs;
use crate::kind::Kind;
use crate::patterns::Pattern;

/// Keys (lower case) and the kind of the values under them, behind a cheap
/// filter (key length, first and last byte) that turns away almost every
/// `=` and `:` in a log (clock times, `svc=auth`) before any hashing.
#[derive(Debug, Clone)]
pub struct KeyIndex {
    keys: HashMap<Vec<u8>, Kind, FnvBuild>,
    /// Service and system accounts (lower case): logins of nobody.
    service: std::collections::HashSet<Vec<u8>>,
    lengths: u64,
    firsts: [bool; 256],
    lasts: [bool; 256],
}

const MAX_KEY: usize = 48;

impl KeyIndex {
    pub fn new(patterns: &[Pattern], extra: &[(Kind, String)]) -> KeyIndex {
        let mut index = KeyIndex {
            keys: HashMap::default(),
            service: patterns
                .iter()
                .flat_map(|p| p.service_accounts.iter())
                .map(|s| s.to_ascii_lowercase().into_bytes())
                .collect(),
            lengths: 0,
            firsts: [false; 256],
            lasts: [false; 256],
        };
        let listed = patterns
            .iter()
            .flat_map(|p| p.keys.iter().map(move |k| (p.kind(), k)));
        let extra = extra.iter().map(|(kind, k)| (*kind, k));
        for (kind, k) in listed.chain(extra) {
            {
                let mut buf = [0u8; MAX_KEY];
                let Some((k, _, _)) = canonical(k.as_bytes(), &mut buf) else {
                    continue;
                };
                let k = k.to_vec();
                if k.is_empty() {
                    continue;
                }
                index.lengths |= 1 << k.len();
                index.firsts[usize::from(k[0])] = true;
                index.lasts[usize::from(k[k.len() - 1])] = true;
                index.keys.insert(k, kind);
            }
        }
        index
    }

    /// Adds service accounts beside those in `patterns/user_id.toml`.
    pub fn add_service_accounts<'s>(&mut self, names: impl IntoIterator<Item = &'s str>) {
        self.service.extend(
            names
                .into_iter()
                .map(|s| s.to_ascii_lowercase().into_bytes()),
        );
    }

    /// Whether `login` is a service or system account (case-insensitive).
    pub fn is_service_account(&self, login: &[u8]) -> bool {
        if login.len() > MAX_KEY {
            return false;
        }
        let mut buf = [0u8; MAX_KEY];
        let lower = &mut buf[..login.len()];
        lower.copy_from_slice(login);
        lower.make_ascii_lowercase();
        self.service.contains(&lower[..]) || service_shaped(lower)
    }

    /// The kind of the values under `key`: the key itself in any spelling
    /// (`user_id`, `userId`, `USER-ID` are one key), else its last words
    /// (`operatorLogin` → `login`, `TELEGRAM_BOT_TOKEN` → `token`,
    /// `gps_adid` → `adid`: the head of a compound is its last word).
    fn kind_of(&self, key: &[u8]) -> Option<Kind> {
        // Every word of a key ends where the key ends: a last byte no key
        // has turns most `=`/`:` of a log away before any copying.
        let last = key.iter().rev().find(|b| b.is_ascii_alphanumeric())?;
        if !self.lasts[usize::from(last.to_ascii_lowercase())] {
            return None;
        }
        // Most keys of a log are one lower-case word (`ts`, `level`, `msg`):
        // they are their own canonical form and have no later words.
        if key
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            return self.lookup(key);
        }
        let mut buf = [0u8; MAX_KEY];
        let (canon, tails, n) = canonical(key, &mut buf)?;
        if let Some(kind) = self.lookup(canon) {
            return Some(kind);
        }
        tails[..n].iter().find_map(|&t| self.lookup(&canon[t..]))
    }

    /// The kind of the values in a table column named `name` (`AppsFlyer
    /// ID`, `IDFA`, `ym:s:clientID`: spaces and colons count as `_`), for
    /// the kinds decided by their key alone: device, cookie and user ids
    /// and auth tokens. Kinds with validators of their own (a phone, an
    /// e-mail) are found in the cell by them.
    pub fn kind_of_name(&self, name: &str) -> Option<Kind> {
        // Adjust's raw-data exports head each column with its callback
        // placeholder (`{gps_adid}`, `{ip_address}`).
        let name = name
            .strip_prefix('{')
            .and_then(|n| n.strip_suffix('}'))
            .unwrap_or(name);
        if name.is_empty() || name.len() > MAX_KEY || !name.is_ascii() {
            return None;
        }
        let mut buf = [0u8; MAX_KEY];
        let key = &mut buf[..name.len()];
        for (k, b) in key.iter_mut().zip(name.bytes()) {
            *k = if matches!(b, b' ' | b':') { b'_' } else { b };
        }
        if !key.iter().all(|&b| key_char(b)) {
            return None;
        }
        self.kind_of(key).filter(|k| {
            matches!(
                k,
                Kind::DeviceId | Kind::CookieId | Kind::UserId | Kind::AuthToken
            )
        })
    }

    fn lookup(&self, k: &[u8]) -> Option<Kind> {
        let (Some(&first), Some(&last)) = (k.first(), k.last()) else {
            return None;
        };
        if self.lengths & (1 << k.len()) == 0
            || !self.firsts[usize::from(first)]
            || !self.lasts[usize::from(last)]
        {
            return None;
        }
        self.keys.get(k).copied()
    }
}

/// Accounts named by convention for a service, not a person (lower case):
/// `svc_backup`, `svc-sql` (Windows and Active Directory service accounts);
/// Windows' per-session virtual accounts `DWM-2` (Desktop Window Manager)
/// and `UMFD-2` (font driver host); `ANONYMOUS LOGON`; AWS IAM Identity
/// Center roles `AWSReservedSSO_…`; applications' and bots' accounts;
/// 1C:Enterprise's server user `USR1CV8` and exchange accounts `obmen…`.
fn service_shaped(lower: &[u8]) -> bool {
    let numbered = |prefix: &[u8]| {
        lower
            .strip_prefix(prefix)
            .is_some_and(|n| !n.is_empty() && n.len() <= 3 && n.iter().all(u8::is_ascii_digit))
    };
    // Keycloak's client service accounts, numbered guest accounts of a
    // hotspot or Wi-Fi portal (`guest-4817`).
    let guest = lower
        .strip_prefix(b"guest-")
        .or_else(|| lower.strip_prefix(b"guest_"))
        .is_some_and(|n| !n.is_empty() && n.iter().all(u8::is_ascii_digit));
    // An application's or a bot's account (`crm_app`, `billing-api`,
    // `report_bot`), and 1C's exchange accounts (`obmen_1c`, `obmen_ut`:
    // «обмен», data exchange between infobases).
    const APP_SUFFIXES: &[&[u8]] = &[
        b"_app",
        b"-app",
        b"_svc",
        b"-svc",
        b"_bot",
        b"-bot",
        b"_api",
        b"-api",
        b"_service",
        b"-service",
    ];
    APP_SUFFIXES
        .iter()
        .any(|x| lower.ends_with(x) && lower.len() > x.len())
        || lower.starts_with(b"obmen")
        || lower.starts_with(b"usr1cv8")
        || lower.starts_with(b"svc_")
        || lower.starts_with(b"svc-")
        || lower.starts_with(b"service-account-")
        || guest
        || lower.starts_with(b"awsreservedsso_")
        || lower == b"anonymous logon"
        || numbered(b"dwm-")
        || numbered(b"umfd-")
}

/// Most word boundaries kept in a key.
const TAILS: usize = 6;

/// A key in lower case without `_ - .` into `buf`, and where its later words
/// start there (after a separator or at a camel-case hump), longest first.
fn canonical<'b>(
    key: &[u8],
    buf: &'b mut [u8; MAX_KEY],
) -> Option<(&'b [u8], [usize; TAILS], usize)> {
    if key.is_empty() || key.len() > MAX_KEY {
        return None;
    }
    let mut n = 0;
    let mut tails = [0usize; TAILS];
    let mut count = 0;
    let mut boundary = false;
    for (i, &b) in key.iter().enumerate() {
        if matches!(b, b'_' | b'-' | b'.' | b' ') {
            boundary = n > 0;
            continue;
        }
        let hump = i > 0 && b.is_ascii_uppercase() && key[i - 1].is_ascii_lowercase();
        if (boundary || hump) && n > 0 && count < TAILS {
            tails[count] = n;
            count += 1;
        }
        boundary = false;
        buf[n] = b.to_ascii_lowercase();
        n += 1;
    }
    Some((&buf[..n], tails, count))
}

fn key_char(b: u8) -> bool {
    is_alnum(b) || matches!(b, b'_' | b'.' | b'-')
}

fn value_char(b: u8) -> bool {
    is_alnum(b)
        || matches!(
            b,
            b'_' | b'.' | b'-' | b'%' | b'+' | b'/' | b'=' | b':' | b'~' | b'|' | b'@' | b'*'
        )
}

/// Values already anonymized — a tag (`<USER_ID>`), a mask (`ab***`), a
/// token (`USER_ID_3fa9c2d1e0`) — are no identifiers (like `a***@mail.kz`),
/// so an anonymized log re-scans clean.
fn anonymized(v: &[u8]) -> bool {
    let tag = v.len() > 2
        && v[0] == b'<'
        && v[v.len() - 1] == b'>'
        && v[1..v.len() - 1]
            .iter()
            .all(|&b| b.is_ascii_uppercase() || b == b'_');
    let token = v.iter().rposition(|&b| b == b'_').is_some_and(|u| {
        let (kind, hash) = (&v[..u], &v[u + 1..]);
        (8..=64).contains(&hash.len())
            && hash
                .iter()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
            && Kind::ALL.iter().any(|k| {
                k.id().as_bytes().eq_ignore_ascii_case(kind)
                    && kind.iter().all(|b| !b.is_ascii_lowercase())
            })
    });
    tag || token || v.contains(&b'*')
}

/// Values that stand for nobody.
fn placeholder(v: &[u8]) -> bool {
    if anonymized(v) {
        return true;
    }
    const WORDS: &[&[u8]] = &[
        b"-",
        b"null",
        b"none",
        b"nil",
        b"undefined",
        b"deleted",
        b"true",
        b"false",
        b"anonymous",
        b"guest",
        b"unknown",
        b"n/a",
        b"na",
        b"empty",
        b"0",
        b"-1",
        // Outcomes, not values (CloudTrail's `"ConsoleLogin":"Success"`).
        b"success",
        b"failure",
        b"failed",
        b"ok",
        b"yes",
        b"no",
        b"error",
        b"denied",
        // CloudTrail's own mask for a user name it will not show.
        b"hidden_due_to_security_reasons",
        // An audit trail's actor acting on its own account.
        b"self",
        // auditd's unset login uid (`auid=4294967295`, `AUID="unset"`).
        b"unset",
        b"4294967295",
    ];
    let zeros = v.iter().all(|&b| b == b'0' || b == b'-');
    zeros || WORDS.iter().any(|w| v.eq_ignore_ascii_case(w))
}

/// The shortest value counted for each kind.
fn min_len(kind: Kind) -> usize {
    match kind {
        Kind::CookieId | Kind::DeviceId => 8,
        Kind::AuthToken => 8,
        _ => 1,
    }
}

/// Reports the value but does not consume it: the value's own detectors
/// (an e-mail as a login, a phone as a user id) still run, and the engine
/// prefers their more specific kind for the same span.
fn report(cx: &mut Cx, kind: Kind, s: usize, e: usize) -> Option<usize> {
    // A messenger handle's `@` is no part of the login (`"@t_akhmedov"`).
    let s = if kind == Kind::UserId && cx.hay.get(s) == Some(&b'@') && e > s + 1 {
        s + 1
    } else {
        s
    };
    // `User=CORP%5Cb.omarov` (ActiveSync), `CORP\\b.omarov`: the account
    // without its Windows domain.
    let s = if kind == Kind::UserId {
        let v = &cx.hay[s..e];
        let cut = memchr::memmem::find(v, b"%5C")
            .or_else(|| memchr::memmem::find(v, b"%5c"))
            .map(|p| p + 3)
            .or_else(|| v.iter().rposition(|&b| b == b'\\').map(|p| p + 1));
        cut.map_or(s, |c| s + c)
    } else {
        s
    };
    // A login at a sentence's end keeps no full stop (`authorizationID=dmitry.s.`).
    let mut e = e;
    while kind == Kind::UserId && e > s + 1 && cx.hay[e - 1] == b'.' {
        e -= 1;
    }
    let v = &cx.hay[s..e];
    // GA4's `user_pseudo_id` is a device's on an app and the `_ga` cookie's
    // client id on the web, which has its shape (`1219477386.1710201433`:
    // a random number and the first visit's second).
    let kind = if kind == Kind::DeviceId && ga_client_id(v) {
        Kind::CookieId
    } else {
        kind
    };
    if e > s && v.len() >= min_len(kind) && !placeholder(v) && !nobody(cx, kind, s, v) {
        cx.emit(s, e, kind, 0.8, Needs::Nothing);
    }
    None
}

/// AWS identifiers by their documented shapes, at an ASCII word `s..e`:
/// an access key id (`AKIA`, a long-term key, or `ASIA`, a temporary one,
/// and 16 of `A-Z2-7`) — the half of a credential that names it, reported
/// as `auth_token` as secret scanners do — and an IAM user's unique id
/// (`AIDA` and 17 capitals and digits, CloudTrail's `principalId`), one
/// person's account, reported as `user_id`.
pub(crate) fn aws_id(cx: &mut Cx, s: usize, e: usize) -> Option<usize> {
    let w = &cx.hay[s..e];
    let (kind, base) = match w.len() {
        20 if (w.starts_with(b"AKIA") || w.starts_with(b"ASIA"))
            && w[4..]
                .iter()
                .all(|&b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b)) =>
        {
            (Kind::AuthToken, 0.9)
        }
        21 if w.starts_with(b"AIDA")
            && w[4..]
                .iter()
                .all(|&b| b.is_ascii_uppercase() || b.is_ascii_digit()) =>
        {
            (Kind::UserId, 0.85)
        }
        _ => return None,
    };
    if before(cx.hay, s).is_some_and(is_alnum) {
        return None;
    }
    cx.emit(s, e, kind, base, Needs::Nothing).then_some(e)
}

/// API keys and tokens by the shapes their issuers document, wherever
/// they stand (as secret scanners find them): Google API keys (`AIza` and
/// 35 of `A-Za-z0-9_-`), GitHub tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`,
/// `ghr_` and 36 letters and digits; `github_pat_…`), GitLab personal
/// access tokens (`glpat-` and 20), Slack tokens (`xoxb-`, `xoxp-`,
/// `xoxa-`, `xoxr-`, `xoxs-`) and Stripe secret keys (`sk_live_`,
/// `rk_live_`). At an ASCII word starting at `s`.
pub(crate) fn shaped_token(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    if before(hay, s).is_some_and(|b| is_alnum(b) || b == b'_' || b == b'-') {
        return None;
    }
    let body = |from: usize, dash: bool, under: bool| -> usize {
        let mut e = from;
        while e < hay.len()
            && (is_alnum(hay[e]) || dash && hay[e] == b'-' || under && hay[e] == b'_')
        {
            e += 1;
        }
        e - from
    };
    let rest = &hay[s..];
    let (prefix, min, max, dash, under): (usize, usize, usize, bool, bool) =
        if rest.starts_with(b"AIza") {
            (4, 35, 35, true, true)
        } else if rest.len() > 4
            && rest.starts_with(b"gh")
            && matches!(rest[2], b'p' | b'o' | b'u' | b's' | b'r')
            && rest[3] == b'_'
        {
            (4, 36, 36, false, false)
        } else if rest.starts_with(b"github_pat_") {
            (11, 22, 255, false, true)
        } else if rest.starts_with(b"glpat-") {
            (6, 20, 20, true, true)
        } else if rest.len() > 5
            && rest.starts_with(b"xox")
            && matches!(rest[3], b'b' | b'p' | b'a' | b'r' | b's')
            && rest[4] == b'-'
        {
            (5, 10, 255, true, false)
        } else if rest.starts_with(b"sk_live_") || rest.starts_with(b"rk_live_") {
            (8, 16, 255, false, false)
        } else {
            return None;
        };
    let len = body(s + prefix, dash, under);
    if !(min..=max).contains(&len) {
        return None;
    }
    let e = s + prefix + len;
    cx.emit(s, e, Kind::AuthToken, 0.9, Needs::Nothing)
        .then_some(e)
}

/// `<digits>.<ten digits>`: Google Analytics' client id.
fn ga_client_id(v: &[u8]) -> bool {
    let Some(dot) = v.iter().position(|&b| b == b'.') else {
        return false;
    };
    (6..=12).contains(&dot)
        && v.len() - dot - 1 == 10
        && v[..dot].iter().all(u8::is_ascii_digit)
        && v[dot + 1..].iter().all(u8::is_ascii_digit)
}

/// The value of a table cell `cell` under a column named by a key of
/// `kind` (see [`crate::engine::Engine::find_keyed_cell`]).
pub(crate) fn whole(cx: &mut Cx, kind: Kind, cell: std::ops::Range<usize>) {
    let hay = cx.hay;
    let (mut s, mut e) = (cell.start, cell.end);
    while s < e && matches!(hay[s], b' ' | b'\t' | b'"') {
        s += 1;
    }
    while e > s && matches!(hay[e - 1], b' ' | b'\t' | b'"') {
        e -= 1;
    }
    // One value: no spaces or structure inside (a JSON cell is read by its
    // own keys).
    if hay[s..e]
        .iter()
        .any(|&b| matches!(b, b' ' | b'{' | b'[' | b'<' | b',' | b';'))
    {
        return;
    }
    report(cx, kind, s, e);
}

/// Values under a known key that still name nobody: a service account as
/// a login; a system or app uid (`uid=1000`, `uid=10123`: five digits at
/// most — the account of a daemon or an Android app, whose login, where a
/// log names it, is reported instead); a hex number as a session id
/// (ZooKeeper's `sessionid: 0x1a2b…`); a Java object's identity after a
/// token key (`token=android.os.BinderProxy@4b3e7a1`, `Token{6d2a3f0 …}`);
/// another key=value pair (`user: name=…`).
fn nobody(cx: &Cx, kind: Kind, s: usize, v: &[u8]) -> bool {
    let hay = cx.hay;
    // A date or a clock reading (`last_login: 2024-05-01T…`, GA4's
    // `session_id`, Metrica's `_ym_d`: seconds since 1970) is nobody's id.
    let iso_date =
        v.len() >= 10 && v[..4].iter().all(u8::is_ascii_digit) && v[4] == b'-' && v[7] == b'-';
    let seconds = v.len() == 10 && v[0] == b'1' && v.iter().all(u8::is_ascii_digit);
    if iso_date || seconds && kind != Kind::UserId {
        return true;
    }
    // A label, not a value (`imap-login: Login: user=<…>`).
    if v.last() == Some(&b':') {
        return true;
    }
    match kind {
        Kind::UserId => {
            // One character is a flag (`isNewUser: 1`), not an account.
            if v.len() < 2 || cx.keys().is_service_account(v) {
                return true;
            }
            if onec_journal_property(hay, s) || cloudtrail_role(hay, s) {
                return true;
            }
            // A machine account (`TS01$`: the value stopped at the `$`).
            if hay.get(s + v.len()) == Some(&b'$') {
                return true;
            }
            if oauth_client(hay, s, v) {
                return true;
            }
            // Windows' event log names (`Log Name: Security`).
            const LOGS: &[&[u8]] = &[b"security", b"application", b"setup", b"forwardedevents"];
            if LOGS.iter().any(|w| v.eq_ignore_ascii_case(w)) {
                return true;
            }
            // Another key (`user=`), a machine account (`WS-ACC-017$`), a
            // decimal number (`user: 0.08 s`).
            let decimal = v.contains(&b'.') && v.iter().all(|&b| b.is_ascii_digit() || b == b'.');
            if v.last().is_some_and(|&b| b == b'=' || b == b'$') || decimal {
                return true;
            }
            // An AWS account (twelve digits on a line naming `arn:aws`) is an
            // organisation's, not a person's.
            if v.len() == 12 && v.iter().all(u8::is_ascii_digit) {
                let ls = memchr::memrchr(b'\n', &hay[..s]).map_or(0, |p| p + 1);
                let le = memchr::memchr(b'\n', &hay[s..]).map_or(hay.len(), |p| s + p);
                if memchr::memmem::find(&hay[ls..le], b"arn:aws").is_some() {
                    return true;
                }
            }
            let digits = v.iter().all(u8::is_ascii_digit);
            // The key: back over the quote, spaces and `=`/`:` before the value.
            let mut key_end = s;
            while key_end > 0 && matches!(hay[key_end - 1], b'"' | b'\'' | b' ' | b'=' | b':') {
                key_end -= 1;
            }
            let key = &hay[key_end.saturating_sub(4)..key_end];
            // vsftpd's `OK LOGIN: Client "…"` is a status, not a login key.
            let status = key_end >= 9
                && (hay[..key_end].ends_with(b"OK LOGIN")
                    || hay[..key_end].ends_with(b"FAIL LOGIN"));
            if status {
                return true;
            }
            let uid_key = key.len() >= 3 && key[key.len() - 3..].eq_ignore_ascii_case(b"uid");
            // `podUID`, `objectUid`: a compound ending in `uid` over a UUID
            // is an object's (Kubernetes), not a user's.
            let compound_uid = uid_key
                && key.len() == 4
                && key[0].is_ascii_alphanumeric()
                && v.len() == 36
                && v.iter().filter(|&&b| b == b'-').count() == 4;
            (digits && uid_key && v.len() <= 5)
                || compound_uid
                || v.iter()
                    .skip(1)
                    .take(v.len().saturating_sub(2))
                    .any(|&b| b == b'=')
        }
        // A device id is a UUID, hex or a long number: twelve digits or
        // fewer are an ad's or a campaign's (`Ad ID` beside Adjust's `adid`).
        Kind::DeviceId if v.len() <= 12 && v.iter().all(u8::is_ascii_digit) => true,
        Kind::CookieId if session_counter(hay, s, v) => true,
        // A word is no random identifier (auditd's `SUID="postgres"`).
        Kind::CookieId | Kind::DeviceId
            if v.len() <= 16 && v.iter().all(u8::is_ascii_alphabetic) =>
        {
            true
        }
        Kind::CookieId | Kind::DeviceId => {
            // A Windows SID under `…Sid` is an account's (see `login::sid`).
            v.starts_with(b"S-1-")
                || v.len() > 2
                    && v[..2].eq_ignore_ascii_case(b"0x")
                    && v[2..].iter().all(u8::is_ascii_hexdigit)
        }
        // A secret has a digit or a sign in it, or is long; a word after a
        // `…Token:` label in a message is no secret (`removeWindowToken:
        // Attempted …`), nor is an object dump (`Token{6d2a3f0 …`).
        Kind::AuthToken => {
            java_identity(v)
                || v.contains(&b'{')
                || v.len() < 20 && v.iter().all(u8::is_ascii_alphabetic)
        }
        _ => false,
    }
}

/// Whether the value at `s` is a property of a 1C:Enterprise technological
/// journal event other than its user (`Usr=`): the line opens with the
/// event's `mm:ss.micro-duration,NAME,level,` and the properties are the
/// platform's connection and process numbers and names (`t:clientID=1862`,
/// `ClientID=322`, `p:processName=buh_2024`), nobody's account.
fn onec_journal_property(hay: &[u8], s: usize) -> bool {
    let ls = memchr::memrchr(b'\n', &hay[..s]).map_or(0, |p| p + 1);
    let head = &hay[ls..s];
    let shaped = head.len() > 16
        && head[..2].iter().all(u8::is_ascii_digit)
        && head[2] == b':'
        && head[3..5].iter().all(u8::is_ascii_digit)
        && head[5] == b'.'
        && head[6..12].iter().all(u8::is_ascii_digit)
        && head[12] == b'-';
    if !shaped {
        return false;
    }
    let mut buf = [0u8; 32];
    key_before(hay, s, &mut buf) != b"usr"
}

/// Whether the value at `s` is the `userName` of a CloudTrail event's
/// `sessionIssuer` of type `Role`: the role's name (`crm-api-task`,
/// `AWSReservedSSO_…`), not a person's (AWS CloudTrail userIdentity
/// element reference).
fn cloudtrail_role(hay: &[u8], s: usize) -> bool {
    let from = s.saturating_sub(512);
    let Some(open) = memchr::memmem::rfind(&hay[from..s], b"\"sessionIssuer\":{") else {
        return false;
    };
    let inside = &hay[from + open..s];
    !inside.contains(&b'}') && memchr::memmem::find(inside, b"\"type\":\"Role\"").is_some()
}

/// A session id that names a network session, not a browser's: a number
/// under a `…session id` key (a firewall's `sessionid=184431207`, GA4's
/// counter), or a RADIUS accounting session (`Acct-Session-Id`,
/// `Acct-Unique-Session-Id`) or Cisco's `audit-session-id`.
fn session_counter(hay: &[u8], s: usize, v: &[u8]) -> bool {
    let mut buf = [0u8; 32];
    let key = key_before(hay, s, &mut buf);
    key.ends_with(b"sessionid")
        && (v.iter().all(u8::is_ascii_digit)
            || key.starts_with(b"acct")
            || key.starts_with(b"audit"))
}

/// An OAuth client's id under `clientId` (Keycloak's `crm-web`,
/// `account-console`): an application's name in kebab case, not a person's
/// account.
fn oauth_client(hay: &[u8], s: usize, v: &[u8]) -> bool {
    let mut buf = [0u8; 32];
    let kebab = v.contains(&b'-')
        && v[0].is_ascii_lowercase()
        && v.iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    kebab && key_before(hay, s, &mut buf).ends_with(b"clientid")
}

/// The key before the value at `s` (back over quotes, spaces, `=` and
/// `:`), lower case and without separators, in `buf`.
pub(crate) fn key_before<'b>(hay: &[u8], s: usize, buf: &'b mut [u8; 32]) -> &'b [u8] {
    let mut ke = s;
    while ke > 0 && matches!(hay[ke - 1], b'"' | b'\'' | b' ' | b'=' | b':' | b'\t') {
        ke -= 1;
    }
    let mut ks = ke;
    while ks > 0
        && ke - ks < 32
        && (hay[ks - 1].is_ascii_alphanumeric() || matches!(hay[ks - 1], b'-' | b'_'))
    {
        ks -= 1;
    }
    let mut n = 0;
    for &b in &hay[ks..ke] {
        if b.is_ascii_alphanumeric() {
            buf[n] = b.to_ascii_lowercase();
            n += 1;
        }
    }
    &buf[..n]
}

/// `pkg.Class@1a2b3c` (Java's `Object.toString`) or `Token{…`.
fn java_identity(v: &[u8]) -> bool {
    if let Some(at) = v.iter().rposition(|&b| b == b'@') {
        let (name, hash) = (&v[..at], &v[at + 1..]);
        return !hash.is_empty()
            && hash.len() <= 16
            && hash.iter().all(u8::is_ascii_hexdigit)
            && name.contains(&b'.')
            && name
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'$' | b'_'));
    }
    false
}

/// At `=`: `key=value` with a known key.
pub(crate) fn at_equals(cx: &mut Cx, keys: &KeyIndex, eq: usize) -> Option<usize> {
    let hay = cx.hay;
    // `key = value` (INI, .env, TOML) only as a line of its own.
    let mut ke = eq;
    while ke > 0 && matches!(hay[ke - 1], b' ' | b'\t') {
        ke -= 1;
    }
    let spaced = ke < eq;
    let mut ks = ke;
    while ks > 0 && ke - ks < MAX_KEY && key_char(hay[ks - 1]) {
        ks -= 1;
    }
    // Also as a field of a line whose fields a ` : ` separates (Cisco ASA's
    // `server = 10.1.0.20 : user = g.ibrayeva`).
    if spaced && !line_head(hay, ks) && !(ks >= 3 && &hay[ks - 3..ks] == b" : ") {
        return None;
    }
    let Some(kind) = keys.kind_of(&hay[ks..ke]) else {
        return if ke - ks == 4 {
            sdk_uuid(cx, ks, ke, eq + 1)
        } else {
            None
        };
    };
    let mut s = eq + 1;
    if spaced {
        while matches!(hay.get(s), Some(b' ' | b'\t')) {
            s += 1;
        }
    }
    // Postfix and Dovecot bracket values: `user=<ivanp>`, `from=<…>`.
    if hay.get(s) == Some(&b'<') {
        let vs = s + 1;
        let ve = vs + memchr::memchr2(b'>', b'\n', &hay[vs..]).unwrap_or(hay.len() - vs);
        // `<USER_ID>` is an anonymized value's tag.
        if hay.get(ve) != Some(&b'>') || ve - vs > 256 || anonymized(&hay[s..=ve]) {
            return None;
        }
        return report(cx, kind, vs, ve);
    }
    let quote = matches!(hay.get(s), Some(b'"' | b'\''));
    if quote {
        s += 1;
    }
    let mut e = s;
    let secret = kind == Kind::AuthToken;
    while e < hay.len()
        && (value_char(hay[e]) || secret && secret_char(hay[e]))
        && !(hay[e] == b'=' && e == s)
    {
        // In a query string or cookie, `&`/`;` end the value; `=` may pad base64.
        e += 1;
    }
    if quote && e < hay.len() && hay[e] != hay[s - 1] {
        return None; // a quoted value that goes on past what a value holds
    }
    report(cx, kind, s, e)
}

/// Analytics SDKs whose logs call their device (installation) identifier
/// plain `uuid`: AppMetrica (`Startup finished. uuid=…`, the AppMetrica
/// SDK's own UUID of the installation) and Adjust (`Read Activity state:
/// … uuid:…`, Adjust's install UUID). Elsewhere `uuid` names anything (a
/// request, an order) and is no device.
static UUID_SDKS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 3]> =
    std::sync::LazyLock::new(|| {
        [b"Metrica".as_slice(), b"metrica", b"Adjust"].map(memchr::memmem::Finder::new)
    });

/// At a `uuid` key `ks..ke` on a line that names an analytics SDK, the
/// UUID or 32-hex value at `s` is a `device_id`.
fn sdk_uuid(cx: &mut Cx, ks: usize, ke: usize, s: usize) -> Option<usize> {
    let hay = cx.hay;
    if !hay[ks..ke].eq_ignore_ascii_case(b"uuid") || (ks > 0 && is_alnum(hay[ks - 1])) {
        return None;
    }
    let mut e = s;
    while e < hay.len() && (hay[e].is_ascii_hexdigit() || hay[e] == b'-') {
        e += 1;
    }
    let v = &hay[s..e];
    let dashes = v.iter().filter(|&&b| b == b'-').count();
    let shaped = (v.len() == 32 && dashes == 0) || (v.len() == 36 && dashes == 4);
    if !shaped || hay.get(e).is_some_and(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let ls = memchr::memrchr(b'\n', &hay[..ks]).map_or(0, |p| p + 1);
    let line = &hay[ls..ks];
    if !UUID_SDKS.iter().any(|t| t.find(line).is_some()) {
        return None;
    }
    cx.emit(s, e, Kind::DeviceId, 0.8, Needs::Nothing)
        .then_some(e)
}

/// Whether only indentation stands before `i` on its line.
fn line_head(hay: &[u8], i: usize) -> bool {
    hay[..i]
        .iter()
        .rev()
        .take_while(|&&b| b != b'\n')
        .all(|&b| b == b' ' || b == b'\t')
}

/// Bytes a password or secret may hold beyond [`value_char`]'s.
fn secret_char(b: u8) -> bool {
    matches!(
        b,
        b'!' | b'#' | b'$' | b'^' | b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'?' | b','
    )
}

/// At `:`: `"key": value` (JSON) or `Key: value` (a header) with a known key.
pub(crate) fn at_colon(cx: &mut Cx, keys: &KeyIndex, colon: usize) -> Option<usize> {
    let hay = cx.hay;
    if colon >= 4
        && hay[colon - 1] | 0x20 == b'd'
        && hay[colon - 4..colon].eq_ignore_ascii_case(b"uuid")
    {
        let mut s = colon + 1;
        while hay.get(s) == Some(&b' ') {
            s += 1;
        }
        if let Some(end) = sdk_uuid(cx, colon - 4, colon, s) {
            return Some(end);
        }
    }
    // Clock times and ports (`10:23`, `host:443`) are no keys; a JSON key
    // (`"uid":42`) is.
    if hay.get(colon + 1).is_some_and(u8::is_ascii_digit) && before(hay, colon) != Some(b'"') {
        return None;
    }
    // Pretty-printed JSON spaces the colon (`"USER_ID" : "…"`, as
    // `journalctl -o json` and many serializers write it).
    let mut kq = colon;
    while kq > 0 && colon - kq < 4 && hay[kq - 1] == b' ' {
        kq -= 1;
    }
    let kq = if before(hay, kq) == Some(b'"') {
        kq
    } else {
        colon
    };
    let json = before(hay, kq) == Some(b'"');
    // JSON in a CSV cell doubles its quotes: `""idfa"":""E621…""`.
    let doubled = json && kq >= 2 && hay[kq - 2] == b'"';
    let key_end = if doubled {
        kq - 2
    } else if json {
        kq - 1
    } else {
        colon
    };
    let mut ks = key_end;
    while ks > 0 && key_end - ks < MAX_KEY && key_char(hay[ks - 1]) {
        ks -= 1;
    }
    if json && (ks == 0 || hay[ks - 1] != b'"') {
        return None;
    }
    // A two-word label of a header-like line (`Device ID: …`, `AppsFlyer
    // ID: …`) names the same key as `device_id`.
    let kind = keys.kind_of(&hay[ks..key_end]).or_else(|| {
        if json || ks < 2 || hay[ks - 1] != b' ' || !hay[ks - 2].is_ascii_alphabetic() {
            return None;
        }
        let mut k2 = ks - 1;
        while k2 > 0 && hay[k2 - 1].is_ascii_alphanumeric() && key_end - k2 < MAX_KEY {
            k2 -= 1;
        }
        let first = hay[k2];
        (first.is_ascii_uppercase() && (k2 == 0 || !hay[k2 - 1].is_ascii_alphanumeric()))
            .then(|| keys.kind_of(&hay[k2..key_end]))
            .flatten()
    });
    let kind =
        kind.or_else(|| (json && device_object_id(hay, ks, key_end)).then_some(Kind::DeviceId))?;
    // Segment's `anonymousId` is the `ajs_anonymous_id` cookie's on the
    // web and a device's in its mobile libraries (analytics-ios,
    // analytics-android, analytics-react-native, analytics-swift,
    // analytics-kotlin), which the event names in `context.library`.
    let kind = if kind == Kind::CookieId && hay[ks..key_end].eq_ignore_ascii_case(b"anonymousId") {
        let le = memchr::memchr(b'\n', &hay[colon..]).map_or(hay.len(), |p| colon + p);
        let ls = memchr::memrchr(b'\n', &hay[..ks]).map_or(0, |p| p + 1);
        let line = &hay[ls..le];
        let mobile = [
            &b"\"analytics-ios"[..],
            b"\"analytics-android",
            b"\"analytics-react-native",
            b"\"analytics-swift",
            b"\"analytics-kotlin",
        ]
        .iter()
        .any(|m| memchr::memmem::find(line, m).is_some());
        if mobile {
            Kind::DeviceId
        } else {
            kind
        }
    } else {
        kind
    };
    let mut s = colon + 1;
    // Spaces, or tabs as Windows renders an event (`Account Name:\t\tokim`).
    while matches!(hay.get(s), Some(b' ' | b'\t')) {
        s += 1;
    }
    if !json && s == colon + 1 {
        return None; // `Key:value` without a space is not a header
    }
    if hay.get(s) == Some(&b'"') {
        s += 1;
        if doubled && hay.get(s) == Some(&b'"') {
            s += 1;
        }
        let e = s + memchr::memchr2(b'"', b'\n', &hay[s..]).unwrap_or(hay.len() - s);
        if hay.get(e) != Some(&b'"') {
            return None;
        }
        return report(cx, kind, s, e);
    }
    let mut e = s;
    let secret = kind == Kind::AuthToken && !json;
    while e < hay.len() && (value_char(hay[e]) || secret && secret_char(hay[e])) && hay[e] != b'|' {
        e += 1;
    }
    if kind == Kind::AuthToken && hay[s..e].eq_ignore_ascii_case(b"bearer") {
        return None; // the bearer detector takes the token after it
    }
    report(cx, kind, s, e)
}

/// Whether the JSON key `ks..ke` is `id` inside a `"device":{…}` object
/// (Segment's and many SDKs' `context.device.id`): the device's id.
fn device_object_id(hay: &[u8], ks: usize, ke: usize) -> bool {
    if &hay[ks..ke] != b"id" {
        return false;
    }
    let from = ks.saturating_sub(256);
    let Some(open) = memchr::memmem::rfind(&hay[from..ks], b"\"device\":{") else {
        return false;
    };
    !hay[from + open + 10..ks]
        .iter()
        .any(|&b| b == b'}' || b == b'{')
}

/// At the text of an XML element named by a known key
/// (`<wsse:Username>a.kenzhebekova</wsse:Username>`, `<DeviceId>…`): the
/// whole text up to the closing tag, namespace prefix dropped.
pub(crate) fn element(cx: &mut Cx, keys: &KeyIndex, s: usize) -> Option<usize> {
    let hay = cx.hay;
    let gt = s.checked_sub(1)?;
    let ls = memchr::memrchr(b'\n', &hay[..gt]).map_or(0, |p| p + 1);
    let lt = memchr::memrchr(b'<', &hay[ls..gt])? + ls;
    let mut ks = lt + 1;
    if matches!(hay.get(ks), Some(b'/' | b'!' | b'?')) {
        return None;
    }
    let mut ke = ks;
    while ke < gt && (key_char(hay[ke]) || hay[ke] == b':') {
        ke += 1;
    }
    // Attributes after the name are fine (`<Password Type="…">`).
    if ke == ks || !(ke == gt || hay[ke] == b' ') {
        return None;
    }
    if let Some(colon) = hay[ks..ke].iter().rposition(|&b| b == b':') {
        ks += colon + 1;
    }
    // Windows event XML names each field in an attribute:
    // `<Data Name='TargetUserName'>okim</Data>`.
    // Android's SharedPreferences name each value too:
    // `<string name="installation_id">4f7c…</string>`.
    let (ks, ke) = if matches!(&hay[ks..ke], b"Data" | b"string" | b"int" | b"long") {
        let attrs = &hay[ke..gt];
        let name: &[u8] = if &hay[ks..ke] == b"Data" {
            b"Name="
        } else {
            b"name="
        };
        let at = memchr::memmem::find(attrs, name)?;
        let q = *attrs.get(at + 5)?;
        if q != b'\'' && q != b'"' {
            return None;
        }
        let ns = ke + at + 6;
        let ne = ns + memchr::memchr(q, &hay[ns..gt])?;
        (ns, ne)
    } else {
        (ks, ke)
    };
    let kind = keys.kind_of(&hay[ks..ke])?;
    let e = s + memchr::memchr2(b'<', b'\n', &hay[s..]).unwrap_or(hay.len() - s);
    if hay.get(e) != Some(&b'<') || hay.get(e + 1) != Some(&b'/') {
        return None;
    }
    report(cx, kind, s, e)
}

/// At a value after two or more spaces: a key and its value aligned in
/// columns, as SDKs print their parameters one per line (Adjust's
/// `\tgps_adid         38a1f4c2-…`). The key must open its line or follow
/// a tab, and be a known key.
pub(crate) fn aligned(cx: &mut Cx, keys: &KeyIndex, s: usize) -> Option<usize> {
    let hay = cx.hay;
    let mut ke = s;
    while ke > 0 && hay[ke - 1] == b' ' {
        ke -= 1;
    }
    let mut ks = ke;
    while ks > 0 && ke - ks < MAX_KEY && key_char(hay[ks - 1]) {
        ks -= 1;
    }
    if ks == ke || !(ks == 0 || hay[ks - 1] == b'\t' || line_head(hay, ks)) {
        return None;
    }
    let kind = keys.kind_of(&hay[ks..ke])?;
    let mut e = s;
    while e < hay.len() && value_char(hay[e]) {
        e += 1;
    }
    // The value ends its line: a word of a sentence is no value.
    if !matches!(hay.get(e), None | Some(b'\n' | b'\r')) {
        return None;
    }
    report(cx, kind, s, e)
}

fn b64url(b: u8) -> bool {
    is_alnum(b) || b == b'-' || b == b'_'
}

/// At a word starting `eyJ`: a JSON Web Token (three base64url parts; the
/// first two are JSON objects, so they start `eyJ`).
pub(crate) fn jwt(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    if before(hay, s).is_some_and(b64url) {
        return None;
    }
    let part = |from: usize| {
        let mut e = from;
        while e < hay.len() && b64url(hay[e]) {
            e += 1;
        }
        e
    };
    let e1 = part(s);
    if hay.get(e1) != Some(&b'.') || e1 - s < 10 || !hay[e1 + 1..].starts_with(b"eyJ") {
        return None;
    }
    let e2 = part(e1 + 1);
    if hay.get(e2) != Some(&b'.') || e2 - e1 < 10 {
        return None;
    }
    let e3 = part(e2 + 1);
    cx.emit(s, e3, Kind::AuthToken, 0.95, Needs::Nothing)
        .then_some(e3)
}

/// At the word `Bearer`: the token after it.
pub(crate) fn bearer(cx: &mut Cx, s: usize, word_end: usize) -> Option<usize> {
    let hay = cx.hay;
    if hay.get(word_end) != Some(&b' ') || !hay[s..word_end].eq_ignore_ascii_case(b"bearer") {
        return None;
    }
    let ts = word_end + 1;
    let mut e = ts;
    while e < hay.len() && (b64url(hay[e]) || matches!(hay[e], b'.' | b'~' | b'+' | b'/' | b'=')) {
        e += 1;
    }
    if e - ts < 16 || placeholder(&hay[ts..e]) {
        return None;
    }
    cx.emit(ts, e, Kind::AuthToken, 0.95, Needs::Nothing)
        .then_some(e)
}
