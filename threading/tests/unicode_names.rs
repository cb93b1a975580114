//! The Unicode name table behind `"\N{EM DASH}"` (`src/lexer/unicode_names/`).
//!
//! - `every_stored_name_round_trips`: all 34,527 stored names, in order:
//!   each looks up to its own code point (in upper and lower case), and
//!   the code point's name (`name_of`, `unicodedata.name`) is that name
//!   again; the count is
//!   the one python3 3.11 gave at generation time.
//! - `aliases_and_computed_names_resolve`: the 470 aliases, the 11,172
//!   Hangul syllables and the 92,853 CJK unified ideographs.
//! - `what_cpython_refuses_is_refused`: wrong-case computed names, named
//!   sequences, Tangut, a 10,000-character bogus name (its outcome only).
//! - `names_agree_with_python3`: every 13th code point's name from
//!   python3's `unicodedata` (about 10,600, and the stored ones again in
//!   lower case) plus every alias, printed as `ord("\N{...}")`
//!   by one program under CPython and under MiniPy (skipped, loudly,
//!   without python3).
//! - `the_table_is_current`: the generator's `--check` (skipped without
//!   python3 3.11 or Perl's `unicore/Name.pl`).
//! - `the_module_stands_alone`: `src/lexer/unicode_names/` compiled here
//!   on its own, keeping its `//!` block's "needs nothing else" honest.

use common::measure::python;
use std::collections::HashMap;
use std::path::Path;
use threading::lexer::unicode_names::{self, aliases, computed_name, lookup, name_of, Entries};
use threading::{Config, Interpreter};

/// The name table's closed file set, compiled without the rest of the crate.
#[path = "../src/lexer/unicode_names/mod.rs"]
#[allow(dead_code, unused_imports)]
mod standalone;

/// Every stored (name, code point), in table order.
fn stored_names() -> Vec<(String, u32)> {
    let mut entries = Entries::from_block(0);
    let mut out = Vec::new();
    while let Some((name, code)) = entries.next_entry() {
        out.push((name.to_string(), code));
    }
    out
}

#[test]
fn every_stored_name_round_trips() {
    let names = stored_names();
    assert_eq!(names.len(), unicode_names::NAME_COUNT);
    assert_eq!(names.len(), 34_527, "python3 3.11's count at generation");
    assert_eq!(unicode_names::UNIDATA_VERSION, "14.0.0");
    for pair in names.windows(2) {
        assert!(pair[0].0 < pair[1].0, "not sorted: {:?}", pair);
    }
    let own_name: HashMap<u32, &str> = names.iter().map(|(n, c)| (*c, n.as_str())).collect();
    assert_eq!(own_name.len(), names.len(), "a code point has two names");
    for (name, code) in &names {
        let found = lookup(name).map(u32::from);
        assert_eq!(found, Some(*code), "{name}");
        assert_eq!(own_name[code], name.as_str());
        let c = char::from_u32(*code).expect("a stored code point is a char");
        assert_eq!(name_of(c).as_deref(), Some(name.as_str()));
        let lower = name.to_ascii_lowercase();
        assert_eq!(lookup(&lower).map(u32::from), Some(*code), "{lower}");
    }
    assert_eq!(lookup("EM DASH"), Some('\u{2014}'));
    assert_eq!(lookup("latin small letter a"), Some('a'));
}

#[test]
fn aliases_and_computed_names_resolve() {
    assert_eq!(aliases().len(), 470);
    for &(alias, code) in aliases() {
        assert_eq!(lookup(alias).map(u32::from), Some(code), "{alias}");
        let lower = alias.to_ascii_lowercase();
        assert_eq!(lookup(&lower).map(u32::from), Some(code), "{lower}");
    }
    assert_eq!(lookup("NULL"), Some('\0'));
    assert_eq!(lookup("BEL"), Some('\x07'));
    assert_eq!(lookup("LINE FEED"), Some('\n'));
    assert_eq!(lookup("LATIN CAPITAL LETTER GHA"), Some('\u{1a2}'));
    // An alias is never a character's name.
    assert_eq!(
        name_of('\u{1a2}').as_deref(),
        Some("LATIN CAPITAL LETTER OI")
    );
    assert_eq!(name_of('\0'), None);
    let mut hangul = 0;
    let mut cjk = 0;
    for code in 0..=0x10ffff {
        let Some(c) = char::from_u32(code) else {
            continue;
        };
        if let Some(name) = computed_name(c) {
            assert_eq!(lookup(&name), Some(c), "{name}");
            assert_eq!(name_of(c), Some(name.clone()));
            if name.starts_with("HANGUL") {
                hangul += 1;
            } else {
                cjk += 1;
            }
        }
    }
    assert_eq!((hangul, cjk), (11_172, 92_853));
    assert_eq!(lookup("HANGUL SYLLABLE GA"), Some('\u{ac00}'));
    assert_eq!(lookup("HANGUL SYLLABLE GGAEGS"), Some('\u{ae6b}'));
    assert_eq!(lookup("CJK UNIFIED IDEOGRAPH-04E00"), Some('\u{4e00}'));
}

