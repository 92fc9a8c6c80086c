//! Columns of SQL dumps by position: in `INSERT INTO t (id, iin, order_no)
//! VALUES (1, '900101300811', 42), (…)` and in the tab-separated rows of a
//! PostgreSQL `COPY t (id, iin, …) FROM stdin;` block (ended by `\.`), the
//! column list names each position of every tuple or row. A value's column
//! is then its field name (see [`crate::field`]), as a CSV header is.
//!
//! The engine scans a chunk front to back, so the state here moves forward
//! only: [`Sql::column`] looks for `COPY`/`INSERT INTO`/`\.` lines between
//! the last line asked about and this one (a SIMD substring search), and a
//! cursor walks a long `INSERT` line (mysqldump writes thousands of tuples
//! on one) once, counting commas outside quotes and parentheses. Nothing is
//! allocated; a header in an earlier chunk is not seen (chunks are MiBs).

use memchr::memmem;

/// Most columns kept from a column list.
const MAX_COLUMNS: usize = 96;

/// A parsed column list: each name's span in the haystack.
#[derive(Clone, Copy)]
struct Columns {
    /// Where the header line starts (its identity).
    at: usize,
    names: [(u32, u32); MAX_COLUMNS],
    len: usize,
}

impl Columns {
    const EMPTY: Columns = Columns {
        at: usize::MAX,
        names: [(0, 0); MAX_COLUMNS],
        len: 0,
    };
}

/// Where a long INSERT line has been walked to.
#[derive(Clone, Copy)]
struct Cursor {
    line: usize,
    pos: usize,
    index: usize,
    depth: u32,
    quote: Option<u8>,
    /// Whether the walk is inside the VALUES part.
    values: bool,
}

/// The forward-only SQL state of one scan of a haystack.
#[derive(Clone, Copy)]
pub struct Sql {
    /// Whether the haystack holds no `COPY `, `INSERT INTO` or `insert
    /// into` at all (most logs): then nothing here is ever looked up again.
    none: Option<bool>,
    seen_to: usize,
    /// Start of the `COPY … FROM stdin;` line whose block is open.
    copy: Option<usize>,
    /// Start of the line of the last `INSERT INTO … (cols)` seen.
    insert: Option<usize>,
    columns: Columns,
    cursor: Cursor,
    /// The columns of the last `CREATE TABLE` looked up for an INSERT
    /// without a column list, and the table's name span.
    created: Option<((usize, usize), Columns)>,
}

impl Cursor {
    fn at(line: usize, pos: usize) -> Cursor {
        Cursor {
            line,
            pos,
            index: 0,
            depth: 0,
            quote: None,
            values: false,
        }
    }
}

impl Default for Sql {
    fn default() -> Self {
        Sql {
            none: None,
            seen_to: 0,
            copy: None,
            insert: None,
            columns: Columns::EMPTY,
            cursor: Cursor::at(usize::MAX, 0),
            created: None,
        }
    }
}

/// How an INSERT opens: as dumps write it (`insert into`), as Oracle SQL
/// Developer exports it (`Insert into`), and SQL Server's scripts, which
/// leave out INTO (`INSERT [dbo].[Clients] ([Id], …)`; the name starts
/// at the bracket, so it is searched for with it).
const INSERTS: [&[u8]; 4] = [b"INSERT INTO", b"insert into", b"Insert into", b"INSERT ["];

fn starts_with_ci(hay: &[u8], at: usize, word: &[u8]) -> bool {
    hay.get(at..at + word.len())
        .is_some_and(|w| w.eq_ignore_ascii_case(word))
}

impl Sql {
    /// Follows the dump's structure from where it was last asked up to the
    /// line starting at `ls`.
    fn advance(&mut self, hay: &[u8], ls: usize) {
        if ls <= self.seen_to {
            return;
        }
        let region = &hay[self.seen_to..ls];
        let base = self.seen_to;
        // Line starts in the region that open or close a block. A region
        // without `COPY`, `INSERT` or `\.` (most of a log) is passed over
        // by three substring searches.
        for p in memmem::find_iter(region, b"COPY ") {
            let at = base + p;
            if at == 0 || hay[at - 1] == b'\n' {
                self.copy = Some(at);
            }
        }
        if let Some(copy) = self.copy {
            let from = copy.max(base);
            if memmem::find(&hay[from..ls], b"\n\\.").is_some() {
                self.copy = None;
            }
        }
        for needle in INSERTS {
            if let Some(p) = memmem::rfind(region, needle) {
                let at = base + p;
                let line = memchr::memrchr(b'\n', &hay[..at]).map_or(0, |q| q + 1);
                if self.insert.is_none_or(|i| line > i) {
                    self.insert = Some(line);
                }
            }
        }
        self.seen_to = ls;
    }

