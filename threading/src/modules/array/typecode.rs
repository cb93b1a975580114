//! # `array` type codes: one C type per array, and the conversions in and out
//!
//! ```text
//!   typecode  C type               itemsize   Python value
//!   'b' 'B'   signed/unsigned char    1       int
//!   'u'       wchar_t (UCS-4 here)    4       str of length 1
//!   'h' 'H'   short                   2       int
//!   'i' 'I'   int                     4       int
//!   'l' 'L'   long (LP64)             8       int
//!   'q' 'Q'   long long               8       int
//!   'f' 'd'   float / double          4 / 8   float
//! ```
//!
//! An array stores its items as raw bytes in the machine's byte order
//! (what `tobytes()` returns), so [`TypeCode::encode`] turns a Python value
//! into `itemsize` bytes and [`TypeCode::decode`] turns them back.
//!
//! Range errors read exactly as CPython 3.11's, which come from a chain of
//! C conversions rather than one check per code: `'b'` first converts to a
//! C `long`, then to a `short` ("signed short integer is greater than
//! maximum"), and only then checks the char range ("signed char is greater
//! than maximum"); `'H'` goes through an `int` first. [`IntChain`] names
//! those steps so each code lists the steps its C setter takes.
//!
//! Python equivalent: `Modules/arraymodule.c` (`descriptors[]`, the
//! `*_getitem` / `*_setitem` pairs) and `Python/getargs.c` (the range
//! messages of the `b h i l` format units). Needs only the object layer
//! and `vm::args` (number conversions).

use crate::object::{ExcKind, PyErr, PyResult, Value};
use crate::vm::args::{float_arg, not_an_int};
use crate::vm::number::{big_value, int_ref, IntRef};
use crate::vm::ThreadCtx;

/// The largest item size (`'l' 'L' 'q' 'Q' 'd'`): encoded items fit in a
/// buffer of this many bytes.
pub const MAX_ITEMSIZE: usize = 8;

/// Every type code, in CPython's order (`array.typecodes`).
pub const TYPECODES: &str = "bBuhHiIlLqQfd";

/// The C type of an array's items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeCode {
    /// `'b'`: signed char.
    SignedChar,
    /// `'B'`: unsigned char.
    UnsignedChar,
    /// `'u'`: wchar_t, one Unicode character (4 bytes on Linux).
    Unicode,
    /// `'h'`: signed short.
    Short,
    /// `'H'`: unsigned short.
    UnsignedShort,
    /// `'i'`: signed int.
    Int,
    /// `'I'`: unsigned int.
    UnsignedInt,
    /// `'l'`: signed long (64 bits on LP64 Linux).
    Long,
    /// `'L'`: unsigned long.
    UnsignedLong,
    /// `'q'`: signed long long.
    LongLong,
    /// `'Q'`: unsigned long long.
    UnsignedLongLong,
    /// `'f'`: C float.
    Float,
    /// `'d'`: C double.
    Double,
}

/// One step of CPython's conversion of an int to a C integer type, with
/// the messages that step raises.
#[derive(Clone, Copy)]
enum IntChain {
    /// `PyLong_AsLong`: "Python int too large to convert to C long".
    Long,
    /// The `h` format unit: a C short.
    Short,
    /// The `i` format unit: a C int.
    Int,
    /// The char check of `b_setitem`.
    Char,
    /// The `b` format unit: an unsigned char.
    UChar,
    /// The ushort check of `HH_setitem`.
    UShort,
    /// `II_setitem`: negative, then `unsigned long`, then `unsigned int`.
    UInt,
    /// `LL_setitem`: negative, then `unsigned long`.
    ULong,
    /// `PyLong_AsLongLong` (through `q_setitem`): "int too big to convert".
    LongLong,
    /// `QQ_setitem`: negative, then `unsigned long long`.
    ULongLong,
}

