//! Private name mangling: inside `class Account:`, `self.__balance` and a
//! class-body `__count = 0` mean `_Account__balance` and `_Account__count`,
//! so a subclass's `__balance` cannot clash with its base's.
//!
//! ```text
//!   class Account:                      names inside the class (and in every
//!       __count = 0        ─▶ _Account__count       function nested in it)
//!       def __init__(self):                          that start with two
//!           self.__balance ─▶ _Account__balance      underscores and do not
//!           self.__dict__  ─▶ __dict__ (dunder)      end with two
//! ```
//!
//! The compiler applies it to attribute names (`LOAD_ATTR`, `STORE_ATTR`,
//! `DELETE_ATTR`, `LOAD_METHOD`) and to the names a class body stores and
//! loads through its namespace. Simplification: a function's own locals
//! and globals are not mangled (CPython mangles them too; inside one
//! function that changes nothing, and a global spelled `__x` read from a
//! method is a NameError in CPython anyway). `__slots__` entries are mangled when the
//! class is made (`vm/class.rs`, as CPython's `type_new`), with this function.
//!
//! Python equivalent: `_Py_Mangle` in `Python/compile.c`.

/// `name` as it is stored inside a class called `private` (the innermost
/// enclosing class, if any).
pub(crate) fn mangle(private: Option<&str>, name: &str) -> Option<String> {
    let private = private?;
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return None;
    }
    let class = private.trim_start_matches('_');
    if class.is_empty() {
        return None;
    }
    Some(format!("_{class}{name}"))
}

#[cfg(test)]
mod tests {
    use super::mangle;

    #[test]
    fn mangles_like_cpython() {
        assert_eq!(
            mangle(Some("Account"), "__balance").as_deref(),
            Some("_Account__balance")
        );
        assert_eq!(
            mangle(Some("_Hidden"), "__x").as_deref(),
            Some("_Hidden__x")
        );
        assert_eq!(mangle(Some("Account"), "__init__"), None);
        assert_eq!(mangle(Some("Account"), "_single"), None);
        assert_eq!(mangle(Some("___"), "__x"), None);
        assert_eq!(mangle(None, "__x"), None);
    }
}
