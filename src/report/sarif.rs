//! The SARIF 2.1.0 printer (serde-sarif's model) for code-scanning in CI:
//! one rule per kind, one result per finding with a byte and line/column
//! region. The document is written at the end, so results are held in memory.

use std::io::{self, Write};

use serde_sarif::sarif;

use super::{Note, Record, Sink, Summary};
use crate::kind::Kind;

pub struct SarifPrinter<W> {
    out: W,
    results: Vec<sarif::Result>,
    kinds: Vec<Kind>,
    notes: Vec<sarif::Notification>,
}

impl<W: Write> SarifPrinter<W> {
    pub fn new(out: W) -> Self {
        SarifPrinter {
            out,
            results: Vec::new(),
            kinds: Vec::new(),
            notes: Vec::new(),
        }
    }
}

impl<W: Write> Sink for SarifPrinter<W> {
    fn finding(&mut self, r: &Record) -> io::Result<()> {
        if !self.kinds.contains(&r.kind) {
            self.kinds.push(r.kind);
        }
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
        self.results.push(
            sarif::Result::builder()
                .rule_id(r.kind.id().to_string())
                .level(sarif::ResultLevel::Error)
                .message(sarif::Message::from(message.as_str()))
                .locations(vec![location])
                .build(),
        );
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
        self.kinds.sort();
        let rules: Vec<sarif::ReportingDescriptor> = self
            .kinds
            .iter()
            .map(|k| {
                sarif::ReportingDescriptor::builder()
                    .id(k.id().to_string())
                    .name(k.id().to_string())
                    .short_description(sarif::MultiformatMessageString::from(&format!(
                        "Personal data: {}",
                        k.label()
                    )))
                    .build()
            })
            .collect();
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
