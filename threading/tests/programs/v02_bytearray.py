# Checks: bytearray is the mutable bytes: append, extend, item and slice assignment, del,
# insert, pop, +=, reverse; repr as bytearray(b'...'); conversion to and from bytes; bytes
# stays immutable (TypeError).
buf = bytearray(b"hello")
buf[0] = ord("J")
buf.append(33)
buf.extend(b" ok")
print(buf, len(buf))
buf[1:5] = b"ELLY"
del buf[-3:]
buf.insert(0, 62)
print(buf, buf.pop(), buf.pop(0), buf)
buf += b"?"
buf.reverse()
print(buf, bytes(buf), bytearray(3), bytearray(range(3)))
print(buf.decode(), buf.upper(), buf.find(b"L"), list(buf[:2]))
b = b"frozen"
try:
    b[0] = 70
except TypeError as e:
    print("TypeError:", e)
try:
    buf.append(300)
except ValueError as e:
    print("ValueError:", e)
copy = bytearray(b)
copy[0] = ord("F")
print(b, copy, copy == b"Frozen", bytes(copy) == b"Frozen")
