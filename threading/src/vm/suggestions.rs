//! "Did you mean: 'total'?": CPython 3.11's suggestions for an uncaught
//! `NameError` or `AttributeError`.
//!
//! ```text
//!   NameError: name 'totl' is not defined. Did you mean: 'total'?
//!                                         └── appended when the traceback is printed
//!
//!   candidates, searched in turn until one list gives a match:
//!     NameError       the innermost frame's local variable names (co_varnames),
//!                     then its module's globals, then the builtins
//!     AttributeError  dir(obj)
//!   a candidate matches when its edit distance to the name is at most
//!   (len(name) + len(candidate) + 3) * 2 / 6 — "no more than a third of the
//!   characters change" — and is smaller than every earlier match's
//! ```
//!
//! The distance is Levenshtein's over UTF-8 bytes with CPython's costs: an
//! insertion, deletion or substitution costs 2 ([`MOVE_COST`]), a
//! substitution that only flips an ASCII letter's case costs 1
//! ([`CASE_COST`]). Common prefixes and suffixes are trimmed first; names
//! longer than [`MAX_STRING_SIZE`] bytes after trimming never match, and a
//! list of [`MAX_CANDIDATE_ITEMS`] names or more is not searched, so the
//! work per traceback is bounded.
//!
//! The suggestion is computed when the traceback is printed, not when the
//! exception is raised (as CPython does: `str(e)` never has it). What the
//! exception must remember for it is its [`FailedLookup`], which the VM
//! records where the lookup failed (`LOAD_GLOBAL`, `getattr`). As in
//! CPython's C printer, only the exact classes `NameError` and
//! `AttributeError` get suggestions (not `UnboundLocalError`, not
//! subclasses).
//!
//! Simplification: CPython 3.11's `traceback` module has a Python twin of
//! this algorithm with small differences (it searches locals, globals and
//! builtins as one list, and considers subclasses); MiniPy uses the C
//! printer's rules everywhere.
//!
//! Python equivalent: `Python/suggestions.c` (3.11), called from
//! `print_exception` in `Python/pythonrun.c`.

use super::ThreadCtx;
use crate::modules::cpython_names::outside_note;
use crate::object::builtin_types::types;
use crate::object::exception::FailedLookup;
use crate::object::instance::Instance;
use crate::object::refcount::Arc;
use crate::object::{ExcKind, Value};

/// A list with this many candidates or more is not searched.
pub const MAX_CANDIDATE_ITEMS: usize = 750;
/// Longest name (in UTF-8 bytes, after trimming common affixes) compared.
pub const MAX_STRING_SIZE: usize = 40;
/// Cost of an insertion, a deletion or a substitution.
pub const MOVE_COST: usize = 2;
/// Cost of a substitution that only changes an ASCII letter's case.
pub const CASE_COST: usize = 1;

/// What replacing byte `a` by byte `b` costs.
fn substitution_cost(a: u8, b: u8) -> usize {
    if a == b {
        0
    } else if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// The edit distance between `a` and `b`, or any value above `max_cost`
/// once it is certain to exceed it (CPython's early exits).
pub fn levenshtein_distance(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    if a == b {
        return 0;
    }
    // Trim the common prefix and suffix: they cost nothing.
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    // The shorter string indexes the one row kept.
    let (a, b) = if b.len() < a.len() { (b, a) } else { (a, b) };
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    // row[i] = cost(b[..b_index], a[..i + 1]), updated in place per b byte.
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        // cost(b[..b_index], a[..0])
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &ch) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ch);
            distance = row[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            // Every entry of this row is too big already.
            return max_cost + 1;
        }
    }
    result
}

/// The candidate closest to `name` within CPython's cut-off, the first
/// one on ties; `None` when the list is too long or nothing is close.
pub fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if candidates.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<(&str, usize)> = None;
    for &item in candidates {
        if item == name {
            continue;
        }
        // No more than a third of the characters involved may change...
        let mut max_distance = (name.len() + item.len() + 3) * MOVE_COST / 6;
        // ...and an earlier, better match is not beaten by a worse one.
        if let Some((_, d)) = best {
            max_distance = max_distance.min(d.saturating_sub(1));
        }
        let distance = levenshtein_distance(name.as_bytes(), item.as_bytes(), max_distance);
        if distance > max_distance {
            continue;
        }
        if best.is_none_or(|(_, d)| distance < d) {
            best = Some((item, distance));
        }
    }
    best.map(|(s, _)| s)
}

