//! Logins of people in system logs, as `user_id`: the positions sshd, PAM,
//! su, sudo, systemd-logind, vsftpd, Squid, Hadoop and every Unix tool write
//! an account name in, and the home and profile folders named after it.
//!
//! | written form | example | from |
//! |---|---|---|
//! | `<method> for X from` | `Accepted publickey for ivanp from 10.0.0.5` | sshd |
//! | `for user X`, `of user X`, `user 'X'` | `session opened for user ivanp(uid=1002)` | PAM, logind, chfn |
//! | `changed for X`, `failed for X` | `password changed for ivanp` | passwd, su |
//! | `X : TTY=` | `sudo:  ivanp : TTY=pts/0 ; PWD=…` | sudo |
//! | `[X] OK LOGIN` | `[ivanp] OK DOWNLOAD: Client …` | vsftpd |
//! | `X HIER_DIRECT/…` | the user column of Squid's native log | Squid |
//! | `acls to: a,b` | `Changing view acls to: yarn,ivanp` | Hadoop/Spark |
//! | `/home/X/`, `/Users/X/`, `C:\Users\X\`, `/user/X/`, `/dav/files/X/` | `PWD=/home/ivanp/crm` | paths |
//! | `/usercache/X/`, `/staging/X/` | `/mnt/yarn/usercache/ivanp/appcache` | YARN, MapReduce |
//! | `(to T) X on` | `su: (to root) ivanp on pts/1` | su |
//! | `sudo: X : ` | `sudo:   ivanp : 3 incorrect password attempts ;` | sudo |
//! | `perm=X:group:mode` | `perm=ivanp:supergroup:rw-r--r--` | HDFS audit |
//! | `new user: name=X,` | `new group: name=ivanp, GID=1007` | useradd, groupadd |
//! | `by user X` | `submitted by user ivanp` | YARN |
//!
//! Service and system accounts (`root`, `daemon`, `www-data`, `hdfs`, …:
//! `service_accounts` in `patterns/user_id.toml`) identify nobody and are
//! never reported; names an attacker tried (`Invalid user admin from …`) are
//! not this system's people and get a confidence under the default
//! threshold. Key=value forms (`USER=`, `ruser=`, `logname=`, `ugi=`) are
//! keys in `patterns/user_id.toml`, read by [`super::keyed`].

use crate::bytes;
use crate::detect::Cx;
use crate::engine::Needs;
use crate::kind::Kind;

/// Confidence of a login in a known position.
const SURE: f32 = 0.85;
/// Confidence of a name an attacker tried.
const TRIED: f32 = 0.3;

fn login_byte(b: u8) -> bool {
    bytes::is_alnum(b) || matches!(b, b'.' | b'_' | b'-' | b'@' | b'$')
}

/// The login starting at `i`: its end (a trailing `.`, as in `user ivanp.`,
/// is a full stop).
fn login_end(hay: &[u8], i: usize) -> usize {
    let mut e = i;
    while e < hay.len() && e - i < 64 && login_byte(hay[e]) {
        e += 1;
    }
    while e > i && matches!(hay[e - 1], b'.' | b'-') {
        e -= 1;
    }
    e
}

/// The login starting at `i` and ending before an `@` in it, if any
/// (`ivanp@pts/1`, `a.bekova@corp.kz`, `'x'@'10.%'`): `login_end` keeps
/// the `@`.
fn login_before_at(hay: &[u8], i: usize) -> usize {
    let e = login_end(hay, i);
    hay[i..e]
        .iter()
        .position(|&b| b == b'@')
        .map_or(e, |p| i + p)
}

/// The login ending at `e` (exclusive).
fn login_start(hay: &[u8], e: usize) -> usize {
    let mut s = e;
    while s > 0 && e - s < 64 && login_byte(hay[s - 1]) {
        s -= 1;
    }
    s
}

fn word_before(hay: &[u8], s: usize) -> &[u8] {
    if s == 0 || hay[s - 1] != b' ' {
        return &[];
    }
    let e = s - 1;
    let mut b = e;
    while b > 0 && (bytes::is_alnum(hay[b - 1]) || matches!(hay[b - 1], b'-' | b'/')) {
        b -= 1;
    }
    &hay[b..e]
}

/// Nouns that stand where a login could (`verification failed for peer`,
/// `Authorization failed for token`, `changed for client`).
const NOT_LOGINS: &[&str] = &[
    "peer",
    "token",
    "client",
    "server",
    "host",
    "request",
    "session",
    "connection",
    "key",
    "history",
    "data",
    "all",
    "everyone",
    "unknown",
];

