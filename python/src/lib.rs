//! `qorgau._qorgau`: the Rust library behind the Python package. It only
//! converts: Arrow batches cross by the Arrow C data interface (pyarrow's
//! PyCapsules, no copy), and every decision — detectors, policy, tokens,
//! schema rules — is the `qorgau` crate's, so the wheel, Spark, Ray and the
//! CLI give the same output for the same key and value. The typed, documented
//! Python API (`qorgau.Anonymizer`) wraps this module.

use arrow::datatypes::Schema;
use arrow::pyarrow::PyArrowType;
use arrow::record_batch::RecordBatch;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use qorgau::batch::BatchAnonymizer;
use qorgau::engine::Engine;
use qorgau::key::Key;
use qorgau::policy::Policy;

/// The key from `key` (bytes or text as in a key file: hex or base64; raw
/// bytes of at least 32 are taken as they are), else from `QORGAU_KEY`.
fn key_from(key: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Key>> {
    let err = |e: qorgau::key::KeyError| PyValueError::new_err(e.0);
    let Some(key) = key.filter(|k| !k.is_none()) else {
        return Key::load(None).map_err(err);
    };
    if let Ok(text) = key.extract::<String>() {
        return Key::parse(&text, "key").map(Some).map_err(err);
    }
    let Ok(bytes) = key.extract::<Vec<u8>>() else {
        return Err(PyTypeError::new_err("key must be bytes or str"));
    };
    match std::str::from_utf8(&bytes)
        .ok()
        .and_then(|t| Key::parse(t, "key").ok())
    {
        Some(k) => Ok(Some(k)),
        None => Key::from_bytes(&bytes, "key").map(Some).map_err(err),
    }
}

/// A policy and key, ready for batches.
#[pyclass(module = "qorgau._qorgau", name = "Anonymizer", frozen)]
struct Anonymizer {
    inner: BatchAnonymizer,
    /// The policy's TOML text (`None`: the default policy), for pickling.
    policy_text: Option<String>,
}

#[pymethods]
impl Anonymizer {
    #[new]
    #[pyo3(signature = (policy_toml=None, key=None))]
    fn new(policy_toml: Option<String>, key: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let policy = match &policy_toml {
            Some(text) => Policy::parse(text, "policy").map_err(|e| PyValueError::new_err(e.0))?,
            None => Policy::default_policy(),
        };
        let inner = BatchAnonymizer::new(policy, key_from(key)?)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(Anonymizer {
            inner,
            policy_text: policy_toml,
        })
    }

    #[getter]
    fn policy_toml(&self) -> Option<String> {
        self.policy_text.clone()
    }

    fn output_schema(&self, schema: PyArrowType<Schema>) -> PyResult<PyArrowType<Schema>> {
        let out = self
            .inner
            .output_schema(std::sync::Arc::new(schema.0))
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(PyArrowType(out.as_ref().clone()))
    }

    fn transform_batch(
        &self,
        py: Python<'_>,
        batch: PyArrowType<RecordBatch>,
    ) -> PyResult<PyArrowType<RecordBatch>> {
        let out = py
            .detach(|| self.inner.transform(&batch.0))
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(PyArrowType(out))
    }

    fn scan_batch(
        &self,
        py: Python<'_>,
        batch: PyArrowType<RecordBatch>,
    ) -> PyResult<PyArrowType<RecordBatch>> {
        let out = py
            .detach(|| self.inner.scan(&batch.0))
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(PyArrowType(out))
    }
}

/// The findings in `text`: kind, start and end (character offsets),
/// confidence and a masked preview.
#[pyfunction]
fn scan_text<'py>(py: Python<'py>, text: &str) -> PyResult<Vec<Bound<'py, PyDict>>> {
    static ENGINE: std::sync::LazyLock<Engine> = std::sync::LazyLock::new(Engine::default);
    let found = py.detach(|| qorgau::batch::scan_text(&ENGINE, text));
    // Byte offsets to Python's character offsets, in one pass.
    let total = text.chars().count();
    let mut chars = text.char_indices().map(|(b, _)| b).enumerate().peekable();
    let mut to_char = |byte: usize| {
        let mut at = total;
        while let Some(&(c, b)) = chars.peek() {
            if b >= byte {
                at = c;
                break;
            }
            chars.next();
        }
        at
    };
    let mut out = Vec::with_capacity(found.len());
    for f in found {
        let d = PyDict::new(py);
        d.set_item("kind", f.finding.kind.id())?;
        d.set_item("start", to_char(f.finding.start))?;
        d.set_item("end", to_char(f.finding.end))?;
        d.set_item("confidence", f.finding.confidence)?;
        d.set_item("preview", f.preview)?;
        out.push(d);
    }
    Ok(out)
}

/// A policy given as JSON (a Python dict) in the TOML the CLI reads.
#[pyfunction]
fn policy_toml_from_json(json: &str) -> PyResult<String> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let table = toml::Value::try_from(value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    toml::to_string(&table).map_err(|e| PyValueError::new_err(e.to_string()))
}

#[pymodule]
fn _qorgau(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Anonymizer>()?;
    m.add_function(wrap_pyfunction!(scan_text, m)?)?;
    m.add_function(wrap_pyfunction!(policy_toml_from_json, m)?)?;
    m.add("KEY_ENV", qorgau::key::ENV)?;
    Ok(())
}
