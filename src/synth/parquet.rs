//! A research extract as Parquet, the shape data engineers hand over: an
//! `int64` IIN (its leading zero lost, as a number), dictionary-encoded
//! demographic columns, a struct of contacts with a list of phones, UTF-8 in
//! a binary column, a free-text comment, and look-alikes that must stay (an
//! `int64` order number, amounts, dates). Every planted identifier is
//! labelled by row and column path, so tests can score the Parquet path.

use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::Arc;

use arrow::array::{
    ArrayRef, BinaryArray, Date32Array, DictionaryArray, Float64Array, Int32Array, Int64Array,
    LargeStringArray, ListBuilder, RecordBatch, StringArray, StringBuilder, StructArray,
};
use arrow::datatypes::{DataType, Field, Int8Type, Schema};

use super::values as v;
use super::Rng;
use crate::kind::Kind;

/// A planted identifier: 0-based row, column path, kind.
pub type CellLabel = (u64, &'static str, Kind);

const NAMES: &[&str] = &[
    "Нурланов Ерлан Болатович",
    "Ахметова Айгерим Серикқызы",
    "Omarov Daniyar",
    "Жумабаева Г.К.",
];
const REGIONS: &[&str] = &["Алматы", "Астана", "Шымкент", "Караганда", "Актобе"];
const DIAGNOSES: &[&str] = &["J06.9", "I10", "E11.9", "K29.7", "M54.5", "J45.9"];

/// The extract's schema.
pub fn schema() -> Arc<Schema> {
    let dict = |name: &str| {
        Field::new(
            name,
            DataType::Dictionary(Box::new(DataType::Int8), Box::new(DataType::Utf8)),
            false,
        )
    };
    let phones = Field::new_list("phones", Field::new_list_field(DataType::Utf8, true), true);
    let contact = Field::new(
        "contact",
        DataType::Struct(vec![Field::new("email", DataType::Utf8, true), phones].into()),
        true,
    );
    Arc::new(
        Schema::new(vec![
            Field::new("id", DataType::Int64, false),
            Field::new("fio", DataType::Utf8, false),
            Field::new("iin", DataType::Int64, true),
            Field::new("birth_year", DataType::Int32, false),
            dict("sex"),
            dict("region"),
            dict("diagnosis"),
            contact,
            Field::new("note", DataType::Binary, true),
            Field::new("comment", DataType::LargeUtf8, true),
            Field::new("order_no", DataType::Int64, false),
            Field::new("amount", DataType::Float64, false),
            Field::new("visit_date", DataType::Date32, false),
        ])
        .with_metadata(std::collections::HashMap::from([(
            "source".to_string(),
            "qorgau synth".to_string(),
        )])),
    )
}

/// Rows `first..first + n` of the extract with seed `seed`, and their
/// labels.
pub fn batch(seed: u64, first: u64, n: usize) -> (RecordBatch, Vec<CellLabel>) {
    let mut r = Rng::new(seed ^ first.wrapping_mul(0x9E37_79B9));
    let mut labels = Vec::new();
    let mut iins = Vec::with_capacity(n);
    let mut emails = Vec::with_capacity(n);
    let mut phones = ListBuilder::new(StringBuilder::new());
    let mut notes: Vec<Option<Vec<u8>>> = Vec::with_capacity(n);
    let mut comments = Vec::with_capacity(n);
    let mut fio = Vec::with_capacity(n);
    let mut orders = Vec::with_capacity(n);
    let (mut sex, mut region, mut diagnosis) = (Vec::new(), Vec::new(), Vec::new());
    let (mut years, mut amounts, mut dates) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..n {
        let row = first + i as u64;
        fio.push(*r.pick(NAMES));
        labels.push((row, "fio", Kind::Person));
        if r.chance(0.95) {
            let iin = v::iin(&mut r);
            iins.push(Some(iin.parse::<i64>().unwrap_or(0)));
            labels.push((row, "iin", Kind::Iin));
        } else {
            iins.push(None);
        }
        years.push(1950 + r.below(55) as i32);
        sex.push(r.below(2) as i8);
        region.push(r.below(REGIONS.len() as u64) as i8);
        diagnosis.push(r.below(DIAGNOSES.len() as u64) as i8);
        if r.chance(0.8) {
            emails.push(Some(v::email(&mut r)));
            labels.push((row, "contact.email", Kind::Email));
        } else {
            emails.push(None);
        }
        for _ in 0..r.below(3) {
            phones.values().append_value(v::phone(&mut r));
            labels.push((row, "contact.phones", Kind::Phone));
        }
        phones.append(true);
        notes.push(match r.below(3) {
            0 => None,
            1 => Some("звонок без замечаний".as_bytes().to_vec()),
            _ => {
                labels.push((row, "note", Kind::Iban));
                Some(format!("возврат на счёт {}", v::iban(&mut r)).into_bytes())
            }
        });
        comments.push(match r.below(4) {
            0 => {
                labels.push((row, "comment", Kind::Phone));
                format!("Клиент просил перезвонить на {}", v::phone(&mut r))
            }
            1 => {
                labels.push((row, "comment", Kind::Card));
                format!("Карта {} заблокирована", v::card(&mut r).replace(' ', "-"))
            }
            _ => format!("обращение №{} закрыто", r.digits(7)),
        });
        orders.push(v::order12(&mut r).parse::<i64>().unwrap_or(0));
        amounts.push(r.below(2_000_000) as f64 / 100.0);
        dates.push(19_700 + r.below(700) as i32);
    }
    let dict = |keys: Vec<i8>, values: &[&str]| -> ArrayRef {
        let keys = arrow::array::Int8Array::from(keys);
        let values: ArrayRef = Arc::new(StringArray::from(values.to_vec()));
        Arc::new(DictionaryArray::<Int8Type>::try_new(keys, values).expect("valid keys"))
    };
    let phones: ArrayRef = Arc::new(phones.finish());
    let emails: ArrayRef = Arc::new(StringArray::from(emails));
    let schema = schema();
    let DataType::Struct(contact_fields) = schema.field(7).data_type().clone() else {
        unreachable!("contact is a struct")
    };
    let contact = StructArray::new(contact_fields, vec![emails, phones], None);
    let columns: Vec<ArrayRef> = vec![
        Arc::new(Int64Array::from_iter_values(
            first as i64 + 1..=(first + n as u64) as i64,
        )),
        Arc::new(StringArray::from(fio)),
        Arc::new(Int64Array::from(iins)),
        Arc::new(Int32Array::from(years)),
        dict(sex, &["F", "M"]),
        dict(region, REGIONS),
        dict(diagnosis, DIAGNOSES),
        Arc::new(contact),
        Arc::new(BinaryArray::from_iter(notes)),
        Arc::new(LargeStringArray::from(comments)),
        Arc::new(Int64Array::from(orders)),
        Arc::new(Float64Array::from(amounts)),
        Arc::new(Date32Array::from(dates)),
    ];
    let batch = RecordBatch::try_new(schema, columns).expect("columns match the schema");
    (batch, labels)
}

/// Writes `rows` rows to `path` in row groups of `group_rows`, compressed
/// with zstd; returns the labels when `keep_labels`.
///
/// # Errors
/// Creating or writing the file.
pub fn write(
    path: &Path,
    seed: u64,
    rows: u64,
    group_rows: usize,
    keep_labels: bool,
) -> io::Result<Vec<CellLabel>> {
    use ::parquet::arrow::ArrowWriter;
    use ::parquet::basic::{Compression, ZstdLevel};
    use ::parquet::file::properties::WriterProperties;
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .set_max_row_group_row_count(Some(group_rows.max(1)))
        .build();
    let file = File::create(path)?;
    let mut w = ArrowWriter::try_new(file, schema(), Some(props)).map_err(io::Error::other)?;
    let mut labels = Vec::new();
    let mut at = 0;
    while at < rows {
        let n = (rows - at).min(8192) as usize;
        let (b, l) = batch(seed, at, n);
        w.write(&b).map_err(io::Error::other)?;
        if keep_labels {
            labels.extend(l);
        }
        at += n as u64;
    }
    w.close().map_err(io::Error::other)?;
    Ok(labels)
}
