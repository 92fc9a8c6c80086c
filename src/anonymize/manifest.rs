//! The audit manifest written next to the outputs: tool version, time,
//! inputs and outputs with size and SHA-256, the policy's SHA-256, the key
//! id, counts per kind and operator, errors, and the verification result.
//! It holds no value that was found — only counts and hashes.

use std::collections::BTreeMap;

use serde::Serialize;

#[derive(Debug, Default, Serialize)]
pub struct Manifest {
    pub tool: &'static str,
    pub version: &'static str,
    /// UTC, RFC 3339.
    pub created: String,
    pub policy: PolicyInfo,
    /// Fingerprint of the key (never the key), when one was used.
    pub key_id: Option<String>,
    pub inputs: Vec<FileInfo>,
    pub outputs: Vec<FileInfo>,
    /// Findings per kind and operator.
    pub counts: BTreeMap<String, BTreeMap<String, u64>>,
    pub errors: Vec<ErrorInfo>,
    pub verify: Option<VerifyInfo>,
    /// Tables with k-anonymity enforced: what was generalized and suppressed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub k_anonymity: Vec<KInfo>,
    /// Parquet columns written with another type than they were read
    /// (an `int64` IIN column that now holds tokens is `Utf8`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub retyped: Vec<RetypedInfo>,
    /// Columns removed by a `drop` rule, per input.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<DroppedInfo>,
    /// Rows suppressed per input (working state, not written).
    #[serde(skip)]
    pub suppressed: Vec<(String, u64)>,
    /// Tables: the encoding each output was written in, so that `--verify`
    /// reads it back the same way (working state, not written).
    #[serde(skip)]
    pub encodings: BTreeMap<String, crate::codec::Codec>,
}

#[derive(Debug, Serialize)]
pub struct KInfo {
    pub path: String,
    pub quasi: Vec<String>,
    pub hierarchies: Vec<crate::kanon::Hierarchy>,
    /// Generalization level per quasi-identifier (0 = as it was).
    pub levels: Vec<u8>,
    pub k: u64,
    pub rows: u64,
    pub suppressed_rows: u64,
}

#[derive(Debug, Default, Serialize)]
pub struct PolicyInfo {
    pub origin: String,
    pub sha256: String,
}

#[derive(Debug, Default, Serialize)]
pub struct FileInfo {
    pub path: String,
    pub bytes: u64,
    /// SHA-256 of the bytes as stored; for a compressed input, of its
    /// decompressed content.
    pub sha256: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ErrorInfo {
    pub path: String,
    pub message: String,
}

#[derive(Debug, Default, Serialize)]
pub struct VerifyInfo {
    pub passed: bool,
    /// Kinds the policy anonymized that a re-scan still found, with counts.
    pub remaining: BTreeMap<String, u64>,
}

#[derive(Debug, Serialize)]
pub struct RetypedInfo {
    pub path: String,
    pub column: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Serialize)]
pub struct DroppedInfo {
    pub path: String,
    pub columns: Vec<String>,
}
