//! The values of a leaf array as bytes, and the search of one value. A
//! string is searched as it is; an integer as its decimal digits, so
//! `870412300123` stored as `int64` is an IIN like the same text, and an
//! 11-digit number in an IIN column is checked with its lost leading zero.

use arrow::array::{
    Array, ArrayRef, AsArray, BinaryArray, BinaryViewArray, LargeBinaryArray, LargeStringArray,
    StringArray, StringViewArray,
};
use arrow::datatypes::DataType;

use crate::engine::Engine;
use crate::finding::Finding;
use crate::kind::Kind;

/// A text leaf (strings or bytes), read by index.
#[derive(Clone, Copy)]
pub enum Text<'a> {
    Utf8(&'a StringArray),
    LargeUtf8(&'a LargeStringArray),
    Utf8View(&'a StringViewArray),
    Binary(&'a BinaryArray),
    LargeBinary(&'a LargeBinaryArray),
    BinaryView(&'a BinaryViewArray),
}

impl<'a> Text<'a> {
    /// The array as text, if it is one of the string or binary types.
    pub fn of(array: &'a dyn Array) -> Option<Text<'a>> {
        Some(match array.data_type() {
            DataType::Utf8 => Text::Utf8(array.as_string::<i32>()),
            DataType::LargeUtf8 => Text::LargeUtf8(array.as_string::<i64>()),
            DataType::Utf8View => Text::Utf8View(array.as_string_view()),
            DataType::Binary => Text::Binary(array.as_binary::<i32>()),
            DataType::LargeBinary => Text::LargeBinary(array.as_binary::<i64>()),
            DataType::BinaryView => Text::BinaryView(array.as_binary_view()),
            _ => return None,
        })
    }

    pub fn len(&self) -> usize {
        match self {
            Text::Utf8(a) => a.len(),
            Text::LargeUtf8(a) => a.len(),
            Text::Utf8View(a) => a.len(),
            Text::Binary(a) => a.len(),
            Text::LargeBinary(a) => a.len(),
            Text::BinaryView(a) => a.len(),
        }
    }

    /// Element `i`, or `None` when it is null.
    pub fn get(&self, i: usize) -> Option<&'a [u8]> {
        match self {
            Text::Utf8(a) => a.is_valid(i).then(|| a.value(i).as_bytes()),
            Text::LargeUtf8(a) => a.is_valid(i).then(|| a.value(i).as_bytes()),
            Text::Utf8View(a) => a.is_valid(i).then(|| a.value(i).as_bytes()),
            Text::Binary(a) => a.is_valid(i).then(|| a.value(i)),
            Text::LargeBinary(a) => a.is_valid(i).then(|| a.value(i)),
            Text::BinaryView(a) => a.is_valid(i).then(|| a.value(i)),
        }
    }

    /// An array of the same type from `values` (strings that are not UTF-8
    /// are repaired, which operators on UTF-8 input never cause).
    pub fn build<'v>(&self, values: impl Iterator<Item = Option<&'v [u8]>>) -> ArrayRef {
        use std::sync::Arc;
        let utf8 = |v: &'v [u8]| String::from_utf8_lossy(v);
        match self {
            Text::Utf8(_) => Arc::new(StringArray::from_iter(values.map(|v| v.map(utf8)))),
            Text::LargeUtf8(_) => {
                Arc::new(LargeStringArray::from_iter(values.map(|v| v.map(utf8))))
            }
            Text::Utf8View(_) => Arc::new(StringViewArray::from_iter(values.map(|v| v.map(utf8)))),
            Text::Binary(_) => Arc::new(BinaryArray::from_iter(values)),
            Text::LargeBinary(_) => Arc::new(LargeBinaryArray::from_iter(values)),
            Text::BinaryView(_) => Arc::new(BinaryViewArray::from_iter(values)),
        }
    }
}

/// A 64-bit integer leaf, read by index as decimal digits.
#[derive(Clone, Copy)]
pub enum Integers<'a> {
    I64(&'a arrow::array::Int64Array),
    U64(&'a arrow::array::UInt64Array),
}

impl<'a> Integers<'a> {
    pub fn of(array: &'a dyn Array) -> Option<Integers<'a>> {
        use arrow::datatypes::{Int64Type, UInt64Type};
        Some(match array.data_type() {
            DataType::Int64 => Integers::I64(array.as_primitive::<Int64Type>()),
            DataType::UInt64 => Integers::U64(array.as_primitive::<UInt64Type>()),
            _ => return None,
        })
    }

    pub fn len(&self) -> usize {
        match self {
            Integers::I64(a) => a.len(),
            Integers::U64(a) => a.len(),
        }
    }

    /// Element `i` in decimal, written into `buf`; `None` when null.
    pub fn get<'b>(&self, i: usize, buf: &'b mut [u8; 20]) -> Option<&'b [u8]> {
        let (negative, v) = match self {
            Integers::I64(a) if a.is_valid(i) => {
                let v = a.value(i);
                (v < 0, v.unsigned_abs())
            }
            Integers::U64(a) if a.is_valid(i) => (false, a.value(i)),
            _ => return None,
        };
        let mut at = buf.len();
        let mut v = v;
        loop {
            at -= 1;
            buf[at] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        if negative {
            // No identifier is negative; keep the sign so nothing matches.
            at -= 1;
            buf[at] = b'-';
        }
        Some(&buf[at..])
    }
}

/// Kinds a bare number can be without its column's name saying so: those a
/// checksum stands for. A phone has none, and an 11-digit order number in
/// an `int64` column looks like `87011234567`.
const NUMBER_KINDS: u32 = Kind::Iin.bit() | Kind::Bin.bit() | Kind::Card.bit() | Kind::Imei.bit();

/// Finds the identifiers in one value, given the kinds its column's name
/// speaks for; `integer` for the digits of an integer column.
pub fn find_value(engine: &Engine, value: &[u8], hint: u32, integer: bool, out: &mut Vec<Finding>) {
    if value.is_empty() {
        return;
    }
    let before = out.len();
    engine.find_in_cell(value, 0..value.len(), hint, out);
    if integer {
        let mut i = before;
        while i < out.len() {
            if (NUMBER_KINDS | hint) & out[i].kind.bit() == 0 {
                out.remove(i);
            } else {
                i += 1;
            }
        }
    }
    if out.len() == before && hint != 0 {
        if let Some(f) = crate::table::cells::lost_leading_zero(engine, value, 0..value.len(), hint)
        {
            out.push(f);
        }
    }
}