    /// Parses the column list in `hay[from..]` (after `(`) up to `)`.
    fn parse_columns(&mut self, hay: &[u8], at: usize, open: usize) -> bool {
        if self.columns.at == at {
            return self.columns.len > 0;
        }
        self.columns = Columns::EMPTY;
        self.columns.at = at;
        let mut i = open + 1;
        let mut n = 0;
        loop {
            while i < hay.len() && matches!(hay[i], b' ' | b'\t' | b'\r' | b'\n') {
                i += 1;
            }
            let quoted = matches!(hay.get(i), Some(b'"' | b'`' | b'['));
            if quoted {
                i += 1;
            }
            let s = i;
            while i < hay.len() && !matches!(hay[i], b',' | b')' | b'"' | b'`' | b']' | b'\n') {
                i += 1;
            }
            let mut e = i;
            while e > s && hay[e - 1] == b' ' {
                e -= 1;
            }
            if e == s || n == MAX_COLUMNS {
                return false;
            }
            self.columns.names[n] = (s as u32, e as u32);
            n += 1;
            if quoted {
                i += 1;
            }
            while i < hay.len() && hay[i] == b' ' {
                i += 1;
            }
            match hay.get(i) {
                Some(b',') => i += 1,
                Some(b')') => break,
                _ => return false,
            }
        }
        self.columns.len = n;
        true
    }

    /// The column list of a COPY line at `at`: `COPY name (a, b) FROM stdin;`.
    fn copy_columns(&mut self, hay: &[u8], at: usize) -> bool {
        let le = memchr::memchr(b'\n', &hay[at..]).map_or(hay.len(), |p| at + p);
        match memchr::memchr(b'(', &hay[at..le]) {
            Some(p) => self.parse_columns(hay, at, at + p),
            None => false,
        }
    }

    /// The column list of an INSERT at line `at`, and where its VALUES start.
    fn insert_columns(&mut self, hay: &[u8], at: usize) -> Option<usize> {
        let le = memchr::memchr(b'\n', &hay[at..]).map_or(hay.len(), |p| at + p);
        let line = &hay[at..le];
        // The first INSERT opening on the line (see [`INSERTS`]).
        let (into, name_from) = INSERTS
            .iter()
            .find_map(|n| memmem::find(line, n).map(|i| (i, i + n.len())))?;
        let values = memmem::find(&line[into..], b"VALUES")
            .or_else(|| memmem::find(&line[into..], b"values"))
            .map(|v| at + into + v);
        let head_end = values.unwrap_or(le);
        let Some(open) = memchr::memchr(b'(', &hay[at + into..head_end]) else {
            // `INSERT INTO t VALUES (…)` (mysqldump, sqlite's .dump): the
            // columns of the table's CREATE TABLE above, in order.
            let values = values?;
            let name = table_name(hay, at + name_from, values)?;
            return self.created_columns(hay, at, name).then_some(values + 6);
        };
        let open = open + at + into;
        self.parse_columns(hay, at, open)
            .then_some(values.map_or(le, |v| v + 6))
    }

    /// The columns of `CREATE TABLE name (…)` before `at`, as this INSERT's.
    fn created_columns(&mut self, hay: &[u8], at: usize, name: (usize, usize)) -> bool {
        if self.columns.at == at {
            return self.columns.len > 0;
        }
        let wanted = &hay[name.0..name.1];
        if let Some((n, cols)) = self.created {
            if hay[n.0..n.1].eq_ignore_ascii_case(wanted) {
                self.columns = cols;
                self.columns.at = at;
                return cols.len > 0;
            }
        }
        let mut found = None;
        for needle in [&b"CREATE TABLE"[..], b"create table"] {
            for p in memmem::rfind_iter(&hay[..at], needle) {
                let le = memchr::memchr(b'(', &hay[p..at]).map(|q| p + q);
                let Some(open) = le else { continue };
                let Some(n) = table_name(hay, p + 12, open) else {
                    continue;
                };
                if hay[n.0..n.1].eq_ignore_ascii_case(wanted) {
                    found = Some((n, open));
                    break;
                }
            }
            if found.is_some() {
                break;
            }
        }
        let Some((n, open)) = found else {
            self.columns = Columns::EMPTY;
            self.columns.at = at;
            return false;
        };
        let cols = definitions(hay, open);
        self.created = Some((n, cols));
        self.columns = cols;
        self.columns.at = at;
        cols.len > 0
    }