/// Reports `hay[s..e]` as a login unless it is a service account, a number
/// or empty.
fn report(cx: &mut Cx, s: usize, e: usize, base: f32) -> Option<usize> {
    if e <= s {
        return None;
    }
    let hay = cx.hay;
    let v = &hay[s..e];
    if v == b"-"
        || v.iter().all(u8::is_ascii_digit)
        || cx.keys().is_service_account(v)
        || NOT_LOGINS
            .iter()
            .any(|w| w.as_bytes().eq_ignore_ascii_case(v))
    {
        return None;
    }
    // A login starts with a letter or digit (not `-n`, `.profile`).
    if !bytes::is_alnum(v[0]) {
        return None;
    }
    if base < SURE {
        cx.emit_exact(s, e, Kind::UserId, base);
    } else {
        cx.emit(s, e, Kind::UserId, base, Needs::Nothing);
    }
    Some(e)
}

/// The `remote_user` of an access-log line (`hay[s..e]`, `-` when none).
pub(crate) fn remote_user(cx: &mut Cx, s: usize, e: usize) {
    report(cx, s, e, SURE);
}

/// At an ASCII word `s..e` that may open a login position. Returns where
/// scanning goes on when it reported one.
pub(crate) fn at(cx: &mut Cx, s: usize, e: usize) -> Option<usize> {
    let hay = cx.hay;
    let next = |i: usize| bytes::at(hay, i);
    match &hay[s..e] {
        b"for" if next(e) == Some(b' ') => {
            let x = e + 1;
            if hay[x..].starts_with(b"user \"") {
                // PostgreSQL: `password authentication failed for user "ivanp"`.
                let ls = x + 6;
                let le = login_end(hay, ls);
                return (next(le) == Some(b'"'))
                    .then(|| report(cx, ls, le, SURE))
                    .flatten();
            }
            if hay[x..].starts_with(b"user ") {
                return report(cx, x + 5, login_end(hay, x + 5), SURE);
            }
            if hay[x..].starts_with(b"invalid user ") {
                let ls = x + 13;
                return report(cx, ls, login_end(hay, ls), TRIED);
            }
            let method = word_before(hay, s);
            let known = matches!(
                method,
                b"password"
                    | b"publickey"
                    | b"keyboard-interactive/pam"
                    | b"hostbased"
                    | b"gssapi-with-mic"
                    | b"none"
                    | b"changed"
                    | b"failed"
                    | b"exceeded"
            );
            if !known {
                return None;
            }
            let le = login_end(hay, x);
            // sshd: `for X from` / `for X port`; passwd/su: `for X` at the
            // line's end or before ` on`.
            let tail = &hay[le..];
            let fits = tail.is_empty()
                || starts_with_any(tail, &[b" from ", b" port ", b" on ", b"\n", b"\r"]);
            if fits {
                report(cx, x, le, SURE)
            } else {
                None
            }
        }
        // Cisco ASA: `for user = X`, `User <X> IP <…>`.
        b"user" | b"User" if hay[e..].starts_with(b" = ") || hay[e..].starts_with(b" <") => {
            let angle = hay[e..].starts_with(b" <");
            let ls = if angle { e + 2 } else { e + 3 };
            let le = login_end(hay, ls);
            if angle {
                return (next(le) == Some(b'>'))
                    .then(|| report(cx, ls, le, SURE))
                    .flatten();
            }
            report(cx, ls, le, SURE)
        }
        b"user" | b"User" => {
            let prev = word_before(hay, s);
            if next(e) == Some(b' ')
                && matches!(
                    prev,
                    b"of"
                        | b"from"
                        | b"by"
                        | b"as"
                        | b"authenticating"
                        | b"Invalid"
                        | b"invalid"
                        | b"illegal"
                )
            {
                let conf = if matches!(prev, b"of" | b"from" | b"by" | b"as" | b"authenticating") {
                    SURE
                } else {
                    TRIED
                };
                return report(cx, e + 1, login_end(hay, e + 1), conf);
            }
            // `user "X": password mismatch` (nginx), `user X authenticated`.
            if hay[e..].starts_with(b" \"") {
                let ls = e + 2;
                let le = login_end(hay, ls);
                if next(le) == Some(b'"') {
                    return report(cx, ls, le, SURE);
                }
            }
            if next(e) == Some(b' ') {
                let le = login_end(hay, e + 1);
                let tail = &hay[le..];
                // Apache's mod_auth_basic: `user X: authentication failure
                // for "/hr/"`, `user X not found: /hr/`.
                if starts_with_any(
                    tail,
                    &[
                        b" authenticated",
                        b" logged",
                        b": authentication",
                        b" not found",
                    ],
                ) {
                    return report(cx, e + 1, le, SURE);
                }
            }
            // Samba's auth audit: `user [CORP]\[ivanp] at [...]`, and
            // `Authentication for user [ivanp] -> [ivanp]`.
            if hay[e..].starts_with(b" [") {
                let mut ls = e + 2;
                let close = login_end(hay, ls);
                if hay[close..].starts_with(b"]\\[") {
                    ls = close + 3;
                }
                let le = login_end(hay, ls);
                return (next(le) == Some(b']'))
                    .then(|| report(cx, ls, le, SURE))
                    .flatten();
            }
            if hay[e..].starts_with(b" '") {
                let ls = e + 2;
                let le = login_end(hay, ls);
                if next(le) == Some(b'\'') {
                    return report(cx, ls, le, SURE);
                }
                return None;
            }
            // HDFS: `/user/X/`.
            if bytes::before(hay, s) == Some(b'/') && next(e) == Some(b'/') {
                return folder(cx, e + 1, b'/');
            }
            // An AWS IAM user's ARN: `arn:aws:iam::482913375120:user/e.nurlanov`.
            if bytes::before(hay, s) == Some(b':') && next(e) == Some(b'/') {
                let head = &hay[s.saturating_sub(40)..s];
                if memchr::memmem::find(head, b"arn:aws:iam::").is_some() {
                    return folder(cx, e + 1, b'/');
                }
            }
            None
        }
        // Home folders; YARN's per-user cache and MapReduce's staging
        // folders (`/usercache/X/appcache`, `/mapred/staging/X/.staging`).
        b"home" | b"usercache" | b"staging"
            if bytes::before(hay, s) == Some(b'/') && next(e) == Some(b'/') =>
        {
            folder(cx, e + 1, b'/')
        }
        // Nextcloud's and ownCloud's WebDAV roots, one per user:
        // `/remote.php/dav/files/X/`, `/remote.php/dav/calendars/X/`.
        b"files" | b"calendars"
            if bytes::before(hay, s) == Some(b'/')
                && next(e) == Some(b'/')
                && hay[..s].ends_with(b"/dav/") =>
        {
            folder(cx, e + 1, b'/')
        }
        // su: `(to root) X on pts/1`.
        b"to" if bytes::before(hay, s) == Some(b'(') && next(e) == Some(b' ') => {
            let close = e + 1 + memchr::memchr(b')', &hay[e + 1..(e + 40).min(hay.len())])?;
            if next(close + 1) != Some(b' ') {
                return None;
            }
            let ls = close + 2;
            let le = login_end(hay, ls);
            if hay[le..].starts_with(b" on ") {
                report(cx, ls, le, SURE)
            } else {
                None
            }
        }
        // sudo: `sudo:   X : 3 incorrect password attempts ; TTY=…`,
        // `sudo: X : command not allowed ; …`.
        b"sudo" if next(e) == Some(b':') => {
            let mut ls = e + 1;
            while next(ls) == Some(b' ') {
                ls += 1;
            }
            let le = login_end(hay, ls);
            if hay[le..].starts_with(b" : ") {
                report(cx, ls, le, SURE)
            } else {
                None
            }
        }
        // HDFS audit: `perm=X:group:rwxr-xr-x`, the owner first.
        b"perm" if next(e) == Some(b'=') => {
            let le = login_end(hay, e + 1);
            let group_end = login_end(hay, le + 1);
            if next(le) == Some(b':') && next(group_end) == Some(b':') {
                report(cx, e + 1, le, SURE)
            } else {
                None
            }
        }
        // useradd/groupadd/userdel: `new user: name=X, UID=…`,
        // `group added to /etc/group: name=X, GID=…`.
        b"name" if next(e) == Some(b'=') && s >= 2 && &hay[s - 2..s] == b": " => {
            let head = &hay[s.saturating_sub(24)..s - 2];
            let account = head.ends_with(b"new user")
                || head.ends_with(b"new group")
                || head.ends_with(b"/etc/group")
                || head.ends_with(b"/etc/gshadow")
                || head.ends_with(b"/etc/passwd")
                || head.ends_with(b"/etc/shadow")
                || head.ends_with(b"delete user")
                || head.ends_with(b"removed group");
            let le = login_end(hay, e + 1);
            if account && next(le) == Some(b',') {
                report(cx, e + 1, le, SURE)
            } else {
                None
            }
        }
        b"Users" => match (bytes::before(hay, s), next(e)) {
            (Some(b'/'), Some(b'/')) => folder(cx, e + 1, b'/'),
            (Some(b'\\'), Some(b'\\')) => {
                // `C:\Users\X\`, also `C:\\Users\\X` in escaped strings.
                let from = if next(e + 1) == Some(b'\\') {
                    e + 2
                } else {
                    e + 1
                };
                folder(cx, from, b'\\')
            }
            _ => None,
        },
        b"TTY" if next(e) == Some(b'=') && s >= 3 && &hay[s - 3..s] == b" : " => {
            let le = s - 3;
            report(cx, login_start(hay, le), le, SURE).map(|_| e)
        }
        b"HIER" if next(e) == Some(b'_') && bytes::before(hay, s) == Some(b' ') => {
            let le = s - 1;
            report(cx, login_start(hay, le), le, SURE).map(|_| e)
        }
        // vsftpd: the client's `USER` command (`"USER ivanp"`), and the
        // logged-in user before each command (`[okim] FTP command: …`).
        b"USER" if bytes::before(hay, s) == Some(b'"') && next(e) == Some(b' ') => {
            let le = login_end(hay, e + 1);
            (next(le) == Some(b'"'))
                .then(|| report(cx, e + 1, le, SURE))
                .flatten()
        }
        b"OK" | b"FAIL" | b"FTP" if s >= 2 && &hay[s - 2..s] == b"] " => {
            if hay[s..e] == *b"FTP"
                && !(hay[e..].starts_with(b" command") || hay[e..].starts_with(b" response"))
            {
                return None;
            }
            let close = s - 2;
            let open = memchr::memrchr(b'[', &hay[close.saturating_sub(64)..close])
                .map(|p| close.saturating_sub(64) + p)?;
            // `[pid 21410]` is no login.
            if login_end(hay, open + 1) != close {
                return None;
            }
            report(cx, open + 1, close, SURE).map(|_| e)
        }
        // FreeRADIUS's radius.log: `Login OK: [user/<via Auth-Type = eap>]
        // (from client …)`, `Login incorrect (reason): [user/password] (…)`.
        b"Login" if next(e) == Some(b' ') => radius(cx, e),
        // `… by dkassym(uid=1002)` (PAM: who opened the session).
        b"by" if next(e) == Some(b' ') => {
            let le = login_end(hay, e + 1);
            if hay[le..].starts_with(b"(uid=") {
                report(cx, e + 1, le, SURE)
            } else {
                None
            }
        }
        // `add 'X' to group` (usermod).
        b"add" if hay[e..].starts_with(b" '") => {
            let ls = e + 2;
            let le = login_end(hay, ls);
            if hay[le..].starts_with(b"' to ") {
                report(cx, ls, le, SURE)
            } else {
                None
            }
        }
        // Spark: `users with view permissions: Set(yarn, ivanp)`.
        b"Set" if next(e) == Some(b'(') && s >= 2 && &hay[s - 2..s] == b": " => {
            list(cx, e + 1, b", ").or(Some(e))
        }
        b"acls" if hay[e..].starts_with(b" to: ") || hay[e..].starts_with(b" to ") => {
            let from = if hay[e..].starts_with(b" to: ") {
                e + 5
            } else {
                e + 4
            };
            list(cx, from, b",").or(Some(e))
        }
        // sshd's process title (`sshd: ivanp [priv]`, `sshd: ivanp@pts/1`),
        // as `ps` and journald's `_CMDLINE` show it.
        b"sshd" if hay[e..].starts_with(b": ") => {
            let ls = e + 2;
            let le = login_before_at(hay, ls);
            starts_with_any(
                &hay[le..],
                &[b" [priv]", b" [net]", b" [accepted]", b"@pts/", b"@notty"],
            )
            .then(|| report(cx, ls, le, SURE))
            .flatten()
        }
        // Dovecot's process and its user: `imap(a.bekova)<31520>…`,
        // `pop3(okim)<…>`, `pam(ivanp,37.150.18.244,<…>)`.
        b"imap" | b"pop3" | b"lmtp" | b"pam" | b"submission" | b"managesieve"
            if next(e) == Some(b'(') && matches!(bytes::before(hay, s), Some(b' ' | b':')) =>
        {
            let ls = e + 1;
            let le = login_before_at(hay, ls);
            matches!(next(le), Some(b')' | b','))
                .then(|| report(cx, ls, le, SURE))
                .flatten()
        }
        // PostgreSQL's `log_line_prefix` with `%u@%d` (`[41001]
        // e.nurlanov@crm 95.56.241.18 LOG:  …`): the user before the `@`.
        b"LOG" | b"FATAL" | b"ERROR" | b"DETAIL" | b"STATEMENT" | b"WARNING" | b"HINT"
        | b"CONTEXT" | b"PANIC"
            if next(e) == Some(b':') && bytes::before(hay, s) == Some(b' ') =>
        {
            pg_prefix_user(cx, s - 1).map(|_| e)
        }
        // OpenVPN: `TLS: Username/Password authentication succeeded for
        // username 'g.ibrayeva'`, and the client certificate's common name
        // (`VERIFY OK: depth=0, CN=e.nurlanov`; depth 0 is the client's
        // own, higher depths are its CAs).
        b"username" | b"Username" if hay[e..].starts_with(b" '") => {
            let ls = e + 2;
            let le = login_end(hay, ls);
            (next(le) == Some(b'\''))
                .then(|| report(cx, ls, le, SURE))
                .flatten()
        }
        b"CN" if next(e) == Some(b'=') && s >= 9 && &hay[s - 9..s] == b"depth=0, " => {
            let le = login_end(hay, e + 1);
            matches!(next(le), None | Some(b'\n' | b'\r' | b',' | b' '))
                .then(|| report(cx, e + 1, le, SURE))
                .flatten()
        }
        // MySQL's general query log: `Connect\tivanp@37.150.18.244 on crm`.
        b"Connect" if next(e) == Some(b'\t') => {
            let ls = e + 1;
            let le = login_end(hay, ls);
            let at = hay[ls..le].iter().position(|&b| b == b'@')? + ls;
            hay[le..]
                .starts_with(b" on ")
                .then(|| report(cx, ls, at, SURE))
                .flatten()
        }
        // SQL account statements: `CREATE USER 'x'@'10.%'`, `ALTER ROLE
        // "x" WITH LOGIN`, `DROP USER 'x'`.
        b"USER" | b"ROLE"
            if (hay[e..].starts_with(b" '") || hay[e..].starts_with(b" \""))
                && matches!(
                    word_before(hay, s),
                    b"CREATE" | b"ALTER" | b"DROP" | b"RENAME"
                ) =>
        {
            let q = hay[e + 1];
            let ls = e + 2;
            let le = login_before_at(hay, ls);
            (next(le) == Some(q))
                .then(|| report(cx, ls, le, SURE))
                .flatten()
        }
        // cron: `CRON[52333]: (t.akhmetov) CMD (…)`.
        b"CMD" if s >= 2 && &hay[s - 2..s] == b") " && next(e) == Some(b' ') => {
            let close = s - 2;
            let open = memchr::memrchr(b'(', &hay[close.saturating_sub(64)..close])
                .map(|p| close.saturating_sub(64) + p)?;
            (login_end(hay, open + 1) == close)
                .then(|| report(cx, open + 1, close, SURE))
                .flatten()
                .map(|_| e)
        }
        _ => None,
    }
}

