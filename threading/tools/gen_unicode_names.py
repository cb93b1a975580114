#!/usr/bin/env python3
"""Writes the Unicode name table that MiniPy's lexer resolves ``"\\N{NAME}"`` with:
``threading/src/lexer/unicode_names/table.rs`` (constants, the word lexicon, the
aliases) and ``threading/src/lexer/unicode_names/names.bin`` (the phrasebook).

Usage (from the repository root, by hand; nothing runs it at build time):

    python3 threading/tools/gen_unicode_names.py           # rewrite the two files
    python3 threading/tools/gen_unicode_names.py --check   # exit 1 if they are out of date
    python3 threading/tools/gen_unicode_names.py --aliases FILE   # another Name.pl

Sources, both read at generation time only:

- every name comes from python3's ``unicodedata`` (the script refuses anything but
  CPython 3.11 with Unicode 14.0.0, the version whose ``\\N{}`` MiniPy mirrors):
  ``unicodedata.name(chr(cp))`` for each of the 1,114,112 code points, minus the two
  ranges CPython computes instead of storing (``CJK UNIFIED IDEOGRAPH-XXXX``,
  ``HANGUL SYLLABLE ...``), which MiniPy computes too (``algorithmic.rs``);
- the formal name aliases (``\\N{NULL}``, ``\\N{BEL}``, ``\\N{LATIN CAPITAL LETTER GHA}``)
  come from NameAliases.txt, which ``unicodedata`` accepts but cannot list. The
  machine has no copy of that file, but Perl 5.36 ships its Unicode 14.0 character
  names, aliases included, in ``unicore/Name.pl``; every name there that is not a
  code point's own name and that ``unicodedata.lookup`` resolves to that code point
  is an alias (Perl's extras, such as ``LINE FEED (LF)``, fail the lookup and are
  dropped; so are named sequences, which CPython's ``\\N{}`` refuses).

The layout (read by ``phrasebook.rs``; its ``//!`` block draws it):

- names are cut into tokens that keep their trailing separator (``"LATIN "``,
  ``"IDEOGRAPH-"``, ``"A "``: each name is tokenised with a space appended, and the
  decoder drops the last character again). The distinct tokens, most frequent first,
  concatenated, are the lexicon: a token ends at its first space or hyphen, so the
  lexicon needs no separators and no offsets;
- token ``i`` is written as one byte ``i`` when ``i < ONE_BYTE_TOKENS``, else as two
  bytes ``ONE_BYTE_TOKENS + hi, lo`` (``i - ONE_BYTE_TOKENS = hi * 256 + lo``);
- names are sorted (byte order; all are upper case) and cut into blocks of
  ``BLOCK_LEN`` entries. Each entry is one header byte (high nibble: how many leading
  tokens it shares with the entry before it, always 0 at a block start; low nibble:
  how many tokens follow), the tokens, then the code point as a zigzag LEB128 delta
  from the previous entry's (from 0 at a block start). ``BLOCK_STARTS`` holds each
  block's byte offset, so a lookup binary-searches the blocks' first names and then
  reads one block.
"""

import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, "..", "src", "lexer", "unicode_names")
TABLE_RS = os.path.join(OUT_DIR, "table.rs")
NAMES_BIN = os.path.join(OUT_DIR, "names.bin")
PERL_NAMES = "/usr/share/perl/5.36.0/unicore/Name.pl"

BLOCK_LEN = 32
HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3
CJK_PREFIX = "CJK UNIFIED IDEOGRAPH-"


def tokens(name):
    """``"LATIN SMALL LETTER A"`` → ``["LATIN ", "SMALL ", "LETTER ", "A "]``."""
    out = re.findall(r"[^ -]*[ -]", name + " ")
    assert "".join(out) == name + " ", name
    return out