    /// Whether the haystack holds no SQL statement with rows at all (most
    /// logs), looked up once.
    pub fn absent(&mut self, hay: &[u8]) -> bool {
        *self.none.get_or_insert_with(|| {
            memmem::find(hay, b"COPY ").is_none()
                && INSERTS.iter().all(|n| memmem::find(hay, n).is_none())
        })
    }

    /// The column name (its span in `hay`) of the value starting at `start`
    /// on the line starting at `ls`, when the line is a COPY row or an
    /// INSERT tuple under a column list.
    pub fn column(&mut self, hay: &[u8], ls: usize, start: usize) -> Option<(usize, usize)> {
        if self.absent(hay) {
            return None;
        }
        self.advance(hay, ls);
        if let Some(copy) = self.copy.filter(|&c| c < ls) {
            if !self.copy_columns(hay, copy) {
                return None;
            }
            let index = memchr::memchr_iter(b'\t', &hay[ls..start]).count();
            let (s, e) = *self.columns.names[..self.columns.len].get(index)?;
            return Some((s as usize, e as usize));
        }
        // An INSERT on this line, or tuples continuing one from above.
        let here = starts_with_ci(hay, ls, b"INSERT INTO")
            || INSERTS
                .iter()
                .any(|n| memmem::find(&hay[ls..start], n).is_some());
        let at = if here {
            ls
        } else {
            let first = hay[ls..start]
                .iter()
                .position(|&b| b != b' ' && b != b'\t')?;
            if hay[ls + first] != b'(' {
                return None;
            }
            self.insert?
        };
        let values = self.insert_columns(hay, at)?;
        let from = if at == ls { values } else { ls };
        let c = &mut self.cursor;
        if c.line != ls || c.pos > start || c.pos < from {
            *c = Cursor::at(ls, from);
        }
        // Walk to `start`, counting top-level commas inside each tuple.
        let mut i = c.pos;
        while i < start {
            let b = hay[i];
            match c.quote {
                Some(q) => {
                    if b == b'\\' {
                        i += 1;
                    } else if b == q {
                        if hay.get(i + 1) == Some(&q) {
                            i += 1;
                        } else {
                            c.quote = None;
                        }
                    }
                }
                None => match b {
                    b'\'' | b'"' => c.quote = Some(b),
                    b'(' => {
                        c.depth += 1;
                        if c.depth == 1 {
                            c.index = 0;
                            c.values = true;
                        }
                    }
                    b')' => c.depth = c.depth.saturating_sub(1),
                    b',' if c.depth == 1 => c.index += 1,
                    _ => {}
                },
            }
            i += 1;
        }
        c.pos = i.max(start);
        // Inside a call in a tuple (`CAST(N'1993-05-02' AS Date)`,
        // `to_date('30-JUL-95','DD-MON-RR')`) the value is still the column's.
        if c.depth == 0 || !c.values {
            return None;
        }
        let (s, e) = *self.columns.names[..self.columns.len].get(c.index)?;
        Some((s as usize, e as usize))
    }
}

