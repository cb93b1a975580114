# Checks: bytes operations: construction from lists/ranges/str+encoding, hex/fromhex,
# decode/encode of UTF-8, split/join/strip/replace/startswith/find/count/upper, slicing and
# stepping, and errors (non-int items, values out of range, decoding bad UTF-8).
raw = bytes([72, 105, 33])
print(raw, bytes(range(65, 70)), "héllo".encode(), "héllo".encode("utf-8").decode("utf-8"))
print(b"\x00\xffAB".hex(), bytes.fromhex("de ad be ef"), b"abc".hex())
line = b"  key=value; other=1  "
print(line.strip(), line.split(b";"), b",".join([b"a", b"b"]), line.replace(b"=", b":"))
print(b"hello".startswith(b"he"), b"hello".find(b"l"), b"hello".count(b"l"), b"Hi".upper())
print(b"abcdef"[::2], b"abcdef"[::-1], b"abc"[1], b"abc"[-1:], bytes(b"copy"))
print(b"a b  c".split(), b"x".join([b"1", b"2", b"3"]), b"%d:%s" % (5, b"ok"))
print(len("€".encode()), list("€".encode()), b"\xe2\x82\xac".decode())
for bad in [lambda: bytes([256]), lambda: bytes(["a"]), lambda: b"\xff".decode(), lambda: b"a" + "b"]:
    try:
        bad()
    except (ValueError, TypeError, UnicodeDecodeError) as e:
        print(type(e).__name__ + ":", e)
print(b"abc" == b"abc", b"abc" < b"abd", b"a" in b"cat", b"" in b"x", isinstance(b"", bytes))