/// The user of a PostgreSQL prefix `] user@db [host] ` ending at `sp` (the
/// space before the message's level).
fn pg_prefix_user(cx: &mut Cx, sp: usize) -> Option<usize> {
    let hay = cx.hay;
    let ls = memchr::memrchr(b'\n', &hay[..sp]).map_or(0, |p| p + 1);
    let head = &hay[ls..sp];
    // The token before the level, and the one before it when that is a host.
    let mut tok_end = head.len();
    for _ in 0..2 {
        let tok_start = head[..tok_end]
            .iter()
            .rposition(|&b| b == b' ')
            .map_or(0, |p| p + 1);
        let tok = &head[tok_start..tok_end];
        if let Some(at) = tok.iter().position(|&b| b == b'@') {
            // Opened by the pid's `] ` (or the line), nothing before it.
            let opened = tok_start == 0 || tok_start >= 2 && head[tok_start - 2] == b']';
            let user = &tok[..at];
            if !opened || user.is_empty() || user.starts_with(b"[") {
                return None;
            }
            let us = ls + tok_start;
            let ue = us + at;
            return user
                .iter()
                .all(|&b| b != b'@' && login_byte(b))
                .then(|| report(cx, us, ue, SURE))
                .flatten();
        }
        if tok_start == 0 {
            return None;
        }
        tok_end = tok_start - 1;
    }
    None
}