impl IntChain {
    /// Checks `x` against this step's range.
    fn check(self, x: i128) -> PyResult<()> {
        let range = |lo: i128, hi: i128, what: &str| {
            if x < lo {
                Err(overflow(format!("{what} is less than minimum")))
            } else if x > hi {
                Err(overflow(format!("{what} is greater than maximum")))
            } else {
                Ok(())
            }
        };
        let fits = |lo: i128, hi: i128, msg: &str| {
            if (lo..=hi).contains(&x) {
                Ok(())
            } else {
                Err(overflow(msg.to_string()))
            }
        };
        let negative = |msg: &str| {
            if x < 0 {
                Err(overflow(msg.to_string()))
            } else {
                Ok(())
            }
        };
        let u64_max = i128::from(u64::MAX);
        match self {
            IntChain::Long => fits(
                i64::MIN.into(),
                i64::MAX.into(),
                "Python int too large to convert to C long",
            ),
            IntChain::Short => range(i16::MIN.into(), i16::MAX.into(), "signed short integer"),
            IntChain::Int => range(i32::MIN.into(), i32::MAX.into(), "signed integer"),
            IntChain::Char => range(i8::MIN.into(), i8::MAX.into(), "signed char"),
            IntChain::UChar => range(0, u8::MAX.into(), "unsigned byte integer"),
            IntChain::UShort => range(0, u16::MAX.into(), "unsigned short"),
            IntChain::UInt => {
                negative("can't convert negative value to unsigned int")?;
                fits(
                    0,
                    u64_max,
                    "Python int too large to convert to C unsigned long",
                )?;
                range(0, u32::MAX.into(), "unsigned int")
            }
            IntChain::ULong => {
                negative("can't convert negative value to unsigned int")?;
                fits(
                    0,
                    u64_max,
                    "Python int too large to convert to C unsigned long",
                )
            }
            IntChain::LongLong => fits(i64::MIN.into(), i64::MAX.into(), "int too big to convert"),
            IntChain::ULongLong => {
                negative("can't convert negative int to unsigned")?;
                fits(0, u64_max, "int too big to convert")
            }
        }
    }
}

fn overflow(msg: String) -> PyErr {
    PyErr::new(ExcKind::OverflowError, msg)
}

impl TypeCode {
    /// The code for `c`, if `c` is one of [`TYPECODES`].
    pub fn from_char(c: char) -> Option<TypeCode> {
        Some(match c {
            'b' => TypeCode::SignedChar,
            'B' => TypeCode::UnsignedChar,
            'u' => TypeCode::Unicode,
            'h' => TypeCode::Short,
            'H' => TypeCode::UnsignedShort,
            'i' => TypeCode::Int,
            'I' => TypeCode::UnsignedInt,
            'l' => TypeCode::Long,
            'L' => TypeCode::UnsignedLong,
            'q' => TypeCode::LongLong,
            'Q' => TypeCode::UnsignedLongLong,
            'f' => TypeCode::Float,
            'd' => TypeCode::Double,
            _ => return None,
        })
    }

    /// The code's character (`array.typecode`).
    pub fn as_char(self) -> char {
        match self {
            TypeCode::SignedChar => 'b',
            TypeCode::UnsignedChar => 'B',
            TypeCode::Unicode => 'u',
            TypeCode::Short => 'h',
            TypeCode::UnsignedShort => 'H',
            TypeCode::Int => 'i',
            TypeCode::UnsignedInt => 'I',
            TypeCode::Long => 'l',
            TypeCode::UnsignedLong => 'L',
            TypeCode::LongLong => 'q',
            TypeCode::UnsignedLongLong => 'Q',
            TypeCode::Float => 'f',
            TypeCode::Double => 'd',
        }
    }

    /// Bytes per item (`array.itemsize`).
    pub fn itemsize(self) -> usize {
        match self {
            TypeCode::SignedChar | TypeCode::UnsignedChar => 1,
            TypeCode::Short | TypeCode::UnsignedShort => 2,
            TypeCode::Unicode | TypeCode::Int | TypeCode::UnsignedInt | TypeCode::Float => 4,
            TypeCode::Long
            | TypeCode::UnsignedLong
            | TypeCode::LongLong
            | TypeCode::UnsignedLongLong
            | TypeCode::Double => 8,
        }
    }