impl ThreadCtx {
    /// The " Did you mean" trailer for an exception about to be printed:
    /// `. Did you mean: 'total'?`, or empty.
    pub fn suggestion_trailer(&mut self, exc: &Arc<Instance>) -> String {
        let is_exactly = |k: ExcKind| Arc::ptr_eq(&exc.class, types().exc(k));
        if !is_exactly(ExcKind::NameError) && !is_exactly(ExcKind::AttributeError) {
            return String::new();
        }
        let Some(st) = exc.exc() else {
            return String::new();
        };
        let (lookup, innermost) = {
            let st = st.lock();
            (st.lookup.clone(), st.traceback.first().cloned())
        };
        let found = match lookup {
            Some(FailedLookup::Attribute { name, obj }) if is_exactly(ExcKind::AttributeError) => {
                // A name CPython's module has but MiniPy's lacks: the message
                // already says it is outside MiniPy, and CPython (which has
                // the name) would never suggest another.
                if let Value::Module(m) = &obj {
                    let note = outside_note(m.name.as_str(), name.as_str());
                    if !note.is_empty() {
                        return String::new();
                    }
                }
                self.dir_names(&obj)
                    .and_then(|dir| closest_owned(name.as_str(), &dir))
            }
            Some(FailedLookup::Name { name, globals }) if is_exactly(ExcKind::NameError) => {
                // CPython needs the traceback to find the frame.
                let Some(entry) = innermost else {
                    return String::new();
                };
                let name = name.as_str();
                let locals: Vec<String> = entry
                    .code
                    .varnames
                    .iter()
                    .map(|s| s.as_str().to_string())
                    .collect();
                let global_names: Vec<String> = globals
                    .items()
                    .into_iter()
                    .map(|(k, _)| k.as_str().to_string())
                    .collect();
                let builtin_names: Vec<String> = self
                    .rt
                    .builtins
                    .globals
                    .items()
                    .into_iter()
                    .map(|(k, _)| k.as_str().to_string())
                    .collect();
                closest_owned(name, &locals)
                    .or_else(|| closest_owned(name, &global_names))
                    .or_else(|| closest_owned(name, &builtin_names))
            }
            _ => None,
        };
        match found {
            Some(s) => format!(". Did you mean: '{s}'?"),
            None => String::new(),
        }
    }

    /// `dir(obj)` as strings; `None` if `dir` fails.
    fn dir_names(&mut self, obj: &Value) -> Option<Vec<String>> {
        let dir = self.rt.builtins.globals.get("dir")?;
        let list = self.call(&dir, std::slice::from_ref(obj)).ok()?;
        let items = self.collect(&list).ok()?;
        Some(
            items
                .iter()
                .filter_map(|v| match v {
                    Value::Str(s) => Some(s.as_str().to_string()),
                    _ => None,
                })
                .collect(),
        )
    }
}

/// [`closest`] over owned strings.
fn closest_owned(name: &str, candidates: &[String]) -> Option<String> {
    let refs: Vec<&str> = candidates.iter().map(|s| s.as_str()).collect();
    closest(name, &refs).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_use_cpythons_costs() {
        assert_eq!(levenshtein_distance(b"total", b"total", 10), 0);
        // One deletion.
        assert_eq!(levenshtein_distance(b"totl", b"total", 10), MOVE_COST);
        // A case flip is cheaper than a substitution.
        assert_eq!(levenshtein_distance(b"Total", b"total", 10), CASE_COST);
        assert_eq!(levenshtein_distance(b"balanse", b"balance", 10), MOVE_COST);
        // Past the cut-off: any value above it.
        assert!(levenshtein_distance(b"abcdef", b"uvwxyz", 3) > 3);
    }

    #[test]
    fn closest_takes_the_first_of_equal_matches_and_respects_the_cut_off() {
        assert_eq!(closest("totl", &["values", "total", "v"]), Some("total"));
        assert_eq!(closest("ab", &["xy"]), None);
        assert_eq!(closest("colour", &["color", "colours"]), Some("color"));
        assert_eq!(closest("x", &["x"]), None);
        let many: Vec<String> = (0..MAX_CANDIDATE_ITEMS).map(|i| format!("n{i}")).collect();
        let refs: Vec<&str> = many.iter().map(|s| s.as_str()).collect();
        assert_eq!(closest("n1x", &refs), None);
    }
}