/// A Windows security identifier of an account in a domain or on a machine
/// (`S-1-5-21-<three sub-authorities>-<RID>`) names one account; RIDs
/// below 1000 are the built-in ones (500 Administrator, 501 Guest, 512
/// Domain Admins…) and well-known SIDs (`S-1-5-18` Local System) are
/// nobody's. At the `S` of `S-1-5-21-`.
pub(crate) fn sid(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    if !hay[s..].starts_with(b"S-1-5-21-") || bytes::before(hay, s).is_some_and(bytes::is_alnum) {
        return None;
    }
    let mut i = s + 9;
    let mut parts = 0;
    let mut last = (i, i);
    while parts < 4 {
        let e = bytes::run_end(hay, i, |b| b.is_ascii_digit());
        if e == i || e - i > 10 {
            return None;
        }
        parts += 1;
        last = (i, e);
        if parts < 4 {
            if bytes::at(hay, e) != Some(b'-') {
                return None;
            }
            i = e + 1;
        } else {
            i = e;
        }
    }
    if bytes::at(hay, i).is_some_and(|b| bytes::is_alnum(b) || b == b'-') {
        return None;
    }
    let rid: u64 = std::str::from_utf8(&hay[last.0..last.1])
        .ok()?
        .parse()
        .ok()?;
    if rid < 1000 {
        return Some(i);
    }
    cx.emit(s, i, Kind::UserId, SURE, Needs::Nothing);
    Some(i)
}

