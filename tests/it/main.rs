//! The integration tests, one binary: the built `qorgau` on files, and the
//! library on generated labelled corpora.

mod anonymize;
mod bytes_kept;
mod ci;
mod cli;
mod common;
mod contract;
mod corpus;
mod encodings;
mod errors;
mod faults;
mod fixtures;
mod fuzzed;
mod headers;
mod kz1048;
mod names;
mod ner;
mod parquet;
mod patterns;
mod precommit;
mod risk;
mod roundtrip;
mod table;
