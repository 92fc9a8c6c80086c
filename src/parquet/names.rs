//! Column names that are personal data (a column named by an e-mail or an
//! IIN, one column per person): found in the schema, masked wherever a
//! column path is shown (`field` in findings, the column profile), reported
//! by `scan` as findings without a row, and renamed by `anonymize`.

use std::sync::Arc;

use arrow::datatypes::{DataType, FieldRef, Fields, Schema};

use crate::engine::Engine;
use crate::finding::{preview, Finding};
use crate::key::Key;
use crate::kind::Kind;
use crate::policy::Policy;

/// A finding in a column name.
#[derive(Debug, Clone)]
pub struct NameHit {
    /// The masked path of the column the name is of.
    pub path: String,
    /// Offsets within the name.
    pub finding: Finding,
    /// The masked value.
    pub preview: String,
    /// The name itself, for the CI gate's fingerprints and allowlists
    /// only (never printed).
    pub name: String,
}

/// The findings in one name: searched as a cell on its own.
fn find(engine: &Engine, name: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    engine.find_in_cell(name.as_bytes(), 0..name.len(), 0, &mut found);
    found
}

/// How a personal name is shown: `#3 Ив****…**ич` (the field's 1-based
/// position among its siblings, and the whole name masked).
fn masked(i: usize, name: &str) -> String {
    format!("#{} {}", i + 1, preview(name.as_bytes()))
}

/// `schema` with every field name that holds personal data masked (nested
/// fields too), and the findings in those names. Leaves built from the
/// masked schema have the same order as those of `schema`.
pub fn mask_schema(schema: &Schema, engine: &Engine) -> (Schema, Vec<NameHit>) {
    let mut hits = Vec::new();
    let fields = mask_fields(schema.fields(), "", engine, &mut hits);
    (
        Schema::new_with_metadata(fields, schema.metadata().clone()),
        hits,
    )
}

fn mask_fields(fields: &Fields, parent: &str, engine: &Engine, hits: &mut Vec<NameHit>) -> Fields {
    fields
        .iter()
        .enumerate()
        .map(|(i, f)| mask_field(f, i, parent, engine, hits))
        .collect()
}

fn mask_field(
    f: &FieldRef,
    i: usize,
    parent: &str,
    engine: &Engine,
    hits: &mut Vec<NameHit>,
) -> FieldRef {
    let found = find(engine, f.name());
    let name = if found.is_empty() {
        f.name().clone()
    } else {
        masked(i, f.name())
    };
    let path = if parent.is_empty() {
        name.clone()
    } else {
        format!("{parent}.{name}")
    };
    for g in found {
        hits.push(NameHit {
            path: path.clone(),
            finding: g,
            preview: preview(&f.name().as_bytes()[g.start..g.end]),
            name: f.name().clone(),
        });
    }
    let data_type = match f.data_type() {
        DataType::Struct(children) => DataType::Struct(mask_fields(children, &path, engine, hits)),
        other => other.clone(),
    };
    Arc::new(f.as_ref().clone().with_name(name).with_data_type(data_type))
}

/// The masked form of `name` (`Ив****…**ич`) when it holds personal data.
pub fn masked_if_personal(engine: &Engine, name: &str) -> Option<String> {
    (!find(engine, name).is_empty()).then(|| preview(name.as_bytes()))
}

/// The output name of a top-level column named `name`, when the name holds
/// personal data: a person's name is replaced whole, other findings each as
/// `[kinds]` says.
fn replaced(engine: &Engine, policy: &Policy, key: Option<&Key>, name: &str) -> Option<String> {
    let found = find(engine, name);
    let first = found.first()?;
    let raw = name.as_bytes();
    let mut out = Vec::new();
    if first.kind == Kind::Person {
        policy
            .operator_for(Kind::Person, raw)
            .apply(Kind::Person, raw, key, &mut out);
    } else {
        let mut pos = 0;
        for g in &found {
            out.extend_from_slice(&raw[pos..g.start]);
            let v = &raw[g.start..g.end];
            policy
                .operator_for(g.kind, v)
                .apply(g.kind, v, key, &mut out);
            pos = g.end;
        }
        out.extend_from_slice(&raw[pos..]);
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

/// The output schema with personal top-level column names replaced (a name
/// that would repeat another gets `_2`, `_3`, … appended), and the masked
/// form of each replaced name, by input name.
///
/// # Errors
/// A nested field whose name holds personal data (renaming inside a struct
/// is not supported): its masked path.
pub fn rename(
    schema: &Schema,
    engine: &Engine,
    policy: &Policy,
    key: Option<&Key>,
) -> Result<(Schema, Vec<(String, String)>), String> {
    let (_, hits) = mask_schema(schema, engine);
    if let Some(h) = hits.iter().find(|h| h.path.contains('.')) {
        return Err(format!(
            "the name of the nested column {} holds personal data, and nested columns are not \
             renamed: drop or rename it first",
            h.path
        ));
    }
    let mut taken: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
    let mut renamed = Vec::new();
    let fields: Vec<FieldRef> = schema
        .fields()
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let Some(mut name) = replaced(engine, policy, key, f.name()) else {
                return f.clone();
            };
            let base = name.clone();
            let mut n = 2;
            while taken.contains(&name) {
                name = format!("{base}_{n}");
                n += 1;
            }
            taken.push(name.clone());
            renamed.push((f.name().clone(), masked(i, f.name())));
            Arc::new(f.as_ref().clone().with_name(name))
        })
        .collect();
    Ok((
        Schema::new_with_metadata(fields, schema.metadata().clone()),
        renamed,
    ))
}
