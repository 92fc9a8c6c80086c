//! Independently annotated named-entity corpora (`shared/data/ner/`, not
//! part of the repository): reading them into sentences with their person
//! spans, splitting them into a training part and a held-aside part, and
//! scoring the engine's `person` findings on them, exact span.
//!
//! - KazNERD (Kazakh TV news, IOB2 tokens, CC BY 4.0; Yeshpanov, Khassanov
//!   and Varol, "KazNERD: Kazakh Named Entity Recognition Dataset", LREC
//!   2022): the tokens are joined back into text, with no space before
//!   closing punctuation and none after opening brackets and quotes.
//! - factRuEval-2016 (Russian news and essays, MIT, Copyright (c) 2015
//!   dialogue-evaluation): the sentence's own text, cut from `book_N.txt` by
//!   the token offsets; a person's span is each contiguous run of the tokens
//!   of its name, surname, patronymic and nickname spans, with the dot after
//!   an initial (`В. Путин` is one span, as the engine reports it).
//!
//! The split is deterministic: by a hash of the document (factRuEval) or of
//! a block of 25 consecutive sentences (KazNERD has no document ids; nearby
//! sentences repeat the same people), one in five held aside. Training and
//! tuning see only the other four.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::engine::Engine;
use crate::kind::Kind;

/// The language of a corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Ru,
    Kk,
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Lang::Ru => "ru",
            Lang::Kk => "kk",
        })
    }
}

/// One annotated sentence.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub lang: Lang,
    /// Whether it belongs to the held-aside part (never used to tune).
    pub held_aside: bool,
    /// Whether it belongs to the development part: a quarter of the rest,
    /// for choosing features and settings (`train-names --dev`).
    pub dev: bool,
    /// The unit it was split by (a factRuEval document, a block of 25
    /// KazNERD sentences): [`score`] runs the engine on a unit's sentences
    /// as one text, as a user scans a whole file.
    pub doc: u32,
    pub text: String,
    /// The byte spans of the persons in `text`, sorted.
    pub persons: Vec<Range<usize>>,
}

/// `shared/data/ner` in `start` or a directory above it.
pub fn find_dir(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join("shared/data/ner"))
        .find(|d| d.join("kaznerd-valid.iob2").is_file())
}

/// Which part a unit (document or block) falls in: (held aside, dev).
fn part(unit: &str) -> (bool, bool) {
    let h = crate::bytes::fnv1a(unit.as_bytes()).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let held = (h >> 32 & 0xFFFF) < 0x10000 / 5;
    (held, !held && (h >> 16 & 0xFFFF) < 0x10000 / 4)
}

/// Both corpora, KazNERD first.
///
/// # Errors
/// When a file cannot be read.
pub fn load(dir: &Path) -> std::io::Result<Vec<Sentence>> {
    let mut out = kaznerd(&std::fs::read_to_string(dir.join("kaznerd-valid.iob2"))?);
    let fre = dir.join("factrueval-2016-devset");
    let mut books: Vec<PathBuf> = std::fs::read_dir(&fre)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tokens"))
        .collect();
    books.sort();
    for b in books {
        let read = |ext: &str| std::fs::read_to_string(b.with_extension(ext));
        let name = b.file_stem().unwrap_or_default().to_string_lossy();
        out.extend(factrueval(
            &name,
            &read("txt")?,
            &read("tokens")?,
            &read("spans")?,
            &read("objects")?,
        ));
    }
    Ok(out)
}

/// Whether a token is glued to the one before it (closing punctuation).
fn glued_left(t: &str) -> bool {
    matches!(
        t,
        "," | "." | ":" | ";" | "!" | "?" | ")" | "]" | "»" | "%" | "..."
    )
}

/// Whether the token after this one is glued to it (opening punctuation).
fn glued_right(t: &str) -> bool {
    matches!(t, "(" | "[" | "«")
}

