//! Tables (CSV and TSV): the layout of a file (encoding, delimiter, header,
//! the kinds each column's header words suggest), sniffed once from its
//! first bytes and shared by every chunk. Chunks of a table end on record
//! boundaries (a quoted newline is not one), so each can be tokenized alone.

pub mod cells;
pub(crate) mod header;
pub mod rewrite;
pub mod tokenize;

use std::sync::Arc;

use crate::codec::Codec;

use crate::context::ContextIndex;
use crate::kind::Kind;

/// How inputs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum InputFormat {
    /// `.csv`/`.tsv` (also compressed) as tables, `.parquet` and files
    /// that start with Parquet's magic as Parquet, anything else as text.
    #[default]
    Auto,
    /// Lines of text (logs, JSON lines, anything else).
    Text,
    /// Delimited tables.
    Csv,
    /// Parquet files (also `-`: standard input is spooled to a temporary file).
    Parquet,
}

/// Table options from the command line.
#[derive(Debug, Clone)]
pub struct TableOptions {
    pub format: InputFormat,
    /// Forced delimiter; sniffed when `None`.
    pub delimiter: Option<u8>,
    /// Whether the first record is a header.
    pub header: bool,
    /// Forced input encoding; detected when `None`.
    pub encoding: Option<Codec>,
    /// The longest record accepted, in bytes.
    pub max_row: usize,
}

impl Default for TableOptions {
    fn default() -> Self {
        TableOptions {
            format: InputFormat::Auto,
            delimiter: None,
            header: true,
            encoding: None,
            max_row: 64 << 20,
        }
    }
}

impl TableOptions {
    /// Whether a file of this name is read as a table.
    pub fn is_table(&self, name: &str) -> bool {
        match self.format {
            InputFormat::Text | InputFormat::Parquet => false,
            InputFormat::Csv => true,
            InputFormat::Auto => {
                let n = name.to_ascii_lowercase();
                let n = n.trim_end_matches(".gz").trim_end_matches(".zst");
                n.ends_with(".csv") || n.ends_with(".tsv")
            }
        }
    }
}

/// What a table looks like.
#[derive(Debug)]
pub struct Layout {
    pub delimiter: u8,
    /// What ends a record: `\n` (also `\r\n`) or, for files with carriage
    /// returns and no line feed, `\r` ([`tokenize::sniff_eol`]).
    pub eol: u8,
    pub encoding: Codec,
    /// Length of a UTF-8 byte-order mark at the start of the file (0 or 3).
    pub bom: usize,
    pub has_header: bool,
    /// Column names (`1`, `2`, … without a header), decoded to UTF-8.
    pub names: Vec<String>,
    /// Per column: the kinds its header words speak for, and those its
    /// values were found to be (see [`value_kinds`]), as kind bits.
    pub hints: Vec<u32>,
    /// Per column: the kinds its header speaks against (`app_version`,
    /// `tracking_no`) and its values do not show: never reported there.
    pub vetoes: Vec<u32>,
    /// Per column: the kinds decided by the values of the first records
    /// (a `doc_no` column of IINs that lost their leading zero).
    pub by_values: Vec<u32>,
    /// The longest record accepted, in bytes.
    pub max_row: usize,
    /// Per column: the kind of personal data its header cell holds (its
    /// name in `names` is then masked); see [`Layout::sniff_checked`].
    pub header_pii: Vec<Option<Kind>>,
    /// Per column: the kind its name is a key of, for the kinds decided by
    /// their key alone (`IDFA`, `AppsFlyer ID`, `Customer User ID`); see
    /// [`Layout::sniff_checked`].
    pub keyed: Vec<Option<Kind>>,
}

/// Why a table cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutError(pub String);

