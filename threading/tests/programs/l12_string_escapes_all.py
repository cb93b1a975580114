# Checks: every str escape CPython has but \N{name} (which l31_unicode_names covers):
# \a \b \f \v \0 \ooo \xhh \uhhhh \Uhhhhhhhh, a backslash-newline inside a string, and their reprs
# (printable vs escaped characters).
s = "\a\b\f\v\0"
print(repr(s), [ord(c) for c in s])
print("\101\x42\u0043\U00000044")
print(repr("\x7f\x80\xa0\xad\u200b"))
print("\u2022 \u2014")
print("one \
two")
print(repr("\r\n\t\\'\""))
print(len("\U00002603"), "\u2603" == "\U00002603")
print(repr('\''), repr("\""), repr("'\""))
