//! The detection engine: one pass over a byte slice that stops only at ASCII
//! alphanumeric runs and a few anchors (`+`, `@`, `%`, `::`), hands each to the
//! detectors whose shape fits, and keeps what their validators accept.
//!
//! Spans never straddle a line, so a caller may cut a large input into chunks
//! on line boundaries and scan them in parallel ([`Engine::find_in`] takes the
//! chunk's body range and looks at the bytes around it only to complete or
//! reject identifiers at its edges). Nothing here allocates per candidate:
//! validators work on stack buffers, and context words are looked up only for
//! candidates that already passed their validators.

use std::ops::Range;

use crate::bytes::{
    self, is_alnum, is_digit, is_hex, ALPHA, CLASS, CYR, DIGIT, HEX, INTEREST, UPPER,
};
use crate::context::{Context, ContextIndex, Hits};
use crate::detect::keyed::{self, KeyIndex};
use crate::detect::spoken;
use crate::detect::{
    address, card, dates, documents, email, geo, iban, imei, ipv4, ipv6, kz_id, login, mac, meid,
    names, person, phone, tagger,
};
use crate::finding::Finding;
use crate::kind::{Kind, KindSet};
use crate::patterns;

/// The default minimum confidence of a reported finding.
pub const DEFAULT_MIN_CONFIDENCE: f32 = 0.5;

/// A compiled set of detectors. Cheap to share across threads (`&Engine`).
#[derive(Debug, Clone)]
pub struct Engine {
    context: ContextIndex,
    tagger: Option<&'static tagger::Model<'static>>,
    keys: KeyIndex,
    kinds: KindSet,
    min_confidence: f32,
}

/// Configures an [`Engine`].
#[derive(Debug, Clone)]
pub struct EngineBuilder {
    tagger: Option<&'static tagger::Model<'static>>,
    kinds: KindSet,
    min_confidence: f32,
    keys: Vec<(Kind, String)>,
    service_accounts: Vec<String>,
}

impl Default for EngineBuilder {
    fn default() -> Self {
        EngineBuilder {
            tagger: tagger::model(),
            kinds: KindSet::all(),
            min_confidence: DEFAULT_MIN_CONFIDENCE,
            keys: Vec::new(),
            service_accounts: Vec::new(),
        }
    }
}

impl EngineBuilder {
    /// Reports only these kinds (detection still runs for all, so that a
    /// phone inside an e-mail address is not reported as a phone).
    pub fn kinds(mut self, kinds: KindSet) -> Self {
        self.kinds = kinds;
        self
    }

    /// Drops findings below this confidence (0.0–1.0).
    pub fn min_confidence(mut self, min: f32) -> Self {
        self.min_confidence = min.clamp(0.0, 1.0);
        self
    }

    /// Adds keys whose values are of `kind` (a site's own session cookie, a
    /// log's user-id field), beside those in `patterns/`. Only `cookie_id`,
    /// `device_id`, `user_id` and `auth_token` are decided by keys.
    pub fn key(mut self, kind: Kind, name: &str) -> Self {
        self.keys.push((kind, name.to_string()));
        self
    }

    /// Adds an account whose login names nobody (a CI bot, an ETL user),
    /// beside the service accounts of `patterns/user_id.toml`.
    pub fn service_account(mut self, name: &str) -> Self {
        self.service_accounts.push(name.to_string());
        self
    }

    /// Uses this person-name model (a `person_model.bin`, as `qorgau
    /// patterns train-names` writes it) instead of the embedded one. The
    /// bytes live as long as the program: this is for training tools.
    ///
    /// # Errors
    /// When the bytes are no model file.
    pub fn person_model(mut self, bytes: Vec<u8>) -> Result<Self, String> {
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let model = tagger::Model::parse(bytes).ok_or("not a person model file")?;
        self.tagger = Some(Box::leak(Box::new(model)));
        Ok(self)
    }

    /// Compiles the detectors and their context words.
    pub fn build(self) -> Engine {
        let patterns = patterns::load();
        let mut keys = KeyIndex::new(&patterns, &self.keys);
        keys.add_service_accounts(self.service_accounts.iter().map(String::as_str));
        Engine {
            tagger: self.tagger,
            context: ContextIndex::new(&patterns),
            keys,
            kinds: self.kinds,
            min_confidence: self.min_confidence,
        }
    }
}

impl Default for Engine {
    fn default() -> Self {
        Engine::builder().build()
    }
}

impl Engine {
    /// The context words, for labels outside the bytes (column names).
    pub fn context(&self) -> &ContextIndex {
        &self.context
    }

    /// The keys that name values' kinds.
    pub fn keys(&self) -> &KeyIndex {
        &self.keys
    }

    /// The minimum confidence of reported findings.
    pub fn min_confidence(&self) -> f32 {
        self.min_confidence
    }

    /// A builder with every kind and the default minimum confidence.
    pub fn builder() -> EngineBuilder {
        EngineBuilder::default()
    }

    /// All findings in `hay`, sorted by start, non-overlapping.
    pub fn find(&self, hay: &[u8]) -> Vec<Finding> {
        let mut out = Vec::new();
        self.find_in(hay, 0..hay.len(), true, &mut out);
        out
    }

    /// Appends to `out` the findings that start inside `body`, sorted and
    /// non-overlapping. Bytes of `hay` outside `body` are context: they are
    /// read to complete an identifier that starts in `body` or to see that
    /// one started before it. `at_eof` says whether `hay` ends where the
    /// input ends; if not, an identifier touching the end of `hay` is
    /// rejected, since it might continue.
    ///
    /// # Panics
    /// If `body` is not within `hay`.
    pub fn find_in(&self, hay: &[u8], body: Range<usize>, at_eof: bool, out: &mut Vec<Finding>) {
        self.find_in_context(hay, body, at_eof, 0, out);
    }

