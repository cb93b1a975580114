# Checks: printf-style formatting of bytes and bytearray (PEP 461): %s/%b take bytes-like
# objects or __bytes__, %r/%a give ASCII reprs, %c takes an int or one byte, numbers as ASCII,
# %(key)s with bytes keys, widths (text right-aligned unless '-'), bytearray % gives a bytearray,
# and CPython's TypeError/OverflowError messages; the concatenation errors of bytes.
class Token:
    def __bytes__(self):
        return b"<tok>"


print(b"%s|%b|%5s|%-5s|" % (b"ab", bytearray(b"cd"), b"r", b"l"))
print(b"%r %a %c%c %d %05.1f %x" % ("\u00e9", "x", 65, b"B", -7, 2.25, 255))
print(b"%(name)s=%(n)d" % {b"name": b"key", b"n": 3}, b"%s" % Token(), b"%%")
print(bytearray(b"[%s]") % b"in", type(bytearray(b"%d") % 1).__name__)
print("%5s|%-5s|%3c|%-3c|" % ("r", "l", "x", "y"), "%s" % b"raw", "%r" % bytearray(b"z"))
for fmt, args in [(b"%s", "text"), (b"%c", 256), (b"%c", b"ab"), (b"%d", b"1"), (b"%z", 1),
                  (b"%s %s", (b"1",)), (b"%s", (b"1", b"2"))]:
    try:
        print(fmt % args)
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__ + ":", e)
for a, b in [(b"x", "s"), (bytearray(b"x"), "s"), (b"x", 1), (bytearray(b"x"), [1])]:
    try:
        a + b
    except TypeError as e:
        print("TypeError:", e)