fn kaznerd(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut index = 0usize;
    for block in text.split("\n\n") {
        let rows: Vec<(&str, &str)> = block.lines().filter_map(|l| l.split_once(' ')).collect();
        if rows.is_empty() {
            continue;
        }
        let mut s = String::new();
        let mut persons: Vec<Range<usize>> = Vec::new();
        let mut prev_glue = true;
        for (tok, tag) in &rows {
            if !prev_glue && !glued_left(tok) {
                s.push(' ');
            }
            let start = s.len();
            s.push_str(tok);
            match *tag {
                "B-PERSON" => persons.push(start..s.len()),
                "I-PERSON" => match persons.last_mut() {
                    Some(p) => p.end = s.len(),
                    None => persons.push(start..s.len()),
                },
                _ => {}
            }
            prev_glue = glued_right(tok);
        }
        out.push(Sentence {
            lang: Lang::Kk,
            held_aside: part(&format!("kaznerd/{}", index / 25)).0,
            dev: part(&format!("kaznerd/{}", index / 25)).1,
            doc: (index / 25) as u32,
            text: s,
            persons,
        });
        index += 1;
    }
    out
}

fn factrueval(name: &str, txt: &str, tokens: &str, spans: &str, objects: &str) -> Vec<Sentence> {
    // Books are numbered `book_N`; KazNERD's blocks count from 0, so
    // factRuEval's units start high to keep the two apart.
    let doc_id = 1_000_000 + name.trim_start_matches("book_").parse::<u32>().unwrap_or(0);
    // Character offsets to byte offsets.
    let mut byte_at: Vec<usize> = txt.char_indices().map(|(b, _)| b).collect();
    byte_at.push(txt.len());
    // Sentences: token rows separated by blank lines.
    struct Tok {
        start: usize,
        end: usize,
        text: String,
    }
    let mut sentences: Vec<Vec<Tok>> = vec![Vec::new()];
    let mut where_is: HashMap<&str, (usize, usize)> = HashMap::new();
    for line in tokens.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 4 {
            if !sentences.last().is_some_and(Vec::is_empty) {
                sentences.push(Vec::new());
            }
            continue;
        }
        let (Ok(s), Ok(l)) = (f[1].parse::<usize>(), f[2].parse::<usize>()) else {
            continue;
        };
        let sent = sentences.len() - 1;
        where_is.insert(f[0], (sent, sentences[sent].len()));
        sentences[sent].push(Tok {
            start: byte_at[s.min(byte_at.len() - 1)],
            end: byte_at[(s + l).min(byte_at.len() - 1)],
            text: f[3].to_string(),
        });
    }
    // Span id -> its tokens (first token id, count).
    let mut span_tokens: HashMap<&str, (&str, usize)> = HashMap::new();
    for line in spans.lines() {
        let f = fields(line);
        if f.len() >= 6 && matches!(f[1], "name" | "surname" | "patronymic" | "nickname") {
            span_tokens.insert(f[0], (f[4], f[5].parse().unwrap_or(1)));
        }
    }
    // Per sentence, the token indices that are part of a person.
    let mut marked: Vec<Vec<Vec<usize>>> = vec![Vec::new(); sentences.len()];
    for line in objects.lines() {
        let f = fields(line);
        if f.len() < 3 || f[1] != "Person" {
            continue;
        }
        let mut by_sentence: HashMap<usize, Vec<usize>> = HashMap::new();
        for id in &f[2..] {
            let Some(&(first, count)) = span_tokens.get(id) else {
                continue;
            };
            let Some(&(sent, i)) = where_is.get(first) else {
                continue;
            };
            by_sentence
                .entry(sent)
                .or_default()
                .extend(i..(i + count).min(sentences[sent].len()));
        }
        for (sent, mut idx) in by_sentence {
            idx.sort_unstable();
            idx.dedup();
            marked[sent].push(idx);
        }
    }
    let mut out = Vec::new();
    for (n, toks) in sentences.iter().enumerate() {
        let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
            continue;
        };
        let base = first.start;
        let mut persons: Vec<Range<usize>> = Vec::new();
        for idx in &marked[n] {
            let mut runs: Vec<(usize, usize)> = Vec::new();
            for &i in idx {
                match runs.last_mut() {
                    Some(r) if r.1 + 1 == i => r.1 = i,
                    // An initial's dot between two parts (`В . Путин`).
                    Some(r) if r.1 + 2 == i && toks[r.1 + 1].text == "." => r.1 = i,
                    _ => runs.push((i, i)),
                }
            }
            for (a, mut b) in runs {
                if toks[b].text.chars().count() == 1
                    && toks
                        .get(b + 1)
                        .is_some_and(|t| t.text == "." && t.start == toks[b].end)
                {
                    b += 1;
                }
                persons.push(toks[a].start - base..toks[b].end - base);
            }
        }
        persons.sort_by_key(|r| (r.start, r.end));
        persons.dedup();
        out.push(Sentence {
            lang: Lang::Ru,
            held_aside: part(&format!("factrueval/{name}")).0,
            dev: part(&format!("factrueval/{name}")).1,
            doc: doc_id,
            text: txt[base..last.end].replace(['\n', '\r'], " "),
            persons,
        });
    }
    out
}