    /// As [`Engine::find_in`], with context given from outside the bytes:
    /// `given` holds the bits of kinds ([`Kind`] as bit index) that the
    /// surroundings speak for — a table column whose header says `ИИН`.
    ///
    /// # Panics
    /// If `body` is not within `hay`.
    pub fn find_in_context(
        &self,
        hay: &[u8],
        body: Range<usize>,
        at_eof: bool,
        given: u32,
        out: &mut Vec<Finding>,
    ) {
        self.find_impl(hay, body, at_eof, given, true, out);
    }

    /// Findings in one table cell, `hay[cell]`: the cell's bounds are hard
    /// (a delimiter or quote on each side), so scanning starts at the cell
    /// and nothing past it is read. `given` as in [`Engine::find_in_context`].
    ///
    /// # Panics
    /// If `cell` is not within `hay`.
    pub fn find_in_cell(&self, hay: &[u8], cell: Range<usize>, given: u32, out: &mut Vec<Finding>) {
        self.find_impl(&hay[..cell.end], cell, true, given, false, out);
    }

    /// The value of a table cell under a column whose name is a key of a
    /// kind decided by its key alone (`IDFA`, `AppsFlyer ID`, `Customer
    /// User ID`; see [`KeyIndex::kind_of_name`]): the whole value, spaces
    /// and quotes aside, unless it stands for nobody (a placeholder, a
    /// service account, a zero id), as after `key=`.
    pub fn find_keyed_cell(
        &self,
        hay: &[u8],
        cell: Range<usize>,
        kind: Kind,
        out: &mut Vec<Finding>,
    ) {
        let hay = &hay[..cell.end];
        let first = out.len();
        let mut cx = self.cx(hay, 0, false, out);
        crate::detect::keyed::whole(&mut cx, kind, cell.clone());
        finish(hay, out, first, cell, self.kinds, self.min_confidence);
    }

    /// A detection context over `hay` (see [`Cx`]).
    fn cx<'a>(
        &'a self,
        hay: &'a [u8],
        given: u32,
        echo: bool,
        out: &'a mut Vec<Finding>,
    ) -> Cx<'a> {
        Cx {
            hay,
            context: &self.context,
            keys: &self.keys,
            given,
            out,
            not_names: [0; 8],
            hits: Hits::default(),
            field: (usize::MAX, None),
            sql: None,
            tagged: person::Tagged::default(),
            tagger: self.tagger,
            caps: Vec::new(),
            echo,
            vcard: None,
        }
    }

    fn find_impl(
        &self,
        hay: &[u8],
        body: Range<usize>,
        at_eof: bool,
        given: u32,
        resync_to_line: bool,
        out: &mut Vec<Finding>,
    ) {
        assert!(body.start <= body.end && body.end <= hay.len());
        let first = out.len();
        let usable = if at_eof {
            hay
        } else {
            trim_unfinished(hay, body.end)
        };
        let mut cx = self.cx(usable, given, resync_to_line, out);
        let mut i = if resync_to_line {
            resync(usable, body.start)
        } else {
            body.start
        };
        let end = body.end.min(usable.len());
        while i < end {
            let b = usable[i];
            let class = CLASS[b as usize];
            if class & INTEREST == 0 {
                i += 1;
                continue;
            }
            i = if class & (DIGIT | ALPHA) != 0 {
                word(&mut cx, i)
            } else if class & CYR != 0 {
                cyrillic_word(&mut cx, i)
            } else {
                anchor(&mut cx, i, b)
            };
        }
        if self.kinds.contains(Kind::Person) {
            crate::detect::echo::echo(&mut cx, first, body.start..end);
        }
        if resync_to_line {
            crate::w3c::lines(&mut cx, body.start..end);
            crate::hl7::segments(&mut cx, body.start..end);
        }
        if self.kinds.contains(Kind::UserId) {
            crate::detect::login::repeated(&mut cx, first, body.start..end);
        }
        finish(usable, out, first, body, self.kinds, self.min_confidence);
    }
}

/// Where scanning must start so that a body starting mid-line is tokenized
/// as it would be from the line's start.
fn resync(hay: &[u8], start: usize) -> usize {
    if start == 0 || hay[start - 1] == b'\n' {
        return start;
    }
    memchr::memrchr(b'\n', &hay[..start]).map_or(0, |p| p + 1)
}

/// When the input goes on past `hay`, its last alphanumeric run may be the
/// head of a longer token; cut it off so that no detector takes it as whole.
fn trim_unfinished(hay: &[u8], body_end: usize) -> &[u8] {
    let from = body_end.min(hay.len());
    match hay[from..].iter().rposition(|&b| !is_alnum(b)) {
        Some(p) => &hay[..from + p + 1],
        None => &hay[..from],
    }
}