#[test]
fn what_cpython_refuses_is_refused() {
    for name in [
        "",
        "cjk unified ideograph-4E00",
        "CJK UNIFIED IDEOGRAPH-4e00",
        "CJK UNIFIED IDEOGRAPH-2A6E0",
        "CJK UNIFIED IDEOGRAPH-4E0",
        "hangul syllable ga",
        "HANGUL SYLLABLE ga",
        "HANGUL SYLLABLE ",
        "HANGUL SYLLABLE GAX",
        "LATIN CAPITAL LETTER A WITH MACRON AND GRAVE",
        "TANGUT IDEOGRAPH-17000",
        "LATIN  SMALL LETTER A",
        " LATIN SMALL LETTER A",
        "LATIN SMALL LETTER É",
        "LINE FEED (LF)",
        "ZZZZ",
        "A",
    ] {
        assert_eq!(lookup(name), None, "{name:?}");
    }
    let hostile = "LATIN SMALL LETTER A".repeat(500);
    assert_eq!(lookup(&hostile), None);

    // The same 10,000-character name as an escape: refused with CPython's
    // message and span (the time it takes is bench material, not a test).
    let program = format!("x = \"\\N{{{}}}\"\n", "X".repeat(10_000));
    let out = Interpreter::new(Config {
        capture: true,
        ..Config::default()
    })
    .run_source("hostile.py", &program);
    assert_eq!(out.exit_code, 1);
    assert!(
        out.stderr.trim_end().ends_with(
            "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in \
             position 0-10003: unknown Unicode character name"
        ),
        "{}",
        out.stderr
    );
}

/// The names the differential test asks about, chosen by python3.
const SAMPLE: &str = r#"
import unicodedata
names = []
for cp in range(0, 0x110000, 13):
    name = unicodedata.name(chr(cp), None)
    if name:
        names.append(name)
        if not name.startswith(("CJK UNIFIED IDEOGRAPH-", "HANGUL SYLLABLE ")):
            names.append(name.lower())
import re, sys
text = open(sys.argv[1]).read()
names += re.findall(r'\("([^"]+)", 0x', text)
names += ["HANGUL SYLLABLE " + s for s in ["GA", "GAG", "A", "SSYEOLH", "WAENG", "GGWI", "YIH"]]
print("codes = []")
for name in names:
    print(f'codes.append(ord("\\N{{{name}}}"))')
print("print(len(codes), sum(codes))")
print("print(codes)")
"#;

#[test]
fn names_agree_with_python3() {
    let table = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lexer/unicode_names/table.rs");
    let table = table.to_str().unwrap_or_default();
    let Some(generated) = python::run_source(SAMPLE, &[table]) else {
        eprintln!("note: NOT RUN: python3 not found; \\N{{}} is not compared with CPython");
        return;
    };
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    let program = String::from_utf8(generated.stdout).expect("the program is UTF-8");
    assert!(program.lines().count() > 10_000, "too few names sampled");
    let want = python::run_source(&program, &[]).expect("python3 ran a moment ago");
    assert!(
        want.status.success(),
        "{}",
        String::from_utf8_lossy(&want.stderr)
    );
    let got = Interpreter::new(Config {
        capture: true,
        ..Config::default()
    })
    .run_source("names.py", &program);
    assert_eq!(got.stderr, "");
    assert_eq!(got.exit_code, 0);
    assert_eq!(got.stdout, String::from_utf8_lossy(&want.stdout));
}

#[test]
fn the_table_is_current() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/gen_unicode_names.py");
    let Some(out) = python::run_script(&script, &["--check"]) else {
        eprintln!("note: python3 not found; table.rs and names.bin are not compared");
        return;
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("CPython 3.11 with Unicode 14.0.0 needed") || stderr.contains("not found") {
        eprintln!("note: table.rs and names.bin are not compared: {stderr}");
        return;
    }
    assert!(out.status.success(), "{stderr}");
}

#[test]
fn the_module_stands_alone() {
    assert_eq!(standalone::lookup("em dash"), Some('\u{2014}'));
    assert_eq!(standalone::name_of('\u{2014}').as_deref(), Some("EM DASH"));
    assert_eq!(standalone::lookup("BEL"), Some('\x07'));
}
