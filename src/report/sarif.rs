//! The SARIF 2.1.0 printer (serde-sarif's model) for code-scanning in CI:
//! one rule per kind (every kind, in a fixed order, so `ruleId` and
//! `ruleIndex` are stable), with help text; one result per finding with a
//! byte and line/column region and, when the CI gate fingerprinted it,
//! `partialFingerprints` made from the value's fingerprint and the path, so
//! that code scanning follows an alert across runs without ever seeing the
//! value. The document is written at the end, so results are held in memory.

use std::io::{self, Write};

use serde_sarif::sarif;

use super::{Note, Record, Sink, Summary};
use crate::kind::Kind;

pub struct SarifPrinter<W> {
    out: W,
    results: Vec<sarif::Result>,
    notes: Vec<sarif::Notification>,
}

/// The key of qorgau's entry in `partialFingerprints`.
pub const PARTIAL_FINGERPRINT: &str = "qorgauValue/v1";

/// A finding's partial fingerprint: its value's fingerprint bound to the
/// path (the same value in two files is two alerts).
pub fn partial_fingerprint(fingerprint: &str, path: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in [fingerprint, crate::baseline::path_key(path)] {
        h.update((part.len() as u32).to_be_bytes());
        h.update(part.as_bytes());
    }
    crate::key::hex(&h.finalize()[..16])
}

/// The rule of a kind: what it is and what to do about a finding.
pub fn rule(k: Kind) -> sarif::ReportingDescriptor {
    let text = format!(
        "A {label} was found. Personal data does not belong in source, fixtures, logs or \
         exports: remove it, replace it with synthetic data, or anonymize the file with \
         `qorgau anonymize`. When the value is test data, mark its line with `qorgau:allow`, \
         add its fingerprint to `[allow] fingerprints` in the policy, or accept it in the \
         baseline (`qorgau scan --write-baseline`).",
        label = k.label()
    );
    let mut help = sarif::MultiformatMessageString::from(&text);
    help.markdown = Some(format!(
        "**{label}** (`{id}`) found.\n\nPersonal data does not belong in source, fixtures, logs \
         or exports: remove it, replace it with synthetic data, or anonymize the file with \
         `qorgau anonymize`.\n\nWhen the value is test data: mark its line with \
         `qorgau:allow`, add its fingerprint to `[allow] fingerprints` in the policy, or accept \
         it in the baseline (`qorgau scan --write-baseline qorgau-baseline.json`).",
        label = k.label(),
        id = k.id()
    ));
    // A readable name unlike the opaque id (SARIF1001): `PersonalDataIin`.
    let name: String = std::iter::once("PersonalData")
        .chain(k.id().split('_'))
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect();
    let mut d = sarif::ReportingDescriptor::builder()
        .id(k.id().to_string())
        .name(name)
        .short_description(sarif::MultiformatMessageString::from(&format!(
            "Personal data: {}",
            k.label()
        )))
        .full_description(sarif::MultiformatMessageString::from(&format!(
            "qorgau found a {} in the scanned file.",
            k.label()
        )))
        .build();
    d.help = Some(help);
    d.properties = Some(
        sarif::PropertyBag::builder()
            .tags(vec!["privacy".to_string(), "pii".to_string()])
            .build(),
    );
    d
}

impl<W: Write> SarifPrinter<W> {
    pub fn new(out: W) -> Self {
        SarifPrinter {
            out,
            results: Vec::new(),
            notes: Vec::new(),
        }
    }
}

impl<W: Write> Sink for SarifPrinter<W> {
    fn finding(&mut self, r: &Record) -> io::Result<()> {
        // Parquet has no lines: its 0-based row stands in as line row + 1,
        // and the column path goes into the message.
        let region = match (r.line, r.column) {
            (Some(line), Some(column)) => sarif::Region::builder()
                .start_line(line as i64)
                .start_column(column as i64)
                .byte_offset(r.start as i64)
                .byte_length((r.end - r.start) as i64)
                .build(),
            _ => sarif::Region::builder()
                .start_line(r.row.unwrap_or(0) as i64 + 1)
                .build(),
        };
        let location = sarif::Location::builder()
            .physical_location(
                sarif::PhysicalLocation::builder()
                    .artifact_location(
                        sarif::ArtifactLocation::builder()
                            .uri(r.path.to_string())
                            .build(),
                    )
                    .region(region)
                    .build(),
            )
            .build();
        let mut message = format!(
            "{} found: {} (confidence {:.2})",
            r.kind.label(),
            r.preview,
            r.confidence
        );
        if let (None, Some(row), Some(field)) = (r.line, r.row, r.field) {
            message.push_str(&format!(" in row {row}, column {field}"));
        }
        let mut result = sarif::Result::builder()
            .rule_id(r.kind.id().to_string())
            .rule_index(Kind::ALL.iter().position(|k| *k == r.kind).unwrap_or(0) as i64)
            .level(sarif::ResultLevel::Error)
            .message(sarif::Message::from(message.as_str()))
            .locations(vec![location])
            .build();
        if let Some(fp) = r.fingerprint {
            result.partial_fingerprints = Some(
                [(
                    PARTIAL_FINGERPRINT.to_string(),
                    partial_fingerprint(fp, r.path),
                )]
                .into(),
            );
        }
        self.results.push(result);
        Ok(())
    }

    fn note(&mut self, note: &Note) -> io::Result<()> {
        let level = if note.status == "error" {
            "error"
        } else {
            "warning"
        };
        self.notes.push(
            sarif::Notification::builder()
                .level(serde_json::json!(level))
                .message(sarif::Message::from(
                    format!("{}: {}", note.path, note.message).as_str(),
                ))
                .build(),
        );
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let rules: Vec<sarif::ReportingDescriptor> = Kind::ALL.iter().map(|&k| rule(k)).collect();
        if let Some(line) = crate::gate::exempt_line(summary) {
            self.notes.push(
                sarif::Notification::builder()
                    .level(serde_json::json!("note"))
                    .message(sarif::Message::from(line.as_str()))
                    .build(),
            );
        }
        let driver = sarif::ToolComponent::builder()
            .name("qorgau".to_string())
            .version(env!("CARGO_PKG_VERSION").to_string())
            .information_uri("https://crates.io/crates/qorgau".to_string())
            .rules(rules)
            .build();
        let invocation = sarif::Invocation::builder()
            .execution_successful(!summary.had_errors())
            .tool_execution_notifications(std::mem::take(&mut self.notes))
            .build();
        let run = sarif::Run::builder()
            .tool(sarif::Tool::from(driver))
            .results(std::mem::take(&mut self.results))
            .invocations(vec![invocation])
            .build();
        let doc = sarif::Sarif::builder()
            .schema(sarif::SCHEMA_URL.to_string())
            .version(serde_json::json!("2.1.0"))
            .runs(vec![run])
            .build();
        serde_json::to_writer_pretty(&mut self.out, &doc)?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}