/// An ASCII alphanumeric run starting at `s`: dispatch on its shape.
/// Returns where scanning continues.
fn word(cx: &mut Cx, s: usize) -> usize {
    let hay = cx.hay;
    // `\n900101300811` inside a JSON string: the escape's letter is no
    // part of the run that follows it.
    if s > 0 && hay[s - 1] == b'\\' {
        if let Some(end) = after_escape(cx, s) {
            return end;
        }
        // `"\u0420\u0410…"`: a name in JSON escapes, under a name key.
        if hay[s] == b'u' && hay.get(s + 1) == Some(&b'0') && hay.get(s + 2) == Some(&b'4') {
            if let Some(end) = person::escaped_name(cx, s - 1) {
                return end;
            }
        }
    }
    // `key   value` aligned in columns (an SDK's parameter dump), and the
    // text of an element named by a key (`<wsse:Username>…`).
    if s >= 2 && hay[s - 1] == b' ' && hay[s - 2] == b' ' {
        let keys = cx.keys;
        keyed::aligned(cx, keys, s);
    } else if s >= 1 && hay[s - 1] == b'>' {
        let keys = cx.keys;
        keyed::element(cx, keys, s);
    } else if s >= 1 && hay[s - 1] == b'\t' {
        copy_cell(cx, s);
    }
    let mut all = DIGIT | HEX;
    // One class lookup per byte serves both the run's end and its shape;
    // a slice iterator, so no bounds check per byte.
    let rest = &hay[s..];
    let len = rest
        .iter()
        .position(|&b| {
            let c = CLASS[b as usize];
            let stop = c & (DIGIT | ALPHA) == 0;
            if !stop {
                all &= c;
            }
            stop
        })
        .unwrap_or(rest.len());
    let e = s + len;
    let n = e - s;
    let next = bytes::at(hay, e);
    let all_digit = all & DIGIT != 0;
    let all_hex = all & HEX != 0;

    if all_hex && bytes::numeric_left_ok(hay, s) {
        let tried = match (n, next) {
            (2, Some(b':' | b'-')) | (4, Some(b'.')) => mac::at(cx, s),
            _ => None,
        };
        let tried = tried.or_else(|| match next {
            Some(b':') if n <= 4 => ipv6::at(cx, s),
            _ => None,
        });
        if let Some(end) = tried {
            return end;
        }
    }
    if all_digit {
        // No detector below takes an all-digit run.
        return digits(cx, s, e, next).unwrap_or(e);
    } else if n == 15 && all & HEX == 0 && pki_id(cx, s, e) {
        return e;
    } else if all_hex && (n == 14 || n == 15) {
        meid::hex(cx, s, e);
    } else if all_hex && n == 12 {
        if let Some(end) = mac::bare(cx, s, e) {
            return end;
        }
    } else if n >= 4 && is_country_start(&hay[s..]) {
        if let Some(end) = iban::at(cx, s, e) {
            return end;
        }
    }
    // An AWS access key id (`AKIA…`, `ASIA…`).
    if (n == 20 || n == 21) && hay[s] == b'A' {
        if let Some(end) = keyed::aws_id(cx, s, e) {
            return end;
        }
    }
    // Documented token shapes (`AIza…`, `ghp_…`, `glpat-…`, `xoxb-…`).
    if matches!(hay[s], b'A' | b'g' | b'x' | b's' | b'r') && matches!(next, Some(b'_' | b'-'))
        || n >= 39 && hay[s] == b'A'
    {
        if let Some(end) = keyed::shaped_token(cx, s) {
            return end;
        }
    }
    // A dotted login after a Russian login word (`учётку a.musabekov`).
    if next == Some(b'.')
        && s >= 3
        && hay[s - 1] == b' '
        && (hay[s - 2] >= 0x80 || hay[s - 2] == b':')
        && hay[s].is_ascii_lowercase()
    {
        if let Some(end) = login::after_word(cx, s) {
            return end;
        }
    }
    // Exim's `U=user` and `A=authenticator:user`.
    if n == 1 && matches!(hay[s], b'U' | b'A') && next == Some(b'=') {
        if let Some(end) = login::exim(cx, s) {
            return end;
        }
    }
    // `CORP\b.omarov`: a Windows domain and account.
    if next == Some(b'\\') && n >= 2 && hay[s].is_ascii_uppercase() {
        if let Some(end) = login::domain_user(cx, s, e) {
            return end;
        }
    }
    // A Windows account's SID (`S-1-5-21-…-1107`).
    if n == 1 && hay[s] == b'S' && next == Some(b'-') {
        if let Some(end) = login::sid(cx, s) {
            return end;
        }
    }
    // Words that open a login's position in system logs (`for`, `user`,
    // `home`, …): one length test, then a comparison.
    if (2..=9).contains(&n) && is_login_word(&hay[s..e]) {
        if let Some(end) = login::at(cx, s, e) {
            return end;
        }
    }
    // Capitalised words (documents, plates, Latin names) and `123ABC02`
    // plates: out of line, so the common path stays small and fast.
    let upper = CLASS[hay[s] as usize] & UPPER != 0;
    if upper && n <= 4 && crate::detect::vcard::is_property(hay, s, e) {
        if let Some(end) = crate::detect::vcard::at(cx, s, e) {
            return end;
        }
    }
    if upper && n >= 2 && person::opens_value(hay, s) && !is_digit_run_inside(hay, s, e) {
        if let Some(end) = person::field_value(cx, s) {
            return end;
        }
    }
    let wanted = if upper {
        lettered_length(n)
            || match next {
                Some(b' ') => bytes::at(hay, e + 1)
                    .is_some_and(|b| b.is_ascii_uppercase() || b >= 0xC0 || is_digit(b)),
                Some(b'.') => n == 1,
                _ => false,
            }
    } else {
        n == 8 && is_digit(hay[s]) && hay[s + 3].is_ascii_uppercase()
    };
    if wanted {
        if let Some(end) = capitalised(cx, s, e, next) {
            return end;
        }
    }
    if n >= 3 && hay[s..].starts_with(b"eyJ") {
        if let Some(end) = keyed::jwt(cx, s) {
            return end;
        }
    } else if n == 6 && matches!(hay[s], b'B' | b'b') {
        if let Some(end) = keyed::bearer(cx, s, e) {
            return end;
        }
    }
    e
}

/// First bytes of the words [`is_login_word`] knows: one table lookup turns
/// most words of a log away before the comparisons (a longer list of words
/// cost 1 % of an ASCII scan without it).
const LOGIN_FIRST: [bool; 256] = {
    let mut t = [false; 256];
    let firsts = b"fuhUTHOFabSstpnLEDWCPismlLRc";
    let mut i = 0;
    while i < firsts.len() {
        t[firsts[i] as usize] = true;
        i += 1;
    }
    t
};

