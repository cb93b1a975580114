//! Traceback objects: what `e.__traceback__`, `sys.exc_info()[2]` and a
//! `with` block's `__exit__` receive.
//!
//! ```text
//!   e.__traceback__ ─▶ <traceback>  tb_lineno  tb_next ─▶ ... ─▶ None
//!                      (outermost frame first, as CPython links them)
//! ```
//!
//! MiniPy keeps an exception's frames in the exception itself
//! (`ExcState::traceback`, innermost first), so a traceback object is a
//! view: the exception plus a position in that list. Simplification:
//! `tb_frame` is `None` (there are no live frame objects).
//!
//! Python equivalent: `PyTracebackObject` (`Python/traceback.c`).

use super::native::{Args, NativeClass, NativeSpec};
use super::ThreadCtx;
use crate::object::instance::Instance;
use crate::object::refcount::Arc;
use crate::object::{PyResult, Value};

/// A traceback object's state.
pub struct TbView {
    /// The exception whose frames these are.
    exc: Arc<Instance>,
    /// How many frames from the outermost this entry is.
    depth: usize,
}

/// The `traceback` class.
pub static TRACEBACK: NativeClass = NativeClass::new(
    "traceback",
    "builtins",
    &[
        NativeSpec::getter("tb_lineno", tb_lineno),
        NativeSpec::getter("tb_next", tb_next),
        NativeSpec::getter("tb_frame", tb_frame),
        NativeSpec::getter("tb_lasti", tb_lasti),
    ],
);

/// `exc.__traceback__`: `None` when it has not been raised.
pub fn traceback_of(exc: &Arc<Instance>) -> Value {
    view(exc, 0)
}

/// The entry `depth` frames from the outermost, or `None`.
fn view(exc: &Arc<Instance>, depth: usize) -> Value {
    let len = exc.exc().map_or(0, |st| st.lock().traceback.len());
    if depth >= len {
        return Value::None;
    }
    TRACEBACK.instance(TbView {
        exc: exc.clone(),
        depth,
    })
}

fn me<'a>(args: &Args<'a>) -> PyResult<&'a TbView> {
    args.native_self::<TbView>(&TRACEBACK, "traceback")
}

fn tb_lineno(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let tb = me(&args)?;
    let line = tb.exc.exc().and_then(|st| {
        let st = st.lock();
        let n = st.traceback.len();
        st.traceback
            .get(n.checked_sub(1 + tb.depth)?)
            .map(|e| e.line)
    });
    Ok(line.map_or(Value::None, |l| Value::Int(l as i64)))
}

fn tb_next(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    let tb = me(&args)?;
    Ok(view(&tb.exc, tb.depth + 1))
}

fn tb_frame(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    me(&args)?;
    Ok(Value::None)
}

fn tb_lasti(_vm: &mut ThreadCtx, args: Args) -> PyResult {
    me(&args)?;
    Ok(Value::Int(0))
}
