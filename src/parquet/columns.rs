//! The columns of a Parquet file as qorgau sees them: every leaf of the
//! Arrow schema with its path, what it can hold, and the kinds its name
//! suggests; and a walk over a record batch that hands each leaf array to a
//! visitor together with the batch row of each of its elements, rebuilding
//! the lists, structs and maps around any leaf the visitor replaces.

use std::sync::Arc;

use arrow::array::{
    Array, ArrayRef, AsArray, FixedSizeListArray, GenericListArray, MapArray, OffsetSizeTrait,
    StructArray,
};
use arrow::buffer::OffsetBuffer;
use arrow::datatypes::{DataType, Field, FieldRef, Fields, Schema};

use crate::context::ContextIndex;

/// What a leaf column can hold, as far as finding identifiers goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeafClass {
    /// Strings, or bytes that are searched as they are.
    Text,
    /// Dictionary-encoded strings: the values are searched, keys map rows.
    Dictionary,
    /// 64-bit integers: an IIN, BIN or phone that lost its formatting.
    Integer,
    /// Anything else (floats, dates, booleans …): not searched.
    Other,
}

/// One leaf column.
#[derive(Debug, Clone)]
pub struct Leaf {
    /// `a.b.c`: struct fields joined by dots; list items take the list's
    /// path, map entries `map.key` and `map.value`.
    pub path: String,
    pub class: LeafClass,
    pub data_type: DataType,
    /// The kinds the column's name speaks for, as kind bits.
    pub hint: u32,
}

/// The leaves of a schema, in the order [`walk`] visits them.
#[derive(Debug, Clone, Default)]
pub struct Leaves(pub Vec<Leaf>);

impl Leaves {
    /// The leaves of `schema`, with hints from their names (the leaf's own
    /// name first, then its parents').
    pub fn of(schema: &Schema, context: &ContextIndex) -> Leaves {
        let mut out = Vec::new();
        for f in schema.fields() {
            collect(
                f.name(),
                f.data_type(),
                &[f.name().as_str()],
                context,
                &mut out,
            );
        }
        Leaves(out)
    }

    /// Leaves that are searched.
    pub fn searched(&self) -> impl Iterator<Item = (usize, &Leaf)> {
        self.0
            .iter()
            .enumerate()
            .filter(|(_, l)| l.class != LeafClass::Other)
    }
}

fn collect(path: &str, t: &DataType, names: &[&str], context: &ContextIndex, out: &mut Vec<Leaf>) {
    match t {
        DataType::Struct(children) => {
            for c in children {
                let mut n = names.to_vec();
                n.push(c.name());
                collect(
                    &format!("{path}.{}", c.name()),
                    c.data_type(),
                    &n,
                    context,
                    out,
                );
            }
        }
        DataType::List(item)
        | DataType::LargeList(item)
        | DataType::ListView(item)
        | DataType::LargeListView(item)
        | DataType::FixedSizeList(item, _) => collect(path, item.data_type(), names, context, out),
        DataType::Map(entries, _) => collect(path, entries.data_type(), names, context, out),
        _ => {
            // The nearest name that says something wins: `client.iin` by
            // `iin`, `iin.value` (a map) by `iin`.
            let hint = names
                .iter()
                .rev()
                .map(|n| crate::table::column_hint(context, n))
                .find(|&h| h != 0)
                .unwrap_or(0);
            out.push(Leaf {
                path: path.to_string(),
                class: class_of(t),
                data_type: t.clone(),
                hint,
            });
        }
    }
}

fn class_of(t: &DataType) -> LeafClass {
    match t {
        DataType::Utf8
        | DataType::LargeUtf8
        | DataType::Utf8View
        | DataType::Binary
        | DataType::LargeBinary
        | DataType::BinaryView => LeafClass::Text,
        DataType::Dictionary(_, v) if class_of(v) == LeafClass::Text => LeafClass::Dictionary,
        DataType::Int64 | DataType::UInt64 => LeafClass::Integer,
        _ => LeafClass::Other,
    }
}

/// The batch row of each element of an array; `None` when element `i` is
/// row `i`. Elements no row refers to (past a list's last offset) are
/// [`NO_ROW`].
pub type RowMap<'a> = Option<&'a [u32]>;

/// An element that belongs to no row.
pub const NO_ROW: u32 = u32::MAX;

/// Sees every leaf array of a batch.
pub trait Visit {
    /// Leaf number `leaf` (an index into [`Leaves`]); a returned array
    /// replaces it (same length; its type may differ).
    ///
    /// # Errors
    /// A message; the walk stops.
    fn leaf(
        &mut self,
        leaf: usize,
        array: &ArrayRef,
        rows: RowMap,
    ) -> Result<Option<ArrayRef>, String>;
}

/// Visits the leaves of `columns` (described by `fields`). Returns the new
/// fields and columns when some leaf was replaced.
///
/// # Errors
/// The visitor's message, or Arrow's when a rebuilt array is invalid.
pub fn walk(
    fields: &Fields,
    columns: &[ArrayRef],
    visit: &mut dyn Visit,
) -> Result<Option<(Fields, Vec<ArrayRef>)>, String> {
    let mut next = 0;
    let mut changed = false;
    let mut new_fields = Vec::with_capacity(fields.len());
    let mut new_columns = Vec::with_capacity(columns.len());
    for (f, c) in fields.iter().zip(columns) {
        match node(f, c, None, &mut next, visit)? {
            Some((nf, nc)) => {
                changed = true;
                new_fields.push(nf);
                new_columns.push(nc);
            }
            None => {
                new_fields.push(f.clone());
                new_columns.push(c.clone());
            }
        }
    }
    Ok(changed.then(|| (Fields::from(new_fields), new_columns)))
}