/// Whether an ASCII word opens a login position (see `detect::login`).
#[inline]
fn is_login_word(w: &[u8]) -> bool {
    LOGIN_FIRST[w[0] as usize]
        && matches!(
            w,
            b"for"
                | b"user"
                | b"User"
                | b"home"
                | b"Users"
                | b"TTY"
                | b"HIER"
                | b"OK"
                | b"FAIL"
                | b"acls"
                | b"by"
                | b"add"
                | b"Set"
                | b"to"
                | b"sudo"
                | b"perm"
                | b"name"
                | b"staging"
                | b"usercache"
                | b"files"
                | b"calendars"
                | b"USER"
                | b"sshd"
                | b"imap"
                | b"pop3"
                | b"lmtp"
                | b"pam"
                | b"submission"
                | b"managesieve"
                | b"FTP"
                | b"LOG"
                | b"FATAL"
                | b"ERROR"
                | b"DETAIL"
                | b"STATEMENT"
                | b"WARNING"
                | b"HINT"
                | b"CONTEXT"
                | b"PANIC"
                | b"Login"
                | b"username"
                | b"Username"
                | b"CN"
                | b"Connect"
                | b"ROLE"
                | b"CMD"
        )
}

/// A run after a backslash: `\n900101300811` inside a JSON string is the
/// escape's letter and then the run that matters.
#[cold]
#[inline(never)]
fn after_escape(cx: &mut Cx, s: usize) -> Option<usize> {
    let hay = cx.hay;
    (matches!(hay[s], b'n' | b't' | b'r')
        && bytes::at(hay, s + 1).is_some_and(is_alnum)
        && bytes::escape_before(hay, s + 1))
    .then(|| word(cx, s + 1))
}

/// `IIN890619405968` / `BIN…` in a PKI certificate subject (a 15-byte run).
#[inline(never)]
fn pki_id(cx: &mut Cx, s: usize, e: usize) -> bool {
    let hay = cx.hay;
    kz_id::prefixed(hay, s + 3)
        && hay[s + 3..e].iter().all(|&b| is_digit(b))
        && kz_id::plain(cx, s + 3, e)
}

/// A run `s..e` starting with a capital (or a digit-first `123ABC02`):
/// an identity document, a postcode, a plate or a Latin name.
#[inline(never)]
fn capitalised(cx: &mut Cx, s: usize, e: usize, next: Option<u8>) -> Option<usize> {
    let hay = cx.hay;
    let n = e - s;
    if is_digit(hay[s]) {
        return if hay[s..s + 3].iter().all(|&b| is_digit(b)) {
            documents::plate(cx, s, s + 3)
        } else {
            None
        };
    }
    // `June 6, 1995` after `Date of birth:`.
    if next == Some(b' ') && bytes::at(hay, e + 1).is_some_and(is_digit) {
        if let Some(end) = dates::english(cx, s, e) {
            return Some(end);
        }
    }
    if lettered_shape(hay, s, e, next) {
        if let Some(end) = documents::lettered(cx, s, e) {
            return Some(end);
        }
    }
    // A Latin name: a capitalised word followed by another or an initial
    // (checked here first: most capitalised words in logs start nothing).
    let name_next = match next {
        Some(b' ') => {
            bytes::at(hay, e + 1).is_some_and(|b| b.is_ascii_uppercase() || names::is_cyr_lead(b))
        }
        Some(b'.') => n == 1,
        _ => false,
    };
    if name_next && !is_digit_run_inside(hay, s, e) {
        if let Some(end) = person::at(cx, s) {
            return Some(end);
        }
    }
    // A chat export's sender (`02.04.2024 08:19 — Nurzhan: ok`).
    if next == Some(b':') && bytes::at(hay, e + 1) == Some(b' ') && n >= 3 {
        if let Some(end) = person::chat_sender(cx, s) {
            return Some(end);
        }
    }
    // `Dr. Zhunusov`, `Mrs Akhmetova`: a title before a surname.
    if (2..=4).contains(&n) && matches!(next, Some(b'.' | b' ')) {
        return person::latin_title(cx, s, e);
    }
    None
}

/// Whether the capitalised run `s..e` has a shape `lettered` knows:
/// N12345678, A01P3K4, `A01 P3K4`, `AB 123456` (most capitalised words in
/// a log are none of them). A mask on the length first: a `match` on it
/// compiled to a jump table that mispredicted on every word.
#[inline]
fn lettered_shape(hay: &[u8], s: usize, e: usize, next: Option<u8>) -> bool {
    let n = e - s;
    if !lettered_length(n) {
        return false;
    }
    match n {
        9 => hay[s] == b'N',
        7 => is_digit(hay[s + 1]),
        3 => is_digit(hay[s + 1]) && next == Some(b' '),
        _ => next == Some(b' ') && bytes::at(hay, e + 1).is_some_and(is_digit),
    }
}

/// Whether `n` is the length of a run `lettered` may take (2, 3, 7, 9).
#[inline]
fn lettered_length(n: usize) -> bool {
    const LENGTHS: u32 = 1 << 2 | 1 << 3 | 1 << 7 | 1 << 9;
    n < 32 && LENGTHS >> n & 1 == 1
}

/// Whether the ASCII run `s..e` holds a digit (a name has none).
fn is_digit_run_inside(hay: &[u8], s: usize, e: usize) -> bool {
    hay[s..e].iter().any(u8::is_ascii_digit)
}

