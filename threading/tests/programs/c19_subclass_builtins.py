# Checks: subclassing list and dict: inherited methods and repr, an overridden method calling
# super(), extra attributes on the instance, and dict.__missing__ for a counting dict.
class Stack(list):
    def push(self, item):
        self.append(item)

    def peek(self):
        return self[-1]

    def append(self, item):
        print("  append", item)
        super().append(item)

s = Stack([1])
s.push(2)
s.push(3)
print(s, len(s), s.peek(), s.pop(), s, isinstance(s, list))
s.label = "mine"
print(s.label, type(s).__name__, s + [9], type(s + [9]).__name__)

class Tally(dict):
    def __missing__(self, key):
        return 0

t = Tally()
for word in "a b a c b a".split():
    t[word] = t[word] + 1
print(t, t["zzz"], "zzz" in t, len(t))

class Defaults(dict):
    def __init__(self, **kwargs):
        super().__init__(kwargs)
        self.reads = 0

    def __getitem__(self, key):
        self.reads += 1
        return super().__getitem__(key)

d = Defaults(x=1, y=2)
print(d["x"] + d["y"], d.reads, d, sorted(d.items()))
