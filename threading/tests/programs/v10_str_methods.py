# Checks: the str methods programs use beyond the basics: find/rfind/index (ValueError),
# replace with count, startswith/endswith with tuples, partition/rpartition, splitlines,
# title/capitalize/swapcase/casefold, center/ljust/rjust/zfill, count, is* predicates,
# strip with chars, removeprefix/removesuffix, split with maxsplit, rsplit, join errors.
s = "the cat sat on the mat"
print(s.find("at"), s.rfind("at"), s.find("dog"), s.index("sat"), s.count("at"), s.count("t", 5))
print(s.replace("at", "og", 2), s.startswith(("a", "th")), s.endswith("mat"), s.endswith("at", 0, 7))
print(s.partition(" "), s.rpartition(" "), "k=v=w".partition("="), "none".partition(":"))
print("a\nb\r\nc\n".splitlines(), "a\nb\n".splitlines(keepends=True), "".splitlines())
print(s.title(), "hELLO wORLD".swapcase(), "python rules".capitalize(), "Straße".casefold())
print("[" + "mid".center(9, "*") + "]", "x".ljust(3, "."), "7".rjust(3), "-42".zfill(6), "42".zfill(5))
print("123".isdigit(), "abc".isalpha(), "a1".isalnum(), " \t".isspace(), "ABC".isupper(), "Ab".istitle())
print("xxhixx".strip("x"), "  lead".lstrip(), "trail  ".rstrip() + "|", "www.site.com".lstrip("w."))
print("test_case.py".removesuffix(".py"), "unittest".removeprefix("unit"), "abc".removeprefix("x"))
print("a,b,c,d".split(",", 2), "a,b,c,d".rsplit(",", 1), "  a  b  ".split(), "a b".split(" ", 0))
try:
    s.index("dog")
except ValueError as e:
    print("ValueError:", e)
try:
    ", ".join(["a", 1])
except TypeError as e:
    print("TypeError:", e)
print("-".join("abc"), "tab\tstop".expandtabs(4), "ab" * 3, "%".join(["1", "2"]))