/// Whether `tail` starts with one of `heads`.
/// FreeRADIUS's `Login OK: [user/password] (from client …)` after the word
/// `Login` (ending at `e`): the user (a MAC address when a switch
/// authenticates a device by it: `[f8a2d61b7c04/f8a2d61b7c04]`) and the
/// password when the server logs it (`auth_badpass`/`auth_goodpass`), not
/// its `<via Auth-Type = …>` note.
fn radius(cx: &mut Cx, e: usize) -> Option<usize> {
    let hay = cx.hay;
    let le = memchr::memchr(b'\n', &hay[e..]).map_or(hay.len(), |p| e + p);
    let line = &hay[e..le.min(e + 400)];
    if !(line.starts_with(b" OK: [") || line.starts_with(b" incorrect")) {
        return None;
    }
    let open = e + memchr::memmem::find(line, b": [")? + 3;
    let close = e + memchr::memmem::find(line, b"] (from client")?;
    if close <= open {
        return None;
    }
    // A machine authenticating (`host/LAPTOP-0142.corp.example.kz`) is
    // nobody; the rest of the line is read as any other.
    if hay[open..close].starts_with(b"host/") {
        return Some(e);
    }
    let slash = open + memchr::memchr(b'/', &hay[open..close])?;
    let user = &hay[open..slash];
    let pass = &hay[slash + 1..close];
    let mac = |v: &[u8]| v.len() == 12 && v.iter().all(u8::is_ascii_hexdigit);
    if mac(user) {
        cx.emit(open, slash, Kind::Mac, 0.8, Needs::Nothing);
        // MAC authentication sends the MAC as the password too.
        if pass == user {
            cx.emit(slash + 1, close, Kind::Mac, 0.8, Needs::Nothing);
        }
    } else if !user.contains(&b'@') && login_end(hay, open) == slash {
        // `name@realm` is an e-mail address, found as one.
        report(cx, open, slash, SURE);
    }
    if !pass.is_empty() && !pass.starts_with(b"<via ") && pass != user {
        cx.emit(slash + 1, close, Kind::AuthToken, 0.8, Needs::Nothing);
    }
    // Scanning goes on inside the brackets: an e-mail as the user.
    Some(open)
}

