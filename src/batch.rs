//! Arrow record batches in, anonymized batches or findings out: the seam for
//! engines that move data as Arrow (Spark's `mapInArrow`, Ray Data, the
//! Python wheel). The detectors, the policy, the keyed tokens and the column
//! rules are those of `qorgau anonymize` on a Parquet file, so a table
//! anonymized batch by batch joins with a file the CLI anonymized under the
//! same key. What differs is that a batch stream cannot be read ahead: which
//! integer columns become text is decided from the schema alone (see
//! [`crate::parquet::rewrite::Plan::for_batches`]). Column names that are
//! personal data are renamed as the CLI renames a Parquet file's (see
//! [`crate::parquet::names::rename`]), so both give the same schema.

use std::sync::Arc;

use arrow::array::{Float32Array, Int64Array, RecordBatch, RecordBatchOptions, StringArray};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};

use crate::engine::Engine;
use crate::finding::{preview_into, Finding};
use crate::key::Key;
use crate::parquet::columns::Leaves;
use crate::parquet::names::{mask_schema, rename};
use crate::parquet::rewrite::{rewrite_batch, Plan};
use crate::parquet::scan::scan_batch;
use crate::policy::Policy;

/// Why a batch could not be worked on. Its message never holds a value
/// from the data.
#[derive(Debug)]
pub struct BatchError(String);

impl std::fmt::Display for BatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BatchError {}

/// A policy, its engine and key, ready for any number of batches (build one
/// per worker: the automaton is built here, once).
pub struct BatchAnonymizer {
    engine: Engine,
    policy: Policy,
    key: Option<Key>,
}

impl BatchAnonymizer {
    /// # Errors
    /// When the policy uses `token` or `surrogate` and there is no key.
    pub fn new(policy: Policy, key: Option<Key>) -> Result<Self, BatchError> {
        if policy.needs_key() && key.is_none() {
            return Err(BatchError(
                "the policy uses token or surrogate, which need a secret key: pass key= or set \
                 QORGAU_KEY (at least 32 bytes as hex or base64)"
                    .into(),
            ));
        }
        let engine = Engine::builder()
            .min_confidence(policy.min_confidence)
            .build();
        Ok(BatchAnonymizer {
            engine,
            policy,
            key,
        })
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The schema [`Self::transform`] gives batches of `schema`.
    ///
    /// # Errors
    /// A policy rule the schema cannot take (a `drop` on a nested column, a
    /// whole-value operator on a float column).
    pub fn output_schema(&self, schema: SchemaRef) -> Result<SchemaRef, BatchError> {
        let planned = self.plan(schema)?.schema();
        Ok(self.renamed(&planned)?.unwrap_or(planned))
    }

    /// The schema with its personal top-level column names replaced (a
    /// column named by an e-mail, an IIN, a person), as `anonymize` does
    /// to a Parquet file's; `None` when no name is personal.
    ///
    /// # Errors
    /// A nested field whose name holds personal data (not renamed).
    fn renamed(&self, schema: &Schema) -> Result<Option<SchemaRef>, BatchError> {
        let (out, renamed) =
            rename(schema, &self.engine, &self.policy, self.key.as_ref()).map_err(BatchError)?;
        Ok((!renamed.is_empty()).then(|| Arc::new(out)))
    }

    fn plan(&self, schema: SchemaRef) -> Result<Plan<'_>, BatchError> {
        Plan::for_batches(schema, &self.engine, &self.policy).map_err(BatchError)
    }

    /// Anonymizes one batch; columns in which nothing changes are passed
    /// on as they came (no copy).
    ///
    /// # Errors
    /// As [`Self::output_schema`], or an array that does not have its
    /// field's type.
    pub fn transform(&self, batch: &RecordBatch) -> Result<RecordBatch, BatchError> {
        let plan = self.plan(batch.schema())?;
        let (out, _) = rewrite_batch(&self.engine, &self.policy, self.key.as_ref(), &plan, batch)
            .map_err(BatchError)?;
        match self.renamed(&out.schema())? {
            None => Ok(out),
            Some(schema) => RecordBatch::try_new_with_options(
                schema,
                out.columns().to_vec(),
                &RecordBatchOptions::new().with_row_count(Some(out.num_rows())),
            )
            .map_err(|e| BatchError(format!("cannot rename columns: {e}"))),
        }
    }

    /// The findings in one batch, a row each: `column` (the leaf's path),
    /// `row` (0-based within the batch), `kind`, `confidence` and `preview`
    /// (masked: never the value itself). A column name that is personal
    /// data is masked in `column` (`#2 ai****…**kz`, its position and the
    /// masked name), and its findings come first, with `row` -1.
    ///
    /// # Errors
    /// An array that does not have its field's type.
    pub fn scan(&self, batch: &RecordBatch) -> Result<RecordBatch, BatchError> {
        let (masked, names) = mask_schema(&batch.schema(), &self.engine);
        let leaves = Leaves::of(&masked, self.engine.context());
        let scanned = scan_batch(&self.engine, &leaves, batch).map_err(BatchError)?;
        let hits = &scanned.hits;
        let named = names
            .iter()
            .map(|h| (h.path.as_str(), -1, &h.finding, h.preview.as_str()));
        let found = hits.iter().map(|h| {
            (
                leaves.0[h.leaf as usize].path.as_str(),
                i64::from(h.row),
                &h.finding,
                h.preview.as_str(),
            )
        });
        let all: Vec<(&str, i64, &Finding, &str)> = named.chain(found).collect();
        let columns: Vec<Arc<dyn arrow::array::Array>> = vec![
            Arc::new(StringArray::from_iter_values(all.iter().map(|h| h.0))),
            Arc::new(Int64Array::from_iter_values(all.iter().map(|h| h.1))),
            Arc::new(StringArray::from_iter_values(
                all.iter().map(|h| h.2.kind.id()),
            )),
            Arc::new(Float32Array::from_iter_values(
                all.iter().map(|h| h.2.confidence),
            )),
            Arc::new(StringArray::from_iter_values(all.iter().map(|h| h.3))),
        ];
        RecordBatch::try_new(findings_schema(), columns).map_err(|e| BatchError(e.to_string()))
    }
}

/// The schema of [`BatchAnonymizer::scan`]'s output.
pub fn findings_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("column", DataType::Utf8, false),
        Field::new("row", DataType::Int64, false),
        Field::new("kind", DataType::Utf8, false),
        Field::new("confidence", DataType::Float32, false),
        Field::new("preview", DataType::Utf8, false),
    ]))
}

/// A finding in a text, with a masked preview instead of the value.
#[derive(Debug, Clone)]
pub struct TextFinding {
    pub finding: Finding,
    pub preview: String,
}

/// The findings in `text` under the default engine settings.
pub fn scan_text(engine: &Engine, text: &str) -> Vec<TextFinding> {
    let mut preview = String::new();
    engine
        .find(text.as_bytes())
        .into_iter()
        .map(|f| {
            preview_into(&text.as_bytes()[f.start..f.end], &mut preview);
            TextFinding {
                finding: f,
                preview: preview.clone(),
            }
        })
        .collect()
}
