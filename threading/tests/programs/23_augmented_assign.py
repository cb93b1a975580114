# Checks: += -= *= /= //= %= on ints, floats, strs, lists, dict items and list items;
# list += extends in place (an alias sees it).
n = 10
n += 5
print(n)
n -= 3
print(n)
n *= 4
print(n)
n //= 5
print(n)
n %= 4
print(n)
n /= 2
print(n)
f = 1.5
f *= 2
f -= 0.5
print(f)
s = "ab"
s += "cd"
s *= 2
print(s)
xs = [1]
alias = xs
xs += [2, 3]
print(xs, alias, xs is alias)
xs = xs + [4]
print(xs, alias)
d = {"k": 1}
d["k"] += 10
d["k"] *= 2
print(d)
ys = [5, 6]
ys[0] -= 1
ys[-1] %= 4
print(ys)
m = -7
m //= 2
print(m)