    /// The conversion steps of this code's C setter (integer codes only).
    fn int_chain(self) -> &'static [IntChain] {
        use IntChain::*;
        match self {
            TypeCode::SignedChar => &[Long, Short, Char],
            TypeCode::UnsignedChar => &[Long, UChar],
            TypeCode::Short => &[Long, Short],
            TypeCode::UnsignedShort => &[Long, Int, UShort],
            TypeCode::Int => &[Long, Int],
            TypeCode::UnsignedInt => &[UInt],
            TypeCode::Long => &[Long],
            TypeCode::UnsignedLong => &[ULong],
            TypeCode::LongLong => &[LongLong],
            TypeCode::UnsignedLongLong => &[ULongLong],
            TypeCode::Unicode | TypeCode::Float | TypeCode::Double => &[],
        }
    }

    /// `v` as this code's bytes (native byte order) in `out[..itemsize]`,
    /// or CPython's TypeError / OverflowError. May call `__index__` or
    /// `__float__`, so callers encode before they lock the array.
    pub fn encode(
        self,
        vm: &mut ThreadCtx,
        v: &Value,
        out: &mut [u8; MAX_ITEMSIZE],
    ) -> PyResult<()> {
        let size = self.itemsize();
        match self {
            TypeCode::Unicode => {
                let c = match v {
                    Value::Str(s) if s.as_str().chars().count() == 1 => s.as_str().chars().next(),
                    _ => None,
                };
                let c =
                    c.ok_or_else(|| PyErr::type_error("array item must be unicode character"))?;
                out[..4].copy_from_slice(&(c as u32).to_ne_bytes());
            }
            TypeCode::Float => {
                let f = float_arg(vm, v)? as f32;
                out[..4].copy_from_slice(&f.to_ne_bytes());
            }
            TypeCode::Double => {
                let f = float_arg(vm, v)?;
                out[..8].copy_from_slice(&f.to_ne_bytes());
            }
            _ => {
                let x = int_item(vm, v)?;
                for step in self.int_chain() {
                    step.check(x)?;
                }
                // In range now: the low `size` bytes of the two's
                // complement are the C value (little- or big-endian alike,
                // taken from the matching end).
                let bytes = x.to_ne_bytes();
                if cfg!(target_endian = "little") {
                    out[..size].copy_from_slice(&bytes[..size]);
                } else {
                    out[..size].copy_from_slice(&bytes[16 - size..]);
                }
            }
        }
        Ok(())
    }

    /// The Python value of one item's bytes (`raw.len() == itemsize`).
    pub fn decode(self, raw: &[u8]) -> PyResult {
        let b = |n: usize| -> [u8; MAX_ITEMSIZE] {
            let mut buf = [0u8; MAX_ITEMSIZE];
            buf[..n].copy_from_slice(&raw[..n]);
            buf
        };
        Ok(match self {
            TypeCode::SignedChar => Value::Int(i64::from(raw[0] as i8)),
            TypeCode::UnsignedChar => Value::Int(i64::from(raw[0])),
            TypeCode::Short => Value::Int(i64::from(i16::from_ne_bytes([raw[0], raw[1]]))),
            TypeCode::UnsignedShort => Value::Int(i64::from(u16::from_ne_bytes([raw[0], raw[1]]))),
            TypeCode::Int => Value::Int(i64::from(i32::from_ne_bytes(first4(raw)))),
            TypeCode::UnsignedInt => Value::Int(i64::from(u32::from_ne_bytes(first4(raw)))),
            TypeCode::Long | TypeCode::LongLong => Value::Int(i64::from_ne_bytes(b(8))),
            TypeCode::UnsignedLong | TypeCode::UnsignedLongLong => {
                let u = u64::from_ne_bytes(b(8));
                match i64::try_from(u) {
                    Ok(i) => Value::Int(i),
                    Err(_) => big_value(u.into()),
                }
            }
            TypeCode::Float => Value::Float(f64::from(f32::from_ne_bytes(first4(raw)))),
            TypeCode::Double => Value::Float(f64::from_ne_bytes(b(8))),
            TypeCode::Unicode => {
                let n = u32::from_ne_bytes(first4(raw));
                match char::from_u32(n) {
                    Some(c) => Value::string(c.to_string()),
                    None => {
                        return Err(PyErr::value_error(format!(
                            "character U+{n:x} is not in range [U+0000; U+10ffff]"
                        )))
                    }
                }
            }
        })
    }
}

/// The first four bytes of `raw`.
fn first4(raw: &[u8]) -> [u8; 4] {
    [raw[0], raw[1], raw[2], raw[3]]
}

/// An integer item as `i128` (every C range fits inside; a bigger int is
/// clamped, which every range check then rejects with the right message).
/// Ints and bools as they are, other objects through `__index__`.
fn int_item(vm: &mut ThreadCtx, v: &Value) -> PyResult<i128> {
    let clamp = |r: IntRef| match r {
        IntRef::Small(i) => i128::from(i),
        IntRef::Big(b) => b.to_i128().unwrap_or(if b.is_negative() {
            i128::MIN
        } else {
            i128::MAX
        }),
    };
    if let Some(r) = int_ref(v) {
        return Ok(clamp(r));
    }
    // Simplification: `__index__` results are read through the VM's
    // i64 index conversion, so one beyond 64 bits saturates (CPython
    // converts it exactly; the range errors read the same except for
    // 'L' / 'Q' items in 2**63..2**64 given as non-int objects).
    match vm.index_value(v)? {
        Some(i) => Ok(i128::from(i)),
        None => Err(not_an_int(v)),
    }
}