impl Layout {
    /// Sniffs the layout from the first bytes of a table.
    ///
    /// # Errors
    /// An unterminated quote in the header.
    pub fn sniff(
        head: &[u8],
        is_tsv: bool,
        opts: &TableOptions,
        context: &ContextIndex,
    ) -> Result<Arc<Layout>, LayoutError> {
        let bom = if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
            3
        } else {
            0
        };
        let body = &head[bom..];
        let encoding = match opts.encoding {
            // A UTF-8 byte-order mark wins over --encoding, as for text.
            Some(_) if bom > 0 => crate::codec::UTF_8,
            Some(e) => e,
            None => detect_encoding(body).map_err(|e| {
                LayoutError(match e {
                    Uncertain::Mixed { at, line, stray } => format!(
                        "not UTF-8 at byte {} (line {line}), though the rest of the first {} KiB \
                         is UTF-8 ({stray} stray byte sequence(s)): the encoding is uncertain, \
                         nothing was guessed; repair those bytes, or give --encoding with the \
                         file's real encoding",
                        at + bom,
                        body.len().div_ceil(1024)
                    ),
                    Uncertain::Little { at, line, stray } => format!(
                        "not UTF-8 at byte {} (line {line}), and too few such bytes ({stray} in \
                         the first {} KiB) to tell the encoding: nothing was guessed; give \
                         --encoding (utf-8, windows-1251, …)",
                        at + bom,
                        body.len().div_ceil(1024)
                    ),
                })
            })?,
        };
        let eol = tokenize::sniff_eol(body);
        let delimiter = opts
            .delimiter
            .unwrap_or_else(|| sniff_delimiter(body, eol, is_tsv));
        let mut fields = Vec::new();
        let first = tokenize::record_eol(body, 0, delimiter, eol, &mut fields).map_err(|u| {
            LayoutError(format!(
                "unterminated quote in the first record at byte {}",
                u.at + bom
            ))
        })?;
        let columns = if first.is_some() { fields.len() } else { 0 };
        // A first record holding data (a run of six digits, an `@`) is no
        // header: its cells would otherwise become column names, and names
        // are printed raw in findings and reports.
        let looks_like_data = fields.iter().any(|f| {
            let v = &body[f.inner()];
            v.contains(&b'@') || v.windows(6).any(|w| w.iter().all(u8::is_ascii_digit))
        });
        let header = opts.header && !looks_like_data;
        let mut names = Vec::with_capacity(columns);
        let mut hints = Vec::with_capacity(columns);
        let mut vetoes = Vec::with_capacity(columns);
        let mut cell = Vec::new();
        for (i, f) in fields.iter().enumerate() {
            if header {
                cell.clear();
                tokenize::unescape(body, f, &mut cell);
                let (name, _) = encoding.decode(&cell);
                let name = name.trim().to_string();
                let hint = column_hint(context, &name);
                let (_, against) = context.named(name.as_bytes());
                hints.push(hint);
                vetoes.push(against & !hint);
                names.push(name);
            } else {
                names.push((i + 1).to_string());
                hints.push(0);
                vetoes.push(0);
            }
        }
        let from = if header {
            first.map_or(body.len(), |(_, next)| next)
        } else {
            0
        };
        let by_values = value_kinds(body, from, delimiter, eol, columns);
        for (c, &k) in by_values.iter().enumerate() {
            hints[c] |= k;
            vetoes[c] &= !k;
        }
        Ok(Arc::new(Layout {
            delimiter,
            eol,
            encoding,
            bom,
            has_header: header,
            names,
            hints,
            vetoes,
            by_values,
            max_row: opts.max_row,
            header_pii: Vec::new(),
            keyed: Vec::new(),
        }))
    }

    /// The kind column `i`'s name is a key of (see [`Layout::keyed`]).
    pub fn keyed_kind(&self, i: usize) -> Option<Kind> {
        self.keyed.get(i).copied().flatten()
    }

    /// The kinds never reported in column `i` (its header speaks against them).
    pub fn veto(&self, i: usize) -> u32 {
        self.vetoes.get(i).copied().unwrap_or(0)
    }

    /// The name of column `i` (`#i+1` past the header's width).
    pub fn name(&self, i: usize) -> String {
        self.names
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("#{}", i + 1))
    }

    /// The kinds column `i`'s header speaks for.
    pub fn hint(&self, i: usize) -> u32 {
        self.hints.get(i).copied().unwrap_or(0)
    }

    /// The first kind column `i`'s header speaks for, if any.
    pub fn hinted_kind(&self, i: usize) -> Option<Kind> {
        let h = self.hint(i);
        Kind::ALL.iter().copied().find(|k| h & k.bit() != 0)
    }
}

