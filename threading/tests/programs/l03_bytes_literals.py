# Checks: bytes literals b"" with escapes (\x, \n, \\, octal), their repr (CPython picks quotes
# and escapes non-printables), indexing gives ints, iteration, comparisons and concatenation.
data = b"GET / HTTP/1.0\r\n\r\n"
print(data)
print(len(data), data[0], data[-1], data[:3])
print(b'\x00\x01\x7f\x80\xff')
print(b"it's", b'say "hi"', b'both \' and "')
print(b"\101\102\103", b"\t\\")
print(list(b"abc"), [c for c in b"hi"])
print(b"ab" + b"cd", b"-" * 5, b"ab" < b"b", b"" == bytes())
print(b"ell" in b"hello", 104 in b"hello")
print(type(b"").__name__, bytes(3), bytes([65, 66]))