/// Exact-span precision and recall counts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Score {
    pub expected: usize,
    pub found: usize,
    pub correct: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        self.correct as f64 / self.found.max(1) as f64
    }

    pub fn recall(&self) -> f64 {
        self.correct as f64 / self.expected.max(1) as f64
    }
}

/// Scores `engine`'s person findings on `sentences`: the sentences of one
/// unit ([`Sentence::doc`], consecutive) are joined by line breaks and
/// scanned as one text, as a user scans a file, so what the engine learns
/// from one sentence (a full name) can serve another (the surname alone).
/// `misses` (when given) collects the differences, for a developer's eyes.
pub fn score<'s>(
    engine: &Engine,
    sentences: impl IntoIterator<Item = &'s Sentence>,
    misses: Option<&mut Vec<String>>,
) -> Score {
    score_by(engine, sentences, misses, true)
}

/// As [`score`], each sentence scanned on its own.
pub fn score_sentences<'s>(
    engine: &Engine,
    sentences: impl IntoIterator<Item = &'s Sentence>,
    misses: Option<&mut Vec<String>>,
) -> Score {
    score_by(engine, sentences, misses, false)
}

fn score_by<'s>(
    engine: &Engine,
    sentences: impl IntoIterator<Item = &'s Sentence>,
    mut misses: Option<&mut Vec<String>>,
    by_doc: bool,
) -> Score {
    let mut s = Score::default();
    let mut group: Vec<&Sentence> = Vec::new();
    let mut sentences = sentences.into_iter().peekable();
    while let Some(first) = sentences.next() {
        group.clear();
        group.push(first);
        while let Some(n) = sentences.peek() {
            if !by_doc || n.doc != first.doc {
                break;
            }
            group.push(sentences.next().expect("peeked"));
        }
        let mut text = String::new();
        let mut starts = Vec::with_capacity(group.len());
        for sent in &group {
            starts.push(text.len());
            text.push_str(&sent.text);
            text.push('\n');
        }
        let all = engine.find(text.as_bytes());
        for (n, sent) in group.iter().enumerate() {
            let base = starts[n];
            let got: Vec<Range<usize>> = all
                .iter()
                .filter(|f| {
                    f.kind == Kind::Person
                        && f.start >= base
                        && f.start < base + sent.text.len() + 1
                })
                .map(|f| f.start - base..f.end - base)
                .collect();
            s.expected += sent.persons.len();
            s.found += got.len();
            s.correct += got.iter().filter(|g| sent.persons.contains(g)).count();
            if let Some(m) = misses.as_deref_mut() {
                let show =
                    |r: &Range<usize>| sent.text.get(r.clone()).unwrap_or("(crosses a line)");
                for g in got.iter().filter(|g| !sent.persons.contains(g)) {
                    m.push(format!("extra  {:?} in {}", show(g), sent.text));
                }
                for w in sent.persons.iter().filter(|w| !got.contains(w)) {
                    m.push(format!("missed {:?} in {}", show(w), sent.text));
                }
            }
        }
    }
    s
}