/// Header words for kinds with no value detector yet (`patterns/headers.toml`).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct HeaderWords {
    person: crate::patterns::ContextWords,
    address: crate::patterns::ContextWords,
}

static HEADER_WORDS: std::sync::LazyLock<Vec<(Kind, Vec<String>)>> =
    std::sync::LazyLock::new(|| {
        let words: HeaderWords = toml::from_str(include_str!("../../patterns/headers.toml"))
            .expect("patterns/headers.toml is valid");
        let all = |c: crate::patterns::ContextWords| {
            c.ru.into_iter()
                .chain(c.kk)
                .chain(c.en)
                .map(|w| w.to_lowercase())
                .collect()
        };
        vec![
            (Kind::Person, all(words.person)),
            (Kind::Address, all(words.address)),
        ]
    });

/// The kinds a column name speaks for, as kind bits: the context words of
/// the detectors (`ИИН`, `phone`) and the person/address header words.
pub fn column_hint(context: &ContextIndex, name: &str) -> u32 {
    context.kinds_named(name) | header_kinds(name)
}

/// Kinds a header names by the words of `patterns/headers.toml`: the whole
/// header, or one of its `_`/space-separated words, equals a listed word.
fn header_kinds(name: &str) -> u32 {
    let lower = name.to_lowercase();
    let parts: Vec<&str> = lower.split(['_', ' ', '-']).collect();
    HEADER_WORDS
        .iter()
        .filter(|(_, words)| {
            words
                .iter()
                .any(|w| *w == lower || parts.contains(&w.as_str()))
        })
        .fold(0, |m, (k, _)| m | k.bit())
}

/// How many records of the head are read to decide columns by their values.
const SAMPLE_ROWS: usize = 200;

/// Per column, the kind bits that most of its values are, judged on the
/// records of `head[from..]`: at least 5 non-empty cells, 80 % of them of
/// one kind by its validator alone. Kinds judged: IIN and BIN (12 digits
/// with their check digit, or 9–11 digits that validate with the leading
/// zeros a spreadsheet dropped) and Kazakh mobile numbers (10 or 11
/// digits, `7 70x…`/`8 70x…`). A column named `doc_no` whose values are
/// IINs is then an IIN column, whatever its header says.
pub fn value_kinds(head: &[u8], from: usize, delimiter: u8, eol: u8, columns: usize) -> Vec<u32> {
    let mut counts = vec![(0usize, [0usize; 3]); columns];
    let mut fields = Vec::new();
    let mut cell = Vec::new();
    let mut pos = from;
    for _ in 0..SAMPLE_ROWS {
        let Ok(Some((_, next))) = tokenize::record_eol(head, pos, delimiter, eol, &mut fields)
        else {
            break;
        };
        // The head may end inside a record: only whole ones count.
        if next >= head.len() && head.last() != Some(&eol) {
            break;
        }
        for (c, f) in fields.iter().enumerate().take(columns) {
            cell.clear();
            tokenize::unescape(head, f, &mut cell);
            let v = cell.trim_ascii();
            if v.is_empty() {
                continue;
            }
            counts[c].0 += 1;
            if let Some(k) = value_kind(v) {
                counts[c].1[k] += 1;
            }
        }
        pos = next;
    }
    const KINDS: [Kind; 3] = [Kind::Iin, Kind::Bin, Kind::Phone];
    counts
        .iter()
        .map(|&(n, by)| {
            (0..3)
                .filter(|&k| n >= 5 && by[k] * 5 >= n * 4)
                .fold(0, |m, k| m | KINDS[k].bit())
        })
        .collect()
}