/// The name of a table between `from` and `to` (`"t"`, `` `t` ``,
/// `[dbo].[Clients]`, `IF NOT EXISTS public.t`): its last part, unquoted.
fn table_name(hay: &[u8], from: usize, to: usize) -> Option<(usize, usize)> {
    let text = &hay[from..to];
    let mut e = text.len();
    while e > 0 && matches!(text[e - 1], b' ' | b'\t' | b'\r' | b'\n') {
        e -= 1;
    }
    if e > 0 && matches!(text[e - 1], b'"' | b'`' | b']') {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && (text[s - 1].is_ascii_alphanumeric() || matches!(text[s - 1], b'_' | b'$')) {
        s -= 1;
    }
    (s < e).then_some((from + s, from + e))
}

/// The column names of a `CREATE TABLE … (` whose `(` is at `open`: the
/// first word of each top-level definition, constraints skipped.
fn definitions(hay: &[u8], open: usize) -> Columns {
    let mut cols = Columns::EMPTY;
    let mut i = open + 1;
    let mut n = 0;
    let mut depth = 0u32;
    let mut start = true;
    while i < hay.len() && n < MAX_COLUMNS {
        let b = hay[i];
        if start {
            if matches!(b, b' ' | b'\t' | b'\r' | b'\n') {
                i += 1;
                continue;
            }
            start = false;
            let quoted = matches!(b, b'"' | b'`' | b'[');
            let s = if quoted { i + 1 } else { i };
            let mut e = s;
            while e < hay.len() && (hay[e].is_ascii_alphanumeric() || matches!(hay[e], b'_' | b'$'))
            {
                e += 1;
            }
            let word = &hay[s..e];
            const CONSTRAINTS: &[&[u8]] = &[
                b"PRIMARY",
                b"UNIQUE",
                b"KEY",
                b"CONSTRAINT",
                b"FOREIGN",
                b"INDEX",
                b"CHECK",
                b"FULLTEXT",
                b"SPATIAL",
            ];
            let constraint = !quoted && CONSTRAINTS.iter().any(|c| word.eq_ignore_ascii_case(c));
            if e > s && !constraint {
                cols.names[n] = (s as u32, e as u32);
                n += 1;
            }
            // Past the name and its closing quote.
            i = if quoted { e + 1 } else { e.max(i + 1) };
            continue;
        }
        match b {
            b'\'' | b'"' | b'`' => {
                let close = memchr::memchr(b, &hay[i + 1..]).map_or(hay.len(), |p| i + 1 + p);
                i = close + 1;
                continue;
            }
            b'(' => depth += 1,
            b')' if depth == 0 => break,
            b')' => depth -= 1,
            b',' if depth == 0 => start = true,
            b';' => break,
            _ => {}
        }
        i += 1;
    }
    cols.len = n;
    cols
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(text: &str, value: &str) -> Option<String> {
        let hay = text.as_bytes();
        let mut sql = Sql::default();
        let start = text.find(value).unwrap();
        let ls = text[..start].rfind('\n').map_or(0, |p| p + 1);
        sql.column(hay, ls, start)
            .map(|(s, e)| text[s..e].to_string())
    }

    #[test]
    fn insert_and_copy_name_each_position() {
        let ins = "INSERT INTO t (id, order_no, iin) VALUES (1, 42, '900101300811'), (2, 7, 'x');";
        assert_eq!(col(ins, "900101300811").as_deref(), Some("iin"));
        assert_eq!(col(ins, "42").as_deref(), Some("order_no"));
        let quoted = "INSERT INTO `t` (`note`, `iin`) VALUES ('a, (b)', '900101300811');";
        assert_eq!(col(quoted, "900101300811").as_deref(), Some("iin"));
        let multi = "INSERT INTO t (a, phone) VALUES\n(1, '87011234567'),\n(2, '87021234567');";
        assert_eq!(col(multi, "87021234567").as_deref(), Some("phone"));
        let copy = "SET x;\nCOPY public.c (id, iin, name) FROM stdin;\n1\t900101300811\tA\n\\.\n";
        assert_eq!(col(copy, "900101300811").as_deref(), Some("iin"));
        let after = "COPY c (id, iin) FROM stdin;\n1\t2\n\\.\nlog\t900101300811\n";
        assert_eq!(col(after, "900101300811"), None);
    }

    #[test]
    fn inserts_without_a_column_list_take_the_create_table_columns() {
        let sqlite = "CREATE TABLE deliveries(id INTEGER PRIMARY KEY, order_no TEXT, \
                      postcode TEXT, amount NUMERIC(12,2));\n\
                      INSERT INTO deliveries VALUES(21,'KZ-1','050000',1.5);\n";
        assert_eq!(col(sqlite, "050000").as_deref(), Some("postcode"));
        assert_eq!(col(sqlite, "'KZ-1'").as_deref(), Some("order_no"));
        let mysql =
            "CREATE TABLE `clients` (\n  `id` int NOT NULL,\n  `iin` char(12) DEFAULT NULL,\n  \
                     PRIMARY KEY (`id`),\n  KEY `k` (`iin`)\n) ENGINE=InnoDB;\n\
                     INSERT INTO `clients` VALUES (1,'900101300811'),(2,'870412300455');\n";
        assert_eq!(col(mysql, "870412300455").as_deref(), Some("iin"));
        let tsql = "INSERT [dbo].[Clients] ([Id], [Iin], [Phone]) VALUES (1, N'900101300811', N'87011234567')\nGO\n";
        assert_eq!(col(tsql, "87011234567").as_deref(), Some("Phone"));
        let cast = "INSERT [dbo].[C] ([Id], [BirthDate], [Note]) VALUES (1, CAST(N'1993-05-02' AS Date), N'x, y')\n";
        assert_eq!(col(cast, "1993-05-02").as_deref(), Some("BirthDate"));
        assert_eq!(col(cast, "x, y").as_deref(), Some("Note"));
        let other =
            "CREATE TABLE a (x int, iin text);\nINSERT INTO b VALUES (1, '900101300811');\n";
        assert_eq!(col(other, "900101300811"), None);
    }
}
