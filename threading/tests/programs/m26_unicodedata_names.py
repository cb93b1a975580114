# Checks: unicodedata.lookup / name / unidata_version over the same table as "\N{...}": names
# in any case, aliases, computed CJK and Hangul names, name()'s default, and the errors (KeyError
# for an unknown or too long name, ValueError "no such name", TypeError for a non-character).
import unicodedata
print(unicodedata.unidata_version)
print(unicodedata.lookup("em dash"), unicodedata.lookup(b"BULLET"), ascii(unicodedata.lookup("NULL")))
print(unicodedata.name("—"), unicodedata.name("a"), unicodedata.name("\uac01"), unicodedata.name("\u4e00"))
print(unicodedata.name("\x00", None), unicodedata.name("\x00", 7))
print(unicodedata.name(chr(0x1F600)), unicodedata.name(chr(0x1A2)))
for bad in ["NOPE", "X" * 256, "X" * 257]:
    try:
        unicodedata.lookup(bad)
    except KeyError as e:
        print("KeyError", str(e)[:40])
for bad in [("ab",), (5,), ("\x00",)]:
    try:
        unicodedata.name(*bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    unicodedata.lookup(5)
except TypeError as e:
    print("TypeError", e)
print(all(unicodedata.lookup(unicodedata.name(chr(c))) == chr(c) for c in range(0x20, 0x3000) if unicodedata.name(chr(c), None)))
print(unicodedata.lookup("LATIN CAPITAL LETTER GHA") == "\N{LATIN CAPITAL LETTER GHA}", unicodedata.name("\N{LATIN CAPITAL LETTER GHA}"))