/// Which of [`value_kinds`]' kinds a whole cell `v` is, by index.
fn value_kind(v: &[u8]) -> Option<usize> {
    if !v.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = v.len();
    if (9..=12).contains(&n) {
        let mut d = [b'0'; 12];
        d[12 - n..].copy_from_slice(v);
        if crate::checksum::iin_bin_check(&d) && !d.iter().all(|&b| b == d[0]) {
            return match d[4] {
                b'0'..=b'3' => Some(0),
                b'4'..=b'6' if n == 12 => Some(1),
                _ => None,
            };
        }
    }
    let national = match n {
        11 if matches!(v[0], b'7' | b'8') => &v[1..],
        10 => v,
        _ => return None,
    };
    let mobile = national[0] == b'7'
        && matches!(
            &national[1..3],
            b"00"
                | b"01"
                | b"02"
                | b"05"
                | b"06"
                | b"07"
                | b"08"
                | b"47"
                | b"71"
                | b"75"
                | b"76"
                | b"77"
                | b"78"
        );
    mobile.then_some(2)
}

/// Why the encoding of a table's head cannot be told for certain.
#[derive(Debug, PartialEq, Eq)]
enum Uncertain {
    /// Valid UTF-8 but for a few stray sequences (the first at byte `at`).
    Mixed {
        at: usize,
        line: usize,
        stray: usize,
    },
    /// Too few non-UTF-8 bytes to tell which single-byte encoding it is.
    Little {
        at: usize,
        line: usize,
        stray: usize,
    },
}

/// Fewest invalid UTF-8 sequences taken as evidence of another encoding.
const MIN_FOREIGN: usize = 3;

/// Bytes of head per invalid UTF-8 sequence, at most, for the head to be
/// taken for a legacy encoding: text in one makes an invalid sequence of
/// nearly every letter, so a head of 256 KiB holds thousands, while a
/// UTF-8 export whose head is mostly ASCII can hold a few stray bytes and
/// be UTF-8 (Cyrillic names and all) after the head.
const BYTES_PER_FOREIGN: usize = 4096;

/// What the bytes say about UTF-8: the characters of two or more bytes
/// (their lead bytes), the invalid sequences, and where the first is.
pub(crate) fn utf8_evidence(bytes: &[u8]) -> (usize, usize, Option<usize>) {
    let (mut multi, mut stray, mut first) = (0usize, 0usize, None);
    let mut pos = 0;
    while pos < bytes.len() {
        let rest = &bytes[pos..];
        let (good, bad) = match std::str::from_utf8(rest) {
            Ok(_) => (rest.len(), None),
            Err(e) => (e.valid_up_to(), e.error_len()),
        };
        multi += rest[..good].iter().filter(|&&b| b >= 0xC0).count();
        match bad {
            Some(n) => {
                stray += 1;
                first.get_or_insert(pos + good);
                pos += good + n;
            }
            // Valid to the end, or a character cut by the end.
            None => break,
        }
    }
    (multi, stray, first)
}

/// UTF-8 when the bytes are valid UTF-8 (a character cut at the end is
/// allowed); the guess of chardetng (Windows-1251 for Cyrillic exports)
/// only when the non-ASCII bytes are clearly not UTF-8: many invalid
/// sequences, and few valid characters among them. A head that is UTF-8
/// but for a few bytes is never flipped to another encoding: that would
/// misread every other non-ASCII character, and the file's names would pass
/// through anonymization unseen.
/// The legacy single-byte encoding a text head is clearly written in
/// (Windows-1251, KZ-1048, KOI8-R, …), by the same evidence a table's head
/// is judged by; `None` when the head is UTF-8, uncertain (a few stray
/// bytes in UTF-8 text: read as bytes, offsets exact) or in a multi-byte
/// legacy encoding.
pub fn detect_text_legacy(head: &[u8]) -> Option<Codec> {
    match detect_encoding(head) {
        Ok(c) if !c.is_utf8() && c.is_single_byte() => Some(c),
        _ => None,
    }
}

