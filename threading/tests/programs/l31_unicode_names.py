# Checks: "\N{NAME}" escapes: character names in any case, formal aliases (corrections and
# control-character names), the computed CJK and Hangul names, in plain, triple-quoted and
# f-string literals (the braces of \N{...} are not a field); raw strings keep \N{...} as written
# and bytes keep \N as an unknown escape.
print("\N{LATIN SMALL LETTER A}\N{EM DASH}\N{BULLET}")
print("\N{latin small letter a}", "\N{Em Dash}" == "\u2014")
print(ascii("\N{LATIN CAPITAL LETTER GHA}\N{latin small letter gha}"))
print([ord(c) for c in "\N{NULL}\N{NUL}\N{LINE FEED}\N{BEL}\N{ALERT}\N{DEL}\N{NBSP}\N{ZWJ}"])
print([ord(c) for c in "\N{VS1}\N{VS256}\N{BYTE ORDER MARK}\N{zwnbsp}\N{PRIVATE USE-1}"])
print(ascii("\N{CJK UNIFIED IDEOGRAPH-4E00}\N{CJK UNIFIED IDEOGRAPH-20000}\N{CJK UNIFIED IDEOGRAPH-3134A}"))
print(ascii("\N{HANGUL SYLLABLE GA}\N{HANGUL SYLLABLE GAG}\N{HANGUL SYLLABLE A}\N{HANGUL SYLLABLE HIH}"))
print(ascii("\N{CJK COMPATIBILITY IDEOGRAPH-F900}\N{cjk compatibility ideograph-2fa1d}"))
print(ascii("\N{TIBETAN MARK BSKA- SHOG GI MGO RGYAN}\N{TIBETAN LETTER -A}\N{HANGUL JONGSEONG YESIEUNG-KIYEOK}"))
print("""triple: \N{BLACK STAR}
second line: \N{WHITE STAR}""")
x = 42
width = 7
print(f"\N{EM DASH}{x}\N{EM DASH}")
print(f"{x:\N{FULL BLOCK}>{width}}|{x!r:\N{MIDDLE DOT}^9}|")
print(f"{{\N{LEFT CURLY BRACKET}}}")
print(r"\N{EM DASH}", rb"\N{EM DASH}", len(r"\N{EM DASH}"))
print(b"\N{EM DASH}", len(b"\N{EM DASH}"))
print(fr"\N{x}")
print("\\N{EM DASH}", "\N{REVERSE SOLIDUS}N")
print("a" "\N{PLUS SIGN}" 'b' f"\N{EQUALS SIGN}{x}")
def shout(word):
    return f"{word.upper()}\N{EXCLAMATION MARK}"
print(shout("hi"), "\N{EXCLAMATION MARK}" * 3)
print(ascii("\N{GREEK SMALL LETTER ALPHA}\N{MATHEMATICAL BOLD CAPITAL A}\N{GRINNING FACE}"))