/// The floors `person` must reach on the held-aside part, per language:
/// (language, precision, recall), a little under the measured figures.
pub const FLOORS: [(Lang, f64, f64); 2] = [(Lang::Ru, 0.9, 0.86), (Lang::Kk, 0.94, 0.87)];

/// Passes of [`train_model`] over the training part.
pub const EPOCHS: usize = 8;

/// Scores `engine` on the held-aside part of the corpora in `dir`: one line
/// per language, and whether it reaches [`FLOORS`].
///
/// # Errors
/// When a corpus file cannot be read.
pub fn check(engine: &Engine, dir: &Path) -> std::io::Result<Vec<(String, bool)>> {
    let sentences = load(dir)?;
    Ok(FLOORS
        .iter()
        .map(|&(lang, min_p, min_r)| {
            let s = score(
                engine,
                sentences.iter().filter(|s| s.held_aside && s.lang == lang),
                None,
            );
            let one = score_sentences(
                engine,
                sentences.iter().filter(|s| s.held_aside && s.lang == lang),
                None,
            );
            let ok = s.precision() >= min_p && s.recall() >= min_r;
            let line = format!(
                "person on held-aside {lang} news: precision {:.3} recall {:.3} ({} names; floors {min_p}/{min_r}); each sentence alone {:.3}/{:.3}",
                s.precision(),
                s.recall(),
                s.expected,
                one.precision(),
                one.recall()
            );
            (line, ok)
        })
        .collect())
}

/// Trains the person tagger on the training part of the corpora in `dir`
/// and returns the model file (header and weights).
///
/// # Errors
/// When a corpus file cannot be read.
pub fn train_model(dir: &Path, epochs: usize) -> std::io::Result<Vec<u8>> {
    Ok(train_on(&load(dir)?, epochs, false))
}

/// Trains on the development split: fits on the training part without the
/// dev quarter, and scores the engine with that model on the dev quarter.
/// Lines per language, for choosing features; the held-aside part is never
/// read.
///
/// # Errors
/// When a corpus file cannot be read.
pub fn dev_scores(dir: &Path, epochs: usize, misses: bool) -> std::io::Result<Vec<String>> {
    let sentences = load(dir)?;
    let model = train_on(&sentences, epochs, true);
    let engine = Engine::builder()
        .person_model(model.clone())
        .map_err(std::io::Error::other)?
        .build();
    let tagger = crate::detect::tagger::Model::parse(&model).expect("a model just made");
    let mut out = Vec::new();
    for lang in [Lang::Ru, Lang::Kk] {
        let mut m = Vec::new();
        let dev = sentences.iter().filter(|s| s.dev && s.lang == lang);
        let s = score(&engine, dev.clone(), Some(&mut m));
        let one = score_sentences(&engine, dev.clone(), None);
        if misses {
            // What the tagger alone finds where the engine went wrong.
            for sent in dev {
                let mut t = Vec::new();
                tagger.find(sent.text.as_bytes(), |r| t.push(sent.text[r].to_string()));
                let want: Vec<&str> = sent.persons.iter().map(|r| &sent.text[r.clone()]).collect();
                if t != want {
                    // Masked, as every finding qorgau prints.
                    let masked = |v: &[&str]| -> Vec<String> {
                        v.iter()
                            .map(|n| crate::finding::preview(n.as_bytes()))
                            .collect()
                    };
                    let t: Vec<&str> = t.iter().map(String::as_str).collect();
                    m.push(format!("tagger {:?} want {:?}", masked(&t), masked(&want)));
                }
            }
        }
        out.push(format!(
            "{lang} dev: precision {:.3} recall {:.3} ({} names, {} found); each sentence alone {:.3}/{:.3}",
            s.precision(),
            s.recall(),
            s.expected,
            s.found,
            one.precision(),
            one.recall()
        ));
        if misses {
            out.extend(m);
        }
    }
    Ok(out)
}