/// Exim's main log: `U=` (the local user who sent) and `A=` (the
/// authenticator and the id it took: `A=dovecot_plain:m.tulegenova`), at
/// the letter `s` with `=` after it, on a line Exim wrote (a message's
/// `<=`, `=>`, `->` or `**`).
pub(crate) fn exim(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    if bytes::before(hay, s) != Some(b' ') || hay.get(s + 1) != Some(&b'=') {
        return None;
    }
    let ls = memchr::memrchr(b'\n', &hay[s.saturating_sub(512)..s])
        .map_or(s.saturating_sub(512), |p| s.saturating_sub(512) + p + 1);
    let head = &hay[ls..s];
    if ![b" <= ".as_slice(), b" => ", b" -> ", b" ** "]
        .iter()
        .any(|m| memchr::memmem::find(head, m).is_some())
    {
        return None;
    }
    let mut v = s + 2;
    if hay[s] == b'A' {
        // The authenticator's name, then `:` and the id.
        let colon = v + hay[v..].iter().take(40).position(|&b| b == b':')?;
        if !hay[v..colon]
            .iter()
            .all(|&b| bytes::is_alnum(b) || b == b'_')
        {
            return None;
        }
        v = colon + 1;
    }
    let le = login_end(hay, v);
    report(cx, v, le, SURE)
}

