# Checks: the str escapes CPython has (but \N{name}, which l31_unicode_names covers):
# \a \b \f \v \0 \ooo \xhh \uhhhh \Uhhhhhhhh, a backslash-newline inside a string, and their
# reprs (printable vs escaped characters).
s = "\a\b\f\v\0"
print(repr(s), [ord(c) for c in s])
print("\101\x42\u0043\U00000044", "\1\12\123" == "\x01\n\x53")
print(repr("\x7f\x80\xa0\xad\u200b\u2028\U0001F600"))
print("\u2022 \u2014", "\u2603" == "\U00002603")
print("one \
two")
print(repr("\r\n\t\\'\""))
print(repr('\''), repr("\""), repr("'\""))
print(len("\x00\uffff\U0010ffff"), repr("\x00\uffff\U0010ffff"))
print("\xa0".isprintable(), "a b".isprintable(), "\u2028x".isprintable(), "".isprintable(), "\U0001F600".isprintable())