fn train_on(sentences: &[Sentence], epochs: usize, without_dev: bool) -> Vec<u8> {
    use crate::detect::tagger;
    let train: Vec<&Sentence> = sentences
        .iter()
        .filter(|s| !s.held_aside && (!without_dev || !s.dev))
        .collect();
    let examples: Vec<tagger::Example> = train
        .iter()
        .map(|s| tagger::Example {
            text: s.text.as_bytes(),
            persons: &s.persons,
        })
        .collect();
    let count = |lang| train.iter().filter(|s| s.lang == lang).count();
    let weights = tagger::train(&examples, epochs);
    let header = format!(
        "# The person-name tagger of qorgau (src/detect/tagger.rs): an averaged
# perceptron over B/I/O tags, {epochs} passes, hashed features in a table of
# 2^{bits} rows x 3 tags, i16 little-endian, after the line `#end`.
# Made by: qorgau patterns train-names --ner-dir ../shared/data/ner -o patterns/person_model.bin
# The file holds hashed feature weights only, no text of the corpora.
#
# Trained on the training part (four fifths, split in src/ner.rs) of:
# - KazNERD, validation split ({kk} sentences used): Kazakh TV news,
#   CC BY 4.0. Yeshpanov, Khassanov and Varol, \"KazNERD: Kazakh Named
#   Entity Recognition Dataset\", LREC 2022. github.com/IS2AI/KazNERD
# - factRuEval-2016, development set ({ru} sentences used): Russian news
#   and essays, MIT. factRuEval-2016, Copyright (c) 2015
#   dialogue-evaluation. github.com/dialogue-evaluation/factRuEval-2016
# Dictionary features: patterns/dictionaries/ (this project).",
        bits = tagger::BITS,
        kk = count(Lang::Kk),
        ru = count(Lang::Ru),
    );
    tagger::file(&header, &weights)
}

/// The whitespace-separated fields of a factRuEval line, its `# comment` cut.
fn fields(line: &str) -> Vec<&str> {
    line.split('#')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kaznerd_tokens_become_text_and_spans() {
        let s = kaznerd("Президент B-POSITION\nҚасым-Жомарт B-PERSON\nТоқаев I-PERSON\n« O\nАлтын B-ART\n» O\n. O\n");
        assert_eq!(s[0].text, "Президент Қасым-Жомарт Тоқаев «Алтын».");
        assert_eq!(&s[0].text[s[0].persons[0].clone()], "Қасым-Жомарт Тоқаев");
    }

    #[test]
    fn factrueval_person_spans_take_the_initials_dot() {
        let txt = "Вчера В. Путин и Юрия Лужкова.";
        let tokens = "1 0 5 Вчера\n2 6 1 В\n3 7 1 .\n4 9 5 Путин\n5 15 1 и\n6 17 4 Юрия\n7 22 7 Лужкова\n8 29 1 .\n";
        let spans = "10 name 6 1 2 1\n11 surname 9 5 4 1\n12 name 17 4 6 1\n13 surname 22 7 7 1\n";
        let objects = "20 Person 10 11 # x\n21 Person 12 13\n";
        let s = factrueval("b", txt, tokens, spans, objects);
        let got: Vec<&str> = s[0].persons.iter().map(|r| &s[0].text[r.clone()]).collect();
        assert_eq!(got, ["В. Путин", "Юрия Лужкова"]);
    }
}
