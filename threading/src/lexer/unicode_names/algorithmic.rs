//! The two kinds of character name Unicode defines by a rule rather than a
//! list, so no table stores them: `CJK UNIFIED IDEOGRAPH-4E00` (the code
//! point in hex) and `HANGUL SYLLABLE GAG` (the syllable's three jamo, by
//! their short names).
//!
//! ```text
//!   HANGUL SYLLABLE  G   A   G          CJK UNIFIED IDEOGRAPH-  4E00
//!                    │   │   └ T = 1                            │
//!                    │   └──── V = 0       exactly 4 or 5 upper-case hex
//!                    └──────── L = 0       digits, inside one of the ranges
//!   0xAC00 + (L * 21 + V) * 28 + T = 0xAC01
//! ```
//!
//! Both follow CPython 3.11's `_getcode` (`Modules/unicodedata.c`) to the
//! letter, quirks included: unlike the stored names, these prefixes and
//! their tails are matched case-sensitively (`\N{cjk unified
//! ideograph-4e00}` is an unknown name), and each jamo is the *longest*
//! short name that matches at its place, without backtracking, so a name
//! that only a shorter choice would parse is unknown, as in CPython. Once
//! a prefix matches, the answer is final: the table is not consulted.
//!
//! Python equivalent: `find_syllable`, `is_unified_ideograph` and the first
//! two branches of `_getcode` in `Modules/unicodedata.c`.
//! Needs only `table.rs` (the CJK ranges).

use super::table::CJK_UNIFIED_RANGES;

/// What every Hangul syllable's name starts with.
pub const HANGUL_PREFIX: &str = "HANGUL SYLLABLE ";
/// What every CJK unified ideograph's name starts with.
pub const CJK_PREFIX: &str = "CJK UNIFIED IDEOGRAPH-";

/// The first Hangul syllable, `HANGUL SYLLABLE GA`.
const HANGUL_BASE: u32 = 0xAC00;
/// Leading consonants' short names (`""` is the silent IEUNG).
const LEADS: [&str; 19] = [
    "G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P",
    "H",
];
/// Vowels' short names.
const VOWELS: [&str; 21] = [
    "A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE",
    "WI", "YU", "EU", "YI", "I",
];
/// Trailing consonants' short names (`""`: none).
const TAILS: [&str; 28] = [
    "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M",
    "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H",
];

/// The code point of `HANGUL SYLLABLE {rest}`, if `rest` is three jamo.
pub fn hangul_syllable(rest: &str) -> Option<char> {
    let (lead, rest) = longest_jamo(rest, &LEADS)?;
    let (vowel, rest) = longest_jamo(rest, &VOWELS)?;
    let (tail, rest) = longest_jamo(rest, &TAILS)?;
    if !rest.is_empty() {
        return None;
    }
    let index = (lead * VOWELS.len() + vowel) * TAILS.len() + tail;
    char::from_u32(HANGUL_BASE + index as u32)
}

/// The index of the longest short name in `column` that `text` starts with
/// (the first of equal lengths, as CPython's loop keeps it), and what
/// follows it. `""` matches when it is in the column and nothing longer
/// does.
fn longest_jamo<'t>(text: &'t str, column: &[&str]) -> Option<(usize, &'t str)> {
    let mut best: Option<usize> = None;
    for (index, jamo) in column.iter().enumerate() {
        let longer = best.is_none_or(|b| jamo.len() > column[b].len());
        if longer && text.starts_with(jamo) {
            best = Some(index);
        }
    }
    best.map(|index| (index, &text[column[index].len()..]))
}

/// The code point of `CJK UNIFIED IDEOGRAPH-{hex}`: four or five
/// upper-case hex digits naming a unified ideograph.
pub fn cjk_unified(hex: &str) -> Option<char> {
    let well_formed = matches!(hex.len(), 4 | 5)
        && hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b));
    if !well_formed {
        return None;
    }
    let code = u32::from_str_radix(hex, 16).ok()?;
    let unified = CJK_UNIFIED_RANGES
        .iter()
        .any(|&(first, last)| (first..=last).contains(&code));
    if unified {
        char::from_u32(code)
    } else {
        None
    }
}

/// The computed name of `c`, if it is a Hangul syllable or a CJK unified
/// ideograph (the inverse of the two lookups above).
pub fn computed_name(c: char) -> Option<String> {
    let code = u32::from(c);
    let syllables = (LEADS.len() * VOWELS.len() * TAILS.len()) as u32;
    if (HANGUL_BASE..HANGUL_BASE + syllables).contains(&code) {
        let index = (code - HANGUL_BASE) as usize;
        let per_lead = VOWELS.len() * TAILS.len();
        let lead = LEADS[index / per_lead];
        let vowel = VOWELS[index % per_lead / TAILS.len()];
        let tail = TAILS[index % TAILS.len()];
        return Some(format!("{HANGUL_PREFIX}{lead}{vowel}{tail}"));
    }
    let unified = CJK_UNIFIED_RANGES
        .iter()
        .any(|&(first, last)| (first..=last).contains(&code));
    unified.then(|| format!("{CJK_PREFIX}{code:04X}"))
}