fn detect_encoding(head: &[u8]) -> Result<Codec, Uncertain> {
    let (multi, stray, first) = utf8_evidence(head);
    let Some(at) = first else {
        return Ok(crate::codec::UTF_8);
    };
    let line = memchr::memchr_iter(b'\n', &head[..at]).count() + 1;
    // Single-byte Cyrillic text makes an invalid sequence of nearly every
    // letter and a valid UTF-8 character only by rare coincidence.
    if multi * 20 >= stray {
        return Err(Uncertain::Mixed { at, line, stray });
    }
    if stray < MIN_FOREIGN.max(head.len() / BYTES_PER_FOREIGN) {
        return Err(Uncertain::Little { at, line, stray });
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(head, false);
    match det.guess(Some(b"kz"), chardetng::Utf8Detection::Deny) {
        e if e == encoding_rs::UTF_8 => Err(Uncertain::Mixed { at, line, stray }),
        // chardetng knows no KZ-1048 and calls it Windows-1251.
        e if e == encoding_rs::WINDOWS_1251 && crate::codec::looks_kz1048(head) => {
            Ok(Codec::Kz1048)
        }
        e => Ok(Codec::Std(e)),
    }
}

/// Whether a part of a table whose head was detected as a legacy encoding
/// holds UTF-8 text: runs of four or more characters that are valid UTF-8
/// of two bytes or more (a word in UTF-8 Cyrillic), at least eight of them.
/// Single-byte text never makes one (it would take a capital letter
/// followed by a byte of 0x80–0xBF — `Ё`, `№`, `»` — four times in a
/// row), so the guess made from the head cannot stand. Returns where the
/// first such run starts.
pub fn turns_utf8(body: &[u8]) -> Option<usize> {
    /// The length of the multi-byte UTF-8 character at the start of `b`.
    fn multibyte(b: &[u8]) -> Option<usize> {
        let n = match b.first()? {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return None,
        };
        std::str::from_utf8(b.get(..n)?).ok().map(|_| n)
    }
    let (mut runs, mut first) = (0, None);
    let mut i = 0;
    while i < body.len() {
        if body[i] < 0xC2 {
            i += 1;
            continue;
        }
        let (start, mut chars) = (i, 0);
        while let Some(n) = body.get(i..).and_then(multibyte) {
            i += n;
            chars += 1;
        }
        if chars >= 4 {
            first.get_or_insert(start);
            runs += 1;
            if runs >= 8 {
                return first;
            }
        }
        if i == start {
            i += 1;
        }
    }
    None
}

/// The delimiter among `, ; \t |` that splits the first records into the
/// most consistent number of fields (more than one).
fn sniff_delimiter(head: &[u8], eol: u8, is_tsv: bool) -> u8 {
    let candidates: &[u8] = if is_tsv { b"\t,;|" } else { b",;\t|" };
    let mut best = (candidates[0], 0usize);
    let mut fields = Vec::new();
    for &d in candidates {
        let mut counts = Vec::new();
        let mut pos = 0;
        while counts.len() < 20 {
            match tokenize::record_eol(head, pos, d, eol, &mut fields) {
                Ok(Some((_, next))) if next < head.len() || head.last() == Some(&eol) => {
                    counts.push(fields.len());
                    pos = next;
                }
                _ => break,
            }
        }
        let Some(&first) = counts.first() else {
            continue;
        };
        if first < 2 {
            continue;
        }
        let consistent = counts.iter().filter(|&&c| c == first).count();
        let score = consistent * 1000 + first;
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

/// Case-insensitive glob with `*` and `?`, for `[columns]` keys.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    let n: Vec<char> = name.to_lowercase().chars().collect();
    let (mut pi, mut ni, mut star, mut mark) = (0, 0, None, 0);
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ni;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_delimiters_and_headers() {
        let ctx = ContextIndex::new(&crate::patterns::load());
        let l = Layout::sniff(
            "ФИО;ИИН;Телефон\nа;1;2\nб;3;4\n".as_bytes(),
            false,
            &TableOptions::default(),
            &ctx,
        )
        .unwrap();
        assert_eq!(l.delimiter, b';');
        assert_eq!(l.names, ["ФИО", "ИИН", "Телефон"]);
        assert_eq!(l.hinted_kind(1), Some(Kind::Iin));
        assert_eq!(l.hinted_kind(2), Some(Kind::Phone));
        assert_eq!(l.hinted_kind(0), Some(Kind::Person));
        assert_eq!(header_kinds("Т.А.Ә."), Kind::Person.bit());
        assert_eq!(header_kinds("client_address"), Kind::Address.bit());
        assert_eq!(header_kinds("region"), 0);
        let l = Layout::sniff(b"a\tb\n1\t2\n", true, &TableOptions::default(), &ctx).unwrap();
        assert_eq!(l.delimiter, b'\t');
    }

    #[test]
    fn a_first_record_of_data_is_no_header() {
        let ctx = ContextIndex::new(&crate::patterns::load());
        let l = Layout::sniff(
            b"900101300811,x@mail.kz\n850512420060,y@mail.kz\n",
            false,
            &TableOptions::default(),
            &ctx,
        )
        .unwrap();
        assert!(!l.has_header);
        assert_eq!(l.names, ["1", "2"]);
    }

    #[test]
    fn detects_windows_1251() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251
            .encode("ФИО;ИИН;Адрес\nИванов Иван;900101300811;г. Алматы, ул. Абая\n");
        assert_eq!(detect_encoding(&bytes), Ok(crate::codec::WINDOWS_1251));
    }

    #[test]
    fn a_few_stray_bytes_do_not_flip_utf8() {
        let mut head = "ФИО;ИИН\nИванов Иван;900101300811\n"
            .repeat(50)
            .into_bytes();
        head.insert(100, 0xFF);
        assert!(matches!(
            detect_encoding(&head),
            Err(Uncertain::Mixed { at: 100, .. })
        ));
        assert!(matches!(
            detect_encoding(b"id;name\n1;caf\xe9\n"),
            Err(Uncertain::Little {
                at: 13,
                line: 2,
                stray: 1
            })
        ));
        // Three stray bytes in a head of ASCII: a UTF-8 export can be
        // Cyrillic after its head; nothing is guessed.
        let mut ascii = "1,Ivanov Ivan,ok\n".repeat(15_000).into_bytes();
        for at in [1_000, 90_000, 200_000] {
            ascii[at] = 0xE9;
        }
        assert!(matches!(
            detect_encoding(&ascii),
            Err(Uncertain::Little { stray: 3, .. })
        ));
        // UTF-8 words in a table whose head was Windows-1251 text.
        let rows = "1,Иванов Иван,«ok» №1\n".repeat(1000);
        let cp1251 = encoding_rs::WINDOWS_1251.encode(&rows).0.into_owned();
        assert_eq!(turns_utf8(&cp1251), None);
        let kazakh = "ТҰРҒЫН ҚҰЛЖА Әлихан Бөкейхан\n".repeat(1000);
        let kz = Codec::Kz1048
            .encode(&kazakh, crate::codec::Unmappable::Error)
            .unwrap()
            .into_owned();
        assert_eq!(turns_utf8(&kz), None);
        let utf8 = "2,Айгерим Сапарова,ok\n".repeat(4);
        let mixed = [&cp1251[..], utf8.as_bytes()].concat();
        assert_eq!(turns_utf8(&mixed), Some(cp1251.len() + 2));
        // As many as Windows-1251 text makes are taken.
        let rows = "1,Иванов Иван,ok\n".repeat(15_000);
        let cp1251 = encoding_rs::WINDOWS_1251.encode(&rows).0.into_owned();
        assert_eq!(detect_encoding(&cp1251), Ok(crate::codec::WINDOWS_1251));
        // A character cut by the end of the head is still UTF-8.
        let cut = "Иван".as_bytes();
        assert_eq!(
            detect_encoding(&cut[..cut.len() - 1]),
            Ok(crate::codec::UTF_8)
        );
    }

    #[test]
    fn globs() {
        assert!(glob_match("*phone*", "client_Phone_2"));
        assert!(glob_match("fio", "FIO"));
        assert!(!glob_match("fio", "fio2"));
        assert!(glob_match("col?", "col1"));
    }
}