/// A word starting with a Cyrillic letter: a name may start at a capital.
/// Returns where scanning continues (past the word, or past the name).
#[inline(never)]
fn cyrillic_word(cx: &mut Cx, s: usize) -> usize {
    let hay = cx.hay;
    if names::is_upper_at(hay, s) {
        if person::opens_value(hay, s) {
            if let Some(end) = person::field_value(cx, s) {
                return end;
            }
        }
        if hay.get(s + 4) == Some(&b' ') {
            if let Some(end) = documents::cyrillic_series(cx, s) {
                return end;
            }
        }
        // `Розыбакиева 247, кв 31`: a street without its marker.
        if bytes::at(hay, names::word_end(hay, s)) == Some(b' ')
            && bytes::at(hay, names::word_end(hay, s) + 1).is_some_and(is_digit)
        {
            if let Some(end) = address::bare_street(cx, s) {
                return end;
            }
        }
        // A chat export's sender first: the phone book's label around a
        // name (`Курьер Ержан ЖЖ`) is no part of it.
        if let Some(end) = person::chat_sender(cx, s) {
            return end;
        }
        if let Some(end) = person::form_field(cx, s) {
            return end;
        }
        if let Some(end) = person::salutation(cx, s) {
            return end;
        }
        if let Some(end) = person::at(cx, s) {
            return end;
        }
        if let Some(end) = person::tagged(cx, s) {
            return end;
        }
        if let Some(end) = person::kazakh_surname(cx, s) {
            return end;
        }
        // A capitalised word no rule took: the surname of a name found
        // elsewhere in the chunk, maybe (see `echo`).
        if cx.echo {
            cx.caps.push(s as u32);
        }
    }
    let we = names::word_end(hay, s);
    // A lower-case name (a transcript, a chat): only at a word with a
    // surname's or patronymic's last letter.
    if spoken::maybe(hay, s, we) && !names::is_upper_at(hay, s) {
        if let Some(end) = spoken::at(cx, s, we) {
            return end;
        }
    }
    if we > s && address::is_marker(hay, s, we) {
        if let Some(end) = address::at(cx, s, we) {
            return end;
        }
    }
    // Past the rest of the Cyrillic letters (lead and continuation bytes):
    // a capital inside a word starts no name.
    let mut e = we.max(s + 1);
    while e < hay.len() && (0x80..=0xD3).contains(&hay[e]) {
        e += 1;
    }
    e
}

fn is_country_start(w: &[u8]) -> bool {
    w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase() && is_digit(w[2]) && is_digit(w[3])
}

/// A run of digits `s..e`: grouped forms first, then the plain run by length.
fn digits(cx: &mut Cx, s: usize, e: usize, next: Option<u8>) -> Option<usize> {
    let hay = cx.hay;
    let n = e - s;
    if n <= 3 && next == Some(b'.') {
        if let Some(end) = ipv4::at(cx, s) {
            return Some(end);
        }
    } else if n <= 3 && next == Some(b'-') {
        if let Some(end) = ipv4::dashed(cx, s) {
            return Some(end);
        }
    }
    // Coordinates, dates and plates: their shapes here, their checks out
    // of line.
    let at = |i: usize| bytes::at(hay, i);
    // Non-short-circuit `&`/`|`: one branch on the whole shape (it is
    // data, and a branch per test mispredicted).
    let sep = next.unwrap_or(0);
    let shape = (n == 2) & ((sep == b'.') | (sep == b'/'))
        | (n == 4) & (sep == b'-')
        | (n == 3) & (sep == b' ');
    let wanted = shape
        && match n {
            2 => {
                (sep == b'.'
                    && (matches!(hay[s], b'4' | b'5')
                        || matches!(hay[s], b'6'..=b'8')
                            && matches!(bytes::before(hay, s), Some(b'[' | b' '))))
                    || at(e + 3) == next
            }
            4 => at(e + 3) == next,
            _ => at(e + 1).is_some_and(|b| b.is_ascii_uppercase()),
        };
    if wanted {
        if let Some(end) = dated_or_placed(cx, s, e, next) {
            return Some(end);
        }
    }
    // `30-JUL-95` under a birth-date key.
    if n == 2 && sep == b'-' && at(e + 1).is_some_and(|b| b.is_ascii_alphabetic()) {
        if let Some(end) = dates::under_birth_key(cx, s, e) {
            return Some(end);
        }
    }
    // A date with its month in words (`19 мая 1948`, `1990 жылғы 21 …`).
    if n <= 4
        && matches!(sep, b' ' | b'-')
        && at(e + 1).is_some_and(|b| names::is_cyr_lead(b) || b.is_ascii_uppercase())
    {
        if let Some(end) = dates::in_words(cx, s, e) {
            return Some(end);
        }
    }
    if matches!(hay[s], b'7' | b'8') {
        if let Some(end) = phone::at_digits(cx, s) {
            return Some(end);
        }
    }
    if let Some(sep @ (b' ' | b'-' | b'/')) = next {
        let grouped = match n {
            4 => card::grouped(cx, s),
            2 | 6 | 8 => imei::grouped(cx, s, sep),
            _ => None,
        };
        if let Some(end) = grouped {
            return Some(end);
        }
    }
    // An IIN/BIN in groups (`900101 300811`, `90 01 01 30 08 11`).
    if let Some(sep @ (b' ' | b'-' | b'.')) = next {
        if (1..=6).contains(&n)
            && (sep != b'.' || n == 4 || n == 6)
            && (n > 1 || sep == b' ')
            && at(e + 1).is_some_and(is_digit)
        {
            if let Some(end) = kz_id::grouped(cx, s, sep) {
                return Some(end);
            }
        }
    }
    if matches!(n, 3 | 4) && bytes::before(hay, s) == Some(b'(') {
        if let Some(end) = phone::after_paren(cx, s) {
            return Some(end);
        }
    }
    if !bytes::numeric_left_ok(hay, s)
        || !bytes::numeric_right_ok(hay, e)
        || in_dashed_token(hay, s, e)
    {
        // An IIN or BIN glued to its own name, as Kazakhstan's PKI writes
        // certificate subjects: `SERIALNUMBER=IIN890619405968`, `OU=BIN…`.
        if n == 12 && kz_id::prefixed(hay, s) && bytes::numeric_right_ok(hay, e) {
            return kz_id::plain(cx, s, e).then_some(e);
        }
        return None;
    }
    let found = match n {
        6 => documents::postcode_digits(cx, s, e),
        8 if matches!(hay[s], b'1' | b'2') => dates::under_birth_key(cx, s, e).is_some(),
        9 => documents::nine(cx, s, e),
        10 => phone::bare_national(cx, s, e),
        11 => kz_id::padded(cx, s, e),
        12 => kz_id::plain(cx, s, e),
        14 => card::plain(cx, s, e) || meid::hex(cx, s, e),
        13..=19 => card::plain(cx, s, e) || imei::plain(cx, s, e) || meid::decimal(cx, s, e),
        _ => false,
    };
    found.then_some(e)
}

