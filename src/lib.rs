//! qorgau finds personal data of people in Kazakhstan (IIN, BIN, phones,
//! cards, IBAN, e-mail, device and network identifiers) in batch files.
//!
//! The library is the engine behind the `qorgau` command: [`Engine`] finds
//! identifiers in a byte slice; [`scan`] drives it over files, directories,
//! globs and stdin in parallel chunks and feeds a [`report::Sink`].

/// Writes a line to stderr like `eprintln!`, but a closed stderr (`qorgau …
/// 2>&1 | head`) is not an error worth a panic: the line is dropped.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub mod aliases;
pub mod allow;
pub mod anonymize;
pub mod baseline;
pub mod batch;
pub mod bytes;
pub mod check;
pub mod checksum;
pub mod cli;
pub mod codec;
pub mod context;
pub mod contract;
mod detect;
pub mod engine;
pub mod field;
pub mod finding;
pub mod fingerprint;
pub mod gate;
mod hl7;
pub mod input;
pub mod kanon;
pub mod key;
pub mod kind;
pub mod ner;
pub mod normalize;
pub mod operator;
pub mod parquet;
pub mod patterns;
pub mod pipeline;
pub mod policy;
pub mod profile;
pub mod report;
pub mod risk;
pub mod scan;
pub mod sql;
#[doc(hidden)]
pub mod synth;
pub mod table;
pub mod temps;
mod w3c;

pub use detect::phone::national as phone_national;
pub use engine::{Engine, EngineBuilder};
pub use finding::{preview, Finding};
pub use kind::{Kind, KindSet};