/// A Windows account written `DOMAIN\user` (IIS's `cs-username`, events,
/// `CORP\b.omarov`), at the domain word `s..e` with a backslash after it:
/// the user part. A JSON escape (`ERROR\nstack`) is told apart by the
/// login's shape: it needs a `.`, `_`, `-` or digit when it starts with
/// an escape letter. Registry roots and `BUILTIN` name no domain.
pub(crate) fn domain_user(cx: &mut Cx, s: usize, e: usize) -> Option<usize> {
    let hay = cx.hay;
    let domain = &hay[s..e];
    if domain.len() < 2
        || domain.len() > 15
        || !domain
            .iter()
            .all(|&b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
        || domain.starts_with(b"HK")
        || domain == b"BUILTIN"
        || bytes::before(hay, s)
            .is_some_and(|b| bytes::is_alnum(b) || matches!(b, b'\\' | b'/' | b'.' | b'-'))
    {
        return None;
    }
    // `DataBase=SQL01\buh_2024`, `Server=DB01\sqlexpress`: a SQL Server
    // instance, not an account.
    let mut buf = [0u8; 32];
    let key = crate::detect::keyed::key_before(hay, s, &mut buf);
    if [
        &b"database"[..],
        b"db",
        b"dbname",
        b"server",
        b"srvr",
        b"instance",
        b"datasource",
    ]
    .contains(&key)
    {
        return None;
    }
    // One backslash, or two inside a JSON string.
    let mut u = e + 1;
    if hay.get(u) == Some(&b'\\') {
        u += 1;
    }
    let first = *hay.get(u)?;
    if !first.is_ascii_lowercase() {
        return None;
    }
    let le = login_end(hay, u);
    let v = &hay[u..le];
    let marked = v
        .iter()
        .any(|&b| matches!(b, b'.' | b'_' | b'-') || b.is_ascii_digit());
    if v.len() < 3
        || (u == e + 1 && matches!(first, b'n' | b'r' | b't' | b'b' | b'f' | b'u') && !marked)
    {
        return None;
    }
    if hay.get(le).is_some_and(|&b| b == b'\\' || b == b'$') {
        return None;
    }
    report(cx, u, le, SURE)
}

/// Russian and Kazakh words a login follows in prose (`Логин a.serikova`,
/// `учетка a.beisenov заблокирована`, `Логин: a.serikova`),
/// lower case.
const LOGIN_WORDS: &[&str] = &[
    "логин",
    "логина",
    "логином",
    "учетка",
    "учётка",
    "учетку",
    "учётку",
    "учетки",
    "учётки",
    "учеткой",
    "учёткой",
    "аккаунт",
    "аккаунта",
    "пользователь",
    "пользователя",
];

/// A dotted login (`a.serikova`) right after a login word in Russian or
/// Kazakh prose (helpdesk tickets, chats), at the ASCII word `s` (its first
/// part, with `.` after it).
pub(crate) fn after_word(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    // The word before, Cyrillic, with a `:` allowed at its end.
    let mut we = s - 1;
    let colon = hay[we - 1] == b':';
    if colon {
        we -= 1;
    }
    let mut ws = we;
    while ws > 0 && hay[ws - 1] >= 0x80 {
        ws -= 1;
    }
    if ws == we || ws > 0 && !matches!(hay[ws - 1], b' ' | b'\n' | b'\t' | b',' | b'"' | b'(') {
        return None;
    }
    let mut buf = [0u8; 96];
    let word = crate::detect::names::lower(&hay[ws..we], &mut buf)?;
    if !LOGIN_WORDS.contains(&word) {
        return None;
    }
    let le = login_end(hay, s);
    let v = &hay[s..le];
    // `first.last`, all lower case letters (and digits after the dot).
    let dot = v.iter().position(|&b| b == b'.')?;
    let shaped = (1..=16).contains(&dot)
        && v.len() >= dot + 3
        && v[..dot].iter().all(u8::is_ascii_lowercase)
        && v[dot + 1..]
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if !shaped {
        return None;
    }
    report(cx, s, le, SURE)
}

fn starts_with_any(tail: &[u8], heads: &[&[u8]]) -> bool {
    heads.iter().any(|h| tail.starts_with(h))
}

/// A list of logins from `i`, separated by `sep` (`yarn,ivanp`,
/// `yarn, ivanp`): each is reported unless a service account. Returns the
/// end of the last one reported.
fn list(cx: &mut Cx, mut i: usize, sep: &[u8]) -> Option<usize> {
    let hay = cx.hay;
    let mut last = None;
    loop {
        let le = login_end(hay, i);
        if le == i {
            return last;
        }
        if report(cx, i, le, SURE).is_some() {
            last = Some(le);
        }
        if !hay[le..].starts_with(sep) {
            return last;
        }
        i = le + sep.len();
    }
}

/// The folder name at `i` ended by `sep` (or the path's end): a home or
/// profile folder's owner. Shared profiles are nobody's.
fn folder(cx: &mut Cx, i: usize, sep: u8) -> Option<usize> {
    let hay = cx.hay;
    let mut e = i;
    while e < hay.len() && e - i < 64 && (login_byte(hay[e]) || hay[e] == b' ' && sep == b'\\') {
        e += 1;
    }
    let ends_well = matches!(
        bytes::at(hay, e),
        None | Some(b'/' | b'\\' | b' ' | b'"' | b'\'' | b':' | b',' | b';' | b')' | b'\n' | b'\r')
    );
    if !ends_well || hay[i..e].first().is_none_or(|&b| b == sep) {
        return None;
    }
    const SHARED: &[&[u8]] = &[
        b"Shared",
        b"Public",
        b"Default",
        b"All Users",
        b"Default User",
        b"Guest",
    ];
    if SHARED.contains(&&hay[i..e]) {
        return None;
    }
    report(cx, i, e, SURE)
}

/// Whether a login is shaped as people's logins are, so that its other
/// mentions are its own and not a word's (`history`, `default`): parts
/// (`e.nurlanov`, `zhanna_k`), digits (`aigerim90`), a surname's Latin
/// ending after an initial (`takhmetov`, `nsultanova`), or a given name.
fn personal_shape(v: &[u8]) -> bool {
    // A role's or an application's name (`AWSReservedSSO_Administrator…`)
    // is long and in capitals; people's logins are short, mostly lower case.
    if v.len() > 32 || v.iter().filter(|b| b.is_ascii_uppercase()).count() > 2 {
        return false;
    }
    if v.iter()
        .any(|&b| matches!(b, b'.' | b'_' | b'-') || b.is_ascii_digit())
    {
        return true;
    }
    const ENDINGS: &[&[u8]] = &[
        b"ov", b"ev", b"ova", b"eva", b"in", b"ina", b"enko", b"uly", b"kyzy", b"bekov", b"bayev",
        b"bayeva", b"yev", b"yeva",
    ];
    if v.len() >= 6 && ENDINGS.iter().any(|e| v.ends_with(e)) {
        return true;
    }
    // A given name as a login (`aidana`, `yerlan`).
    let mut buf = [0u8; 64];
    let Some(low) = buf.get_mut(..v.len()) else {
        return false;
    };
    for (d, s) in low.iter_mut().zip(v) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(low).is_ok_and(crate::detect::names::is_given)
}

/// Most distinct logins [`repeated`] looks for in one chunk.
const REPEATED_MAX: usize = 16;

/// Every other mention of a login found in this chunk, as the same
/// `user_id`. A log names its user in one position the detectors know
/// (`authentication succeeded for username 'g.ibrayeva'`, `CN=e.nurlanov`)
/// and then in its own shorthand (OpenVPN's `g.ibrayeva/178.89.162.7:61022`
/// on every later line of the session, Samba's `zhanna.k closed file`): an
/// anonymized copy that hides the first and keeps the rest keeps the
/// person. Only logins reported with full confidence (not names an
/// attacker tried) of four bytes or more with a letter are looked for, as
/// whole tokens: not inside a longer login, a path or an address
/// (`ivanp@corp.kz`, `ivanp.example.kz`, `/srv/ivanp-old`).
///
/// Cost: nothing in a chunk without such a login; otherwise one
/// multi-pattern search over the chunk for at most [`REPEATED_MAX`] logins.
pub(crate) fn repeated(cx: &mut Cx, first: usize, body: std::ops::Range<usize>) {
    let hay = cx.hay;
    let mut logins: Vec<&[u8]> = Vec::new();
    for f in &cx.out[first..] {
        if f.kind != Kind::UserId || f.confidence < SURE || f.end - f.start < 4 {
            continue;
        }
        let v = &hay[f.start..f.end];
        if !v.iter().any(u8::is_ascii_alphabetic)
            || !v.iter().all(|&b| login_byte(b))
            || !personal_shape(v)
        {
            continue;
        }
        if !logins.contains(&v) {
            if logins.len() == REPEATED_MAX {
                break;
            }
            logins.push(v);
        }
    }
    if logins.is_empty() {
        return;
    }
    let Ok(ac) = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&logins)
    else {
        return;
    };
    // Sorted, so a log with thousands of logins per chunk costs a binary
    // search per mention, not a scan of every finding.
    let mut known = cx.out[first..]
        .iter()
        .filter(|f| f.kind == Kind::UserId)
        .map(|f| f.start)
        .collect::<Vec<_>>();
    known.sort_unstable();
    for m in ac.find_iter(&hay[body.clone()]) {
        let (s, e) = (body.start + m.start(), body.start + m.end());
        let left = s == 0 || !(login_byte(hay[s - 1]) || hay[s - 1] == b'\\');
        let right = match hay.get(e) {
            None => true,
            Some(&b) if login_byte(b) => {
                // A full stop ends a sentence; `.kz` continues a host.
                b == b'.' && !hay.get(e + 1).is_some_and(|&c| bytes::is_alnum(c))
            }
            Some(_) => true,
        };
        if left && right && known.binary_search(&s).is_err() {
            cx.emit_exact(s, e, Kind::UserId, SURE);
        }
    }
}
