//! Reads the front end's case files (`forms.txt`, `errors.txt`): a header,
//! then `=== name`, the source, and `--- section` blocks written by
//! `regen.py` from CPython 3.11's own answers.

use std::path::{Path, PathBuf};

/// One case of a case file.
pub struct Case {
    /// The case's name (`=== name`).
    pub name: String,
    /// The Python source, ending in a newline.
    pub source: String,
    /// `(section name, text)` in file order.
    pub sections: Vec<(String, String)>,
}

impl Case {
    /// The text of section `name` (empty when absent).
    pub fn section(&self, name: &str) -> String {
        self.sections
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    }
}

/// The directory of the case files.
pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("frontend")
}

/// Reads `dir()/file`.
pub fn read(file: &str) -> Vec<Case> {
    let text = std::fs::read_to_string(dir().join(file)).expect("case file");
    let Some((_, rest)) = text.split_once("\n=== ") else {
        return Vec::new();
    };
    rest.split("\n=== ")
        .map(|chunk| {
            let (name, body) = chunk.split_once('\n').unwrap_or((chunk, ""));
            let mut blocks = body.split("\n--- ");
            let source = format!("{}\n", blocks.next().unwrap_or_default());
            let sections = blocks
                .map(|b| {
                    let (n, t) = b.split_once('\n').unwrap_or((b, ""));
                    (n.to_string(), t.to_string())
                })
                .collect();
            Case {
                name: name.to_string(),
                source,
                sections,
            }
        })
        .collect()
}
