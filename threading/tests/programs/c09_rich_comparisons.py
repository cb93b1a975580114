# Checks: __eq__, __lt__, __le__, __gt__, __ge__ on a class: sorted(), min/max, ==/!= (with
# the reflected fallback), and NotImplemented giving CPython's TypeError message.
class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split("."))

    def __repr__(self):
        return "v" + ".".join(str(p) for p in self.parts)

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts == other.parts

    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts < other.parts

    def __le__(self, other):
        return self == other or self < other

    def __gt__(self, other):
        return other < self

    def __ge__(self, other):
        return other <= self

vs = [Version("1.10"), Version("1.2"), Version("1.2.1"), Version("0.9")]
print(sorted(vs), min(vs), max(vs))
print(Version("2.0") == Version("2.0"), Version("2.0") != Version("2.0.0"))
print(Version("1.0") < Version("1.0.1"), Version("3") >= Version("2.9"), Version("1") > Version("1"))
print(Version("1") == "1", "1" != Version("1"))
try:
    Version("1") < 3
except TypeError as e:
    print("TypeError:", e)
print(sorted(vs, reverse=True))
