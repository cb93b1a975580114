# Checks: str join, split (whitespace and explicit separator), strip, upper, lower, + * in, indexing.
words = ["alpha", "beta", "gamma"]
print(", ".join(words), "".join(["a", "b"]), "-".join("xyz"), "|".join([]))
print("a b  c\td\n".split(), "  lead trail  ".split())
print("a,b,,c".split(","), "k=v".split("="), "none".split(","), "".split(","), "".split())
print("a::b::c".split("::"))
print("[" + "  pad  ".strip() + "]", "[" + "\t\n x \n".strip() + "]", "[" + "".strip() + "]")
print("MiXeD 123".upper(), "MiXeD 123".lower())
print("ab" * 3, "ab" * 0, 2 * "xy", "-" * 10)
print("ell" in "hello", "z" not in "hello")
s = "python"
print(s[0], s[-1], s[1:4], len(s))
line = "  name = MiniPy  "
key, value = line.split("=")
print("[" + key.strip() + "]", "[" + value.strip().lower() + "]")
print(" ".join([w.upper() for w in "make me loud".split()]))
print("a" + "b" + str(1) + str(2.0))
try:
    "abc"[3]
except IndexError as e:
    print("caught", e)