type Changed = Option<(FieldRef, ArrayRef)>;

fn node(
    field: &FieldRef,
    array: &ArrayRef,
    rows: RowMap,
    next: &mut usize,
    visit: &mut dyn Visit,
) -> Result<Changed, String> {
    let arrow_err = |e: arrow::error::ArrowError| e.to_string();
    match field.data_type() {
        DataType::Struct(children) => {
            let s = array.as_struct();
            let mut changed = false;
            let mut fs = Vec::with_capacity(children.len());
            let mut cs = Vec::with_capacity(children.len());
            for (cf, ca) in children.iter().zip(s.columns()) {
                match node(cf, ca, rows, next, visit)? {
                    Some((nf, nc)) => {
                        changed = true;
                        fs.push(nf);
                        cs.push(nc);
                    }
                    None => {
                        fs.push(cf.clone());
                        cs.push(ca.clone());
                    }
                }
            }
            if !changed {
                return Ok(None);
            }
            let fs = Fields::from(fs);
            let rebuilt =
                StructArray::try_new(fs.clone(), cs, s.nulls().cloned()).map_err(arrow_err)?;
            let nf = field.as_ref().clone().with_data_type(DataType::Struct(fs));
            Ok(Some((Arc::new(nf), Arc::new(rebuilt))))
        }
        DataType::List(item) => list::<i32>(field, item, array.as_list::<i32>(), rows, next, visit),
        DataType::LargeList(item) => {
            list::<i64>(field, item, array.as_list::<i64>(), rows, next, visit)
        }
        DataType::FixedSizeList(item, n) => {
            let l = array.as_fixed_size_list();
            let n = *n as usize;
            let child: Vec<u32> = (0..l.values().len())
                .map(|j| row_of(rows, j / n.max(1)))
                .collect();
            let Some((nf, nv)) = node(item, l.values(), Some(&child), next, visit)? else {
                return Ok(None);
            };
            let rebuilt = FixedSizeListArray::try_new(nf.clone(), n as i32, nv, l.nulls().cloned())
                .map_err(arrow_err)?;
            let t = DataType::FixedSizeList(nf, n as i32);
            Ok(Some((
                Arc::new(field.as_ref().clone().with_data_type(t)),
                Arc::new(rebuilt),
            )))
        }
        DataType::Map(entries, sorted) => {
            let m = array.as_map();
            let child = child_rows(m.offsets(), rows, m.entries().len());
            let e: ArrayRef = Arc::new(m.entries().clone());
            let Some((nf, ne)) = node(entries, &e, Some(&child), next, visit)? else {
                return Ok(None);
            };
            let rebuilt = MapArray::try_new(
                nf.clone(),
                m.offsets().clone(),
                ne.as_struct().clone(),
                m.nulls().cloned(),
                *sorted,
            )
            .map_err(arrow_err)?;
            let t = DataType::Map(nf, *sorted);
            Ok(Some((
                Arc::new(field.as_ref().clone().with_data_type(t)),
                Arc::new(rebuilt),
            )))
        }
        DataType::ListView(_) | DataType::LargeListView(_) => Err(format!(
            "list views ({}) are not supported",
            field.data_type()
        )),
        _ => {
            let leaf = *next;
            *next += 1;
            Ok(visit.leaf(leaf, array, rows)?.map(|a| {
                let nf = field.as_ref().clone().with_data_type(a.data_type().clone());
                (Arc::new(nf) as FieldRef, a)
            }))
        }
    }
}

fn list<O: OffsetSizeTrait>(
    field: &FieldRef,
    item: &FieldRef,
    l: &GenericListArray<O>,
    rows: RowMap,
    next: &mut usize,
    visit: &mut dyn Visit,
) -> Result<Changed, String> {
    let child = child_rows(l.offsets(), rows, l.values().len());
    let Some((nf, nv)) = node(item, l.values(), Some(&child), next, visit)? else {
        return Ok(None);
    };
    let rebuilt =
        GenericListArray::<O>::try_new(nf.clone(), l.offsets().clone(), nv, l.nulls().cloned())
            .map_err(|e| e.to_string())?;
    let t = if O::IS_LARGE {
        DataType::LargeList(nf)
    } else {
        DataType::List(nf)
    };
    let f: Field = field.as_ref().clone().with_data_type(t);
    Ok(Some((Arc::new(f), Arc::new(rebuilt))))
}

fn row_of(rows: RowMap, i: usize) -> u32 {
    match rows {
        None => i as u32,
        Some(m) => m.get(i).copied().unwrap_or(NO_ROW),
    }
}

/// The row of every child element of a list (or map) from its offsets.
fn child_rows<O: OffsetSizeTrait>(offsets: &OffsetBuffer<O>, rows: RowMap, len: usize) -> Vec<u32> {
    let mut child = vec![NO_ROW; len];
    for (i, w) in offsets.windows(2).enumerate() {
        let (a, b) = (w[0].as_usize(), w[1].as_usize().min(len));
        if a < b {
            child[a..b].fill(row_of(rows, i));
        }
    }
    child
}
