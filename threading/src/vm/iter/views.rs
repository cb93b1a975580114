//! Dict views (`d.keys()`, `d.values()`, `d.items()`) as values:
//! making one, `x in view`, and a view's elements as a set (for `==` and
//! the set operators on keys and items views).
//!
//! A view holds its dict, not a copy: it reads the dict's entries under
//! the dict's cell each time, so it sees later changes, as CPython's do.
//!
//! Python equivalent: `dictviews_*`, `dictkeys_contains`,
//! `dictitems_contains` in `Objects/dictobject.c`.
//!
//! Needs: nothing of its siblings (the dict and set operations of the VM).

use super::ThreadCtx;
use crate::object::iter::{DictView, ViewKind};
use crate::object::refcount::Arc;
use crate::object::{PyResult, Value};

/// A set of a keys or items view's elements (for `==` and set operations
/// on views).
pub fn view_as_set(vm: &mut ThreadCtx, view: &DictView) -> PyResult {
    let items = match view.dict.as_dict() {
        Some(d) => d.entries(),
        None => Vec::new(),
    };
    let elems: Vec<Value> = items
        .into_iter()
        .map(|(k, v)| match view.kind {
            ViewKind::Items => Value::tuple(vec![k, v]),
            _ => k,
        })
        .collect();
    vm.new_set(elems)
}

/// `x in view`.
pub fn view_contains(vm: &mut ThreadCtx, view: &DictView, item: &Value) -> PyResult<bool> {
    let Some(d) = view.dict.as_dict() else {
        return Ok(false);
    };
    match view.kind {
        ViewKind::Keys => Ok(vm.dict_get(d, item)?.is_some()),
        ViewKind::Items => {
            let Some(pair) = item.as_tuple() else {
                return Ok(false);
            };
            if pair.len() != 2 {
                return Ok(false);
            }
            let (k, v) = (pair[0].clone(), pair[1].clone());
            match vm.dict_get(d, &k)? {
                Some(w) => vm.eq(&w, &v),
                None => Ok(false),
            }
        }
        ViewKind::Values => {
            for v in d.lock().iter().map(|e| e.value.clone()).collect::<Vec<_>>() {
                if vm.eq(&v, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

/// A dict view value.
pub fn view_value(dict: Value, kind: ViewKind) -> Value {
    Value::DictView(Arc::new(DictView { dict, kind }))
}
