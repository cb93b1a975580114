# Checks: ord/chr, bin/hex/oct, divmod, abs, pow, repr of built-in values, format() with specs,
# type() and its repr, id() only compared (never printed), and the error messages of ord/chr.
print(ord("A"), ord("é"), chr(97), chr(0x1F600) == "\U0001F600", [chr(c) for c in range(72, 75)])
print(bin(10), hex(-255), oct(64), divmod(17, 5), divmod(-17, 5), abs(-3.5), pow(2, 8))
print(repr(None), repr(True), repr(1.0), repr("it's"), repr([1, "a"]), repr((1,)), repr({}))
print(format(3.14159, ".2f"), format(42, "^7"), format("x", ">3"), format(1234567, ","), format(0.5, "%"))
print(type(1), type("s"), type([]), type(None), type(print), type(len) is type(abs))
x = [1]
y = x
print(id(x) == id(y), id(x) == id([1]), x is y)
for bad in [lambda: ord("ab"), lambda: ord(""), lambda: chr(-1), lambda: chr(0x110000)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print(len("four"), len([1, 2]), len({1: 2}), len(range(0, 10, 3)), len(b"xy"))
