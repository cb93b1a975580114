# Checks: every str escape CPython has: \a \b \f \v \0 \ooo \xhh \uhhhh \Uhhhhhhhh, \N{name},
# a backslash-newline inside a string, and their reprs (printable vs escaped characters).
s = "\a\b\f\v\0"
print(repr(s), [ord(c) for c in s])
print("\101\x42\u0043\U00000044")
print(repr("\x7f\x80\xa0\xad\u200b"))
print("\N{BULLET} \N{EM DASH}")
print("one \
two")
print(repr("\r\n\t\\'\""))
print(len("\N{SNOWMAN}"), "\u2603" == "\N{SNOWMAN}")
print(repr('\''), repr("\""), repr("'\""))