def zigzag_leb128(value):
    z = value << 1 if value >= 0 else ((-value) << 1) - 1
    out = bytearray()
    while True:
        byte = z & 0x7F
        z >>= 7
        if z:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def collect():
    """(names: {name: cp}, cjk_ranges: [(first, last)], aliases: {alias: cp})."""
    names = {}
    cjk = []
    for cp in range(0x110000):
        name = unicodedata.name(chr(cp), None)
        if name is None:
            continue
        if HANGUL_FIRST <= cp <= HANGUL_LAST:
            assert name.startswith("HANGUL SYLLABLE "), hex(cp)
            continue
        if name.startswith(CJK_PREFIX):
            assert name == f"{CJK_PREFIX}{cp:04X}", hex(cp)
            if cjk and cjk[-1][1] == cp - 1:
                cjk[-1][1] = cp
            else:
                cjk.append([cp, cp])
            continue
        assert name not in names and re.fullmatch(r"[A-Z0-9 -]+", name), name
        assert not name.startswith(("HANGUL SYLLABLE ", "CJK UNIFIED IDEOGRAPH-")), name
        names[name] = cp
    return names, [tuple(r) for r in cjk], read_aliases(names)


def read_aliases(names):
    path = PERL_NAMES
    if "--aliases" in sys.argv:
        path = sys.argv[sys.argv.index("--aliases") + 1]
    if not os.path.exists(path):
        sys.exit(f"{path} not found: the aliases need Perl 5.36's unicore/Name.pl "
                 "(or NameAliases.txt data in that format; pass it with --aliases)")
    text = open(path, encoding="ascii").read()
    body = text.split("<<'END';\n", 1)[1].rsplit("\nEND", 1)[0]
    aliases = {}
    for entry in body.strip("\n").split("\n\n"):
        code, name = entry.split("\n")
        if " " in code:
            continue  # a named sequence: several code points
        cp = int(code, 16)
        if unicodedata.name(chr(cp), None) == name or name in names:
            continue
        try:
            if unicodedata.lookup(name) != chr(cp):
                continue
        except KeyError:
            continue  # Perl's own extras (Unicode 1 names such as "LINE FEED (LF)")
        aliases[name] = cp
    return aliases


def build(names):
    ordered = sorted(names)
    counts = Counter(t for n in ordered for t in tokens(n))
    lexicon = sorted(counts, key=lambda t: (-counts[t], t))
    index = {t: i for i, t in enumerate(lexicon)}
    one_byte = max(s for s in range(1, 256) if (256 - s) * 256 + s >= len(lexicon))
    phrasebook = bytearray()
    block_starts = []
    previous, previous_cp = [], 0
    for k, name in enumerate(ordered):
        toks = tokens(name)
        shared = 0
        if k % BLOCK_LEN == 0:
            block_starts.append(len(phrasebook))
            previous, previous_cp = [], 0
        else:
            while shared < min(len(toks), len(previous)) and toks[shared] == previous[shared]:
                shared += 1
        fresh = toks[shared:]
        assert shared < 16 and len(fresh) < 16, name
        phrasebook.append(shared << 4 | len(fresh))
        for t in fresh:
            i = index[t]
            if i < one_byte:
                phrasebook.append(i)
            else:
                hi, lo = divmod(i - one_byte, 256)
                phrasebook += bytes([one_byte + hi, lo])
        phrasebook += zigzag_leb128(names[name] - previous_cp)
        previous, previous_cp = toks, names[name]
    return lexicon, one_byte, bytes(phrasebook), block_starts


def rust_str_lines(text_pieces, width=96):
    """A Rust string literal's lines, cut between pieces; a line never starts with a
    space (a `\\` line continuation would swallow it)."""
    lines, line = [], ""
    for piece in text_pieces:
        if len(line) + len(piece) > width and not piece.startswith(" "):
            lines.append(line)
            line = ""
        line += piece
    lines.append(line)
    return lines