/// A 2- to 4-digit run `s..e` and the separator after it: a coordinate
/// pair, a date of birth or a plate (`123 ABC 02`).
#[inline(never)]
fn dated_or_placed(cx: &mut Cx, s: usize, e: usize, next: Option<u8>) -> Option<usize> {
    let hay = cx.hay;
    let n = e - s;
    // A GeoJSON position puts the longitude (46–87°) first.
    if n == 2 && next == Some(b'.') && matches!(hay[s], b'4'..=b'8') {
        if let Some(end) = geo::geojson(cx, s) {
            return Some(end);
        }
    }
    // Kazakhstan's latitudes are 40–55°.
    if n == 2 && next == Some(b'.') && matches!(hay[s], b'4' | b'5') {
        if let Some(end) = geo::at(cx, s) {
            return Some(end);
        }
    }
    // `12.04.1985`, `1985-04-12`: the separator comes back after two digits.
    let date_shape = match (n, next) {
        (2, Some(b'.' | b'/')) => bytes::at(hay, e + 3) == next,
        (4, Some(b'-')) => bytes::at(hay, e + 3) == next && bytes::at(hay, e + 6) != Some(b'T'),
        _ => false,
    };
    if date_shape {
        if let Some(end) = dates::at(cx, s, e) {
            return Some(end);
        }
    }
    if n == 3 && next == Some(b' ') {
        return documents::plate(cx, s, e);
    }
    None
}

/// Whether the run `s..e` is one part of a dashed token such as a UUID
/// (`…-a716-446655440000`) or a document number (`INV-900101300811-01`).
fn in_dashed_token(hay: &[u8], s: usize, e: usize) -> bool {
    let left = s >= 2 && hay[s - 1] == b'-' && is_alnum(hay[s - 2]);
    let right = bytes::at(hay, e) == Some(b'-') && bytes::at(hay, e + 1).is_some_and(is_alnum);
    left || right
}

/// At a quote opening a value of an SQL tuple (`VALUES (1, 'ivanp',
/// N'…')`): a column named by a key of a kind decided by its key alone
/// (`client_login`, `[Idfa]`) makes the quoted value that kind, as a CSV
/// column's name does.
fn sql_keyed(cx: &mut Cx, i: usize) -> Option<usize> {
    let hay = cx.hay;
    let mut p = i;
    if p > 0 && hay[p - 1] == b'N' {
        p -= 1;
    }
    while p > 0 && hay[p - 1] == b' ' {
        p -= 1;
    }
    if !(p == 0 || matches!(hay[p - 1], b'(' | b',')) {
        return None;
    }
    let s = i + 1;
    let ls = memchr::memrchr(b'\n', &hay[..i]).map_or(0, |q| q + 1);
    let key = cx
        .sql
        .get_or_insert_with(Default::default)
        .column(hay, ls, s)?;
    let name = std::str::from_utf8(&hay[key.0..key.1]).ok()?;
    let kind = cx.keys.kind_of_name(name)?;
    let e = s + memchr::memchr2(b'\'', b'\n', &hay[s..])?;
    if hay[e] != b'\'' {
        return None;
    }
    keyed::whole(cx, kind, s..e);
    None
}

/// A value of a PostgreSQL `COPY … FROM stdin` row (tab-separated) under
/// a column named by a key of a kind decided by its key alone (`login`,
/// `idfa`): the whole cell, as a CSV column's name makes it.
fn copy_cell(cx: &mut Cx, s: usize) {
    let hay = cx.hay;
    let sql = cx.sql.get_or_insert_with(Default::default);
    if sql.absent(hay) {
        return;
    }
    let ls = memchr::memrchr(b'\n', &hay[..s]).map_or(0, |q| q + 1);
    let Some(key) = sql.column(hay, ls, s) else {
        return;
    };
    let Some(kind) = std::str::from_utf8(&hay[key.0..key.1])
        .ok()
        .and_then(|name| cx.keys.kind_of_name(name))
    else {
        return;
    };
    let e = s + memchr::memchr3(b'\t', b'\n', b'\r', &hay[s..]).unwrap_or(hay.len() - s);
    keyed::whole(cx, kind, s..e);
}

/// A non-alphanumeric byte the loop stops at.
fn anchor(cx: &mut Cx, i: usize, b: u8) -> usize {
    let hay = cx.hay;
    let found = match b {
        b'+' => phone::at_plus(cx, i, 1),
        b'@' => email::at(cx, i, 1),
        b'&' => match hay.get(i + 1..i + 5) {
            Some(b"#64;") => email::at(cx, i, 5),
            Some(b"#x40" | b"#X40") if hay.get(i + 5) == Some(&b';') => email::at(cx, i, 6),
            _ => None,
        },
        b'%' => match hay.get(i + 1..i + 3) {
            Some(b"40") => email::at(cx, i, 3),
            Some(b"2B" | b"2b") => phone::at_plus(cx, i, 3),
            _ => None,
        },
        b':' if hay.get(i + 1) == Some(&b':')
            && !bytes::before(hay, i).is_some_and(|p| is_hex(p) || p == b':') =>
        {
            ipv6::at(cx, i)
        }
        b':' => {
            let keys = cx.keys;
            keyed::at_colon(cx, keys, i)
        }
        b'=' => {
            let keys = cx.keys;
            keyed::at_equals(cx, keys, i)
        }
        b'\'' => sql_keyed(cx, i),
        _ => None,
    };
    found.unwrap_or(i + 1)
}

/// Sorts the new findings, drops those outside `body`, below the threshold
/// or of unwanted kinds, and resolves overlaps: a longer span wins, then a
/// higher confidence.
/// Whether two person spans a space apart are parts of one name: one of
/// them a single word, three words at most together (two full names in a
/// row, `Нұрланов Ерлан Маратұлынан Ахметова Айгерим…`, stay two).
fn one_name(hay: &[u8], a: Range<usize>, b: Range<usize>) -> bool {
    let words = |r: Range<usize>| 1 + memchr::memchr_iter(b' ', &hay[r]).count();
    let (x, y) = (words(a), words(b));
    (x == 1 || y == 1) && x + y <= 3
}

