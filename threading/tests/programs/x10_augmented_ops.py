# Checks: every augmented assignment operator (+= -= *= /= //= %= **= <<= >>= &= |= ^=) on ints
# (including overflow into big ints), floats, strings, lists (in place: aliases see it),
# tuples (rebinding: aliases do not), sets and dicts (|=), and on attributes and subscripts.
n = 7
for op in ["+=", "-=", "*=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^="]:
    v = n
    if op == "+=": v += 3
    elif op == "-=": v -= 3
    elif op == "*=": v *= 3
    elif op == "//=": v //= 3
    elif op == "%=": v %= 3
    elif op == "**=": v **= 3
    elif op == "<<=": v <<= 3
    elif op == ">>=": v >>= 1
    elif op == "&=": v &= 3
    elif op == "|=": v |= 8
    elif op == "^=": v ^= 5
    print(op, v)
f = 1.5
f /= 2
f **= 2
print(f)
big = 2 ** 62
big *= 4
big += 2 ** 62
print(big)
s = "ab"
s *= 3
s += "!"
print(s)
lst = [1]
alias = lst
lst += [2]
lst *= 2
tup = (1,)
talias = tup
tup += (2,)
print(lst, alias, tup, talias)
st = {1, 2}
st |= {3}
st &= {2, 3, 4}
st -= {2}
st ^= {5}
dct = {"a": 1}
dct |= {"b": 2}
print(st, dct)
class C:
    count = 0
c = C()
c.count += 1
data = {"k": [0]}
data["k"][0] -= 5
print(c.count, C.count, data)