def render(names, cjk, aliases, lexicon, one_byte, phrasebook, block_starts):
    total_chars = sum(len(n) for n in names)
    hangul = HANGUL_LAST - HANGUL_FIRST + 1
    cjk_count = sum(b - a + 1 for a, b in cjk)
    out = []
    w = out.append
    w("//! GENERATED by `python3 threading/tools/gen_unicode_names.py` (CPython")
    w(f"//! {sys.version.split()[0]}, `unicodedata.unidata_version` {unicodedata.unidata_version});")
    w("//! do not edit: rerun the script. With `names.bin` beside it, the")
    w("//! character names `\\N{...}` resolves, in the phrasebook layout that")
    w("//! `phrasebook.rs` reads (the script's docstring describes it too).")
    w("//!")
    w(f"//! Counts at generation time: {len(names)} stored names ({total_chars} characters")
    w(f"//! of text, {len(phrasebook)} bytes as a phrasebook), {len(lexicon)} distinct")
    w(f"//! tokens, {len(aliases)} aliases (from Perl 5.36's `unicore/Name.pl`, each")
    w(f"//! checked with `unicodedata.lookup`), and {cjk_count} CJK unified ideographs and")
    w(f"//! {hangul} Hangul syllables whose names are computed, not stored.")
    w("")
    w("/// The Unicode version of the names (CPython 3.11's).")
    w(f'pub const UNIDATA_VERSION: &str = "{unicodedata.unidata_version}";')
    w("")
    w("/// How many names the phrasebook holds (aliases and computed names aside).")
    w(f"pub const NAME_COUNT: usize = {len(names)};")
    w("")
    w("/// The longest stored name, in bytes: a longer `\\N{...}` is refused unread.")
    w(f"pub const MAX_NAME_LEN: usize = {max(map(len, list(names) + list(aliases)))};")
    w("")
    w("/// Tokens below this index are written as one byte, the rest as two.")
    w(f"pub const ONE_BYTE_TOKENS: usize = {one_byte};")
    w("")
    w("/// Entries per block (a block starts with a whole name and code point).")
    w(f"pub const BLOCK_LEN: usize = {BLOCK_LEN};")
    w("")
    w("/// The names, sorted and front-coded (see `phrasebook.rs`).")
    w('pub static PHRASEBOOK: &[u8] = include_bytes!("names.bin");')
    w("")
    w("/// Byte offset in [`PHRASEBOOK`] of each block's first entry.")
    w(f"pub static BLOCK_STARTS: [u32; {len(block_starts)}] = [")
    for i in range(0, len(block_starts), 10):
        w("    " + " ".join(f"{v}," for v in block_starts[i:i + 10]))
    w("];")
    w("")
    w("/// The distinct name tokens, most frequent first, concatenated: each ends")
    w("/// at its first space or hyphen (`\"LATIN \"`, `\"IDEOGRAPH-\"`, `\"-\"`).")
    w(f"pub const LEXICON: &str = \"\\")
    for line in rust_str_lines(lexicon):
        w(line + "\\")
    w('";')
    w("")
    w("/// The CJK unified ideographs' ranges (`CJK UNIFIED IDEOGRAPH-4E00`), first")
    w("/// and last code point of each; their names are computed.")
    w(f"pub const CJK_UNIFIED_RANGES: [(u32, u32); {len(cjk)}] = [")
    for a, b in cjk:
        w(f"    (0x{a:X}, 0x{b:X}),")
    w("];")
    w("")
    w("/// The formal name aliases (NameAliases.txt), sorted by name.")
    w(f"pub const ALIASES: [(&str, u32); {len(aliases)}] = [")
    for name in sorted(aliases):
        w(f'    ("{name}", 0x{aliases[name]:04X}),')
    w("];")
    return "\n".join(out) + "\n"


def main():
    if sys.version_info[:2] != (3, 11) or unicodedata.unidata_version != "14.0.0":
        sys.exit("CPython 3.11 with Unicode 14.0.0 needed: \\N{} names differ between versions")
    names, cjk, aliases = collect()
    lexicon, one_byte, phrasebook, block_starts = build(names)
    text = render(names, cjk, aliases, lexicon, one_byte, phrasebook, block_starts)
    # The two lookups CPython's `\N{}` performs must agree with what was written.
    for name, cp in list(names.items()) + list(aliases.items()):
        assert unicodedata.lookup(name) == chr(cp), name
    if "--check" in sys.argv:
        old_text = open(TABLE_RS, encoding="utf-8").read() if os.path.exists(TABLE_RS) else ""
        old_bin = open(NAMES_BIN, "rb").read() if os.path.exists(NAMES_BIN) else b""
        if old_text != text or old_bin != phrasebook:
            sys.exit("table.rs / names.bin are out of date: rerun gen_unicode_names.py")
        print("table.rs and names.bin are current")
        return
    with open(TABLE_RS, "w", encoding="utf-8") as f:
        f.write(text)
    with open(NAMES_BIN, "wb") as f:
        f.write(phrasebook)
    print(f"{len(names)} names, {len(aliases)} aliases, {len(lexicon)} tokens; "
          f"table.rs {len(text)} bytes, names.bin {len(phrasebook)} bytes")


if __name__ == "__main__":
    main()