fn finish(
    hay: &[u8],
    out: &mut Vec<Finding>,
    first: usize,
    body: Range<usize>,
    kinds: KindSet,
    min: f32,
) {
    let new = &mut out[first..];
    new.sort_unstable_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut keep = first;
    for r in first..out.len() {
        let f = out[r];
        if f.start < body.start || f.start >= body.end || f.confidence < min {
            continue;
        }
        // Two parts of one name found apart (the given name by the
        // lists, the surname by the tagger: `Раймон Паулс`) are one name:
        // one span, so that a token or mask covers the whole of it.
        if keep > first
            && f.kind == Kind::Person
            && out[keep - 1].kind == Kind::Person
            && out[keep - 1].end + 1 == f.start
            && hay.get(f.start - 1) == Some(&b' ')
            && one_name(hay, out[keep - 1].start..out[keep - 1].end, f.start..f.end)
        {
            let last = &mut out[keep - 1];
            last.end = f.end;
            last.confidence = last.confidence.max(f.confidence);
            continue;
        }
        if keep > first && out[keep - 1].overlaps(&f) {
            let last = out[keep - 1];
            let tie_break =
                (tie_rank(f.kind), f.confidence) > (tie_rank(last.kind), last.confidence);
            let better = f.len() > last.len() || (f.len() == last.len() && tie_break);
            if better {
                out[keep - 1] = f;
            }
            continue;
        }
        out[keep] = f;
        keep += 1;
    }
    out.truncate(keep);
    let mut keep = first;
    for r in first..out.len() {
        if kinds.contains(out[r].kind) {
            out[keep] = out[r];
            keep += 1;
        }
    }
    out.truncate(keep);
}

/// Which finding keeps a span two detectors both claim: a `user_id` yields
/// to a kind found by the value's own shape (logins are often e-mails,
/// phones, IINs); cookie, device and token keys name machine identifiers and
/// win over a look-alike (a 19-digit `_ym_uid` that passes Luhn is no card).
fn tie_rank(kind: Kind) -> u8 {
    match kind {
        Kind::UserId => 0,
        Kind::CookieId | Kind::DeviceId | Kind::AuthToken => 2,
        _ => 1,
    }
}

/// What a detector sees: the haystack, the context words, and where to put
/// what it found.
pub(crate) struct Cx<'a> {
    pub hay: &'a [u8],
    context: &'a ContextIndex,
    keys: &'a KeyIndex,
    /// Kinds the surroundings speak for (see [`Engine::find_in_context`]).
    given: u32,
    /// Findings so far (those of this call from the index it started at).
    pub out: &'a mut Vec<Finding>,
    /// Hashes of capitalised word pairs that were no name (see `person`).
    pub not_names: [u64; 8],
    /// Context words of the line being scanned, for its next candidates.
    hits: Hits,
    /// The field of the last candidate asked about: its start and what its
    /// key says (several detectors ask about one start).
    field: (usize, Option<FieldVerdict>),
    /// The SQL dump structure seen so far (column lists by position).
    /// (Made on first use: a table cell never needs it.)
    sql: Option<crate::sql::Sql>,
    /// The tagger's names in the stretch of line around the scan position.
    pub tagged: person::Tagged,
    /// The person-name model, if any.
    pub tagger: Option<&'static tagger::Model<'static>>,
    /// Where the capitalised Cyrillic words that no detector took start.
    pub caps: Vec<u32>,
    /// Whether to note them: not in a table cell, which is scanned on its
    /// own (a surname rarely recurs inside one cell, and noting words
    /// would allocate per cell).
    pub echo: bool,
    /// Whether the haystack is a vCard address book (looked up once).
    pub vcard: Option<bool>,
}

/// Slots of the per-thread cache of what keys say.
const NAMED_SLOTS: usize = 256;

thread_local! {
    /// What recent keys said, (hash, for, against) by hash: logs repeat
    /// their keys, and asking the automaton anew cost 5 % of a log scan.
    /// The words come from `patterns/` alone, so every engine agrees.
    static NAMED: std::cell::RefCell<[(u64, u32, u32); NAMED_SLOTS]> =
        const { std::cell::RefCell::new([(0, 0, 0); NAMED_SLOTS]) };
}

/// [`ContextIndex::named`] through the per-thread cache.
fn named_cached(context: &ContextIndex, key: &[u8]) -> (u32, u32) {
    let h = bytes::fnv1a(key) | 1;
    let slot = (h as usize) % NAMED_SLOTS;
    NAMED.with(|cache| {
        let mut cache = cache.borrow_mut();
        match cache[slot] {
            (k, f, a) if k == h => (f, a),
            _ => {
                let (f, a) = context.named(key);
                cache[slot] = (h, f, a);
                (f, a)
            }
        }
    })
}

/// What a candidate's field says (see [`crate::field`]): kind bits its key
/// speaks for and against, and the value's extent.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FieldVerdict {
    pub for_kinds: u32,
    pub against_kinds: u32,
    /// The key's bytes in the haystack (a SQL column list's name for a
    /// value by position).
    pub key: (usize, usize),
    pub value: (usize, usize),
}

/// How much a finding depends on context words.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Needs {
    /// The shape and validators suffice; context raises confidence.
    Nothing,
    /// Only reported when a context word for its kind is near.
    Context,
}

impl Cx<'_> {
    /// The keys and service accounts of this engine.
    pub fn keys(&self) -> &KeyIndex {
        self.keys
    }

    /// The field of the value holding the candidate at `start`, and what its
    /// key says.
    pub fn field(&mut self, start: usize) -> Option<FieldVerdict> {
        if self.field.0 == start && start != usize::MAX {
            return self.field.1;
        }
        let hay = self.hay;
        let field = crate::field::of(hay, start).or_else(|| {
            // A value by position: a COPY row or an INSERT tuple.
            let mut p = start;
            while p > 0 && matches!(hay[p - 1], b'\'' | b'"' | b' ') {
                p -= 1;
            }
            // SQL Server's Unicode strings: `N'…'`.
            if p > 0 && hay[p - 1] == b'N' && hay.get(p) == Some(&b'\'') {
                p -= 1;
                while p > 0 && hay[p - 1] == b' ' {
                    p -= 1;
                }
            }
            let positional = p == 0 || matches!(hay[p - 1], b'(' | b',' | b'\t' | b'\n');
            if !positional {
                return None;
            }
            let ls = memchr::memrchr(b'\n', &hay[..start]).map_or(0, |q| q + 1);
            let key = self
                .sql
                .get_or_insert_with(Default::default)
                .column(hay, ls, start)?;
            let le = memchr::memchr(b'\n', &hay[start..]).map_or(hay.len(), |q| start + q);
            Some(crate::field::Field {
                key,
                value: (p, le),
            })
        });
        let verdict = field.map(|f| {
            let raw = &hay[f.key.0..f.key.1];
            let (for_kinds, against_kinds) = if raw.contains(&b'\\') {
                let mut buf = [0u8; 2 * crate::field::MAX_KEY];
                named_cached(self.context, crate::field::decoded_key(raw, &mut buf))
            } else {
                named_cached(self.context, raw)
            };
            FieldVerdict {
                for_kinds,
                against_kinds,
                key: f.key,
                value: f.value,
            }
        });
        self.field = (start, verdict);
        verdict
    }

    /// Whether the surroundings name `kind` for a value at `start`: a
    /// column's header, or the key of the value's field.
    pub fn named_for(&mut self, start: usize, kind: Kind) -> bool {
        self.given & kind.bit() != 0
            || self
                .field(start)
                .is_some_and(|f| f.for_kinds & kind.bit() != 0)
    }

    /// What the context says about `kind` for the span `start..end`: the
    /// surroundings given from outside (a column's header), then the key of
    /// the field the span is the value of, then the loose words around it.
    pub fn context(&mut self, start: usize, end: usize, kind: Kind) -> Context {
        let bit = kind.bit();
        if self.given & bit != 0 {
            return Context::SUPPORTS;
        }
        match self.field(start) {
            Some(f) if f.for_kinds & bit != 0 => Context::SUPPORTS,
            Some(f) if f.against_kinds & bit != 0 => Context::VETOES,
            Some(f) => {
                self.context
                    .around_value(self.hay, start, end, kind, &mut self.hits, f.value)
            }
            None => self
                .context
                .around_kept(self.hay, start, end, kind, &mut self.hits),
        }
    }

    /// Whether a word of a context-only kind ([`crate::context::RARE`]) may
    /// be near `start..end`, or the surroundings speak for such a kind.
    pub fn rare_words_near(&mut self, start: usize, end: usize) -> bool {
        const RARE: u32 = crate::context::RARE;
        self.given & RARE != 0
            || self
                .context
                .mentions(self.hay, start, end, RARE, &mut self.hits)
            // A key written as one word (`<УдостоверениеЛичности номер=…>`,
            // `idCardNo`) holds no loose context word.
            || self.field(start).is_some_and(|f| f.for_kinds & RARE != 0)
    }

    /// Reports a finding at exactly `confidence`, whatever the words around
    /// it say (a name an attacker tried stays under the threshold).
    pub fn emit_exact(&mut self, start: usize, end: usize, kind: Kind, confidence: f32) {
        self.out.push(Finding {
            start,
            end,
            kind,
            confidence,
        });
    }

    /// Reports a validated candidate with confidence `base`, adjusted by the
    /// context: a supporting word removes 70% of the remaining doubt, an
    /// opposing one (and none supporting) halves the confidence.
    pub fn emit(&mut self, start: usize, end: usize, kind: Kind, base: f32, needs: Needs) -> bool {
        // Context can only lift a confident finding that no word opposes:
        // skip the lookup (e-mail, IBAN) and report the base confidence.
        let given = self.given & kind.bit() != 0;
        if !given && needs == Needs::Nothing && base >= 0.9 && !self.context.can_oppose(kind) {
            self.out.push(Finding {
                start,
                end,
                kind,
                confidence: base,
            });
            return true;
        }
        if !given
            && needs == Needs::Context
            && kind.bit() & crate::context::RARE != 0
            && !self.rare_words_near(start, end)
            && self
                .field(start)
                .is_none_or(|f| f.for_kinds & kind.bit() == 0)
        {
            return false;
        }
        let ctx = self.context(start, end, kind);
        let confidence = if ctx.vetoes {
            return false;
        } else if ctx.supports {
            1.0 - (1.0 - base) * 0.3
        } else if needs == Needs::Context {
            return false;
        } else if ctx.opposes {
            base * 0.5
        } else {
            base
        };
        self.out.push(Finding {
            start,
            end,
            kind,
            confidence,
        });
        true
    }
}

#[cfg(test)]
mod login_words {
    #[test]
    fn every_login_word_passes_the_first_byte_table() {
        for w in [
            "for",
            "user",
            "User",
            "home",
            "Users",
            "TTY",
            "HIER",
            "OK",
            "FAIL",
            "acls",
            "by",
            "add",
            "Set",
            "to",
            "sudo",
            "perm",
            "name",
            "staging",
            "usercache",
            "USER",
            "sshd",
            "imap",
            "pop3",
            "lmtp",
            "pam",
            "submission",
            "managesieve",
            "FTP",
            "LOG",
            "FATAL",
            "ERROR",
            "DETAIL",
            "STATEMENT",
            "WARNING",
            "HINT",
            "CONTEXT",
            "PANIC",
            "Login",
            "username",
            "Username",
            "CN",
            "Connect",
            "ROLE",
            "CMD",
        ] {
            assert!(super::is_login_word(w.as_bytes()), "{w}");
        }
    }
}
