# Checks: indexing and start:stop slices (negative and omitted bounds, out of range) on list, str, tuple.
xs = [10, 20, 30, 40, 50]
s = "hello world"
t = (1, 2, 3, 4)
print(xs[0], xs[-1], xs[-2], s[0], s[-1], t[-4])
print(xs[1:3], xs[-3:-1], xs[:2], xs[3:], xs[:], xs[-2:])
print(xs[3:1], xs[10:20], xs[-100:2], xs[2:100])
print(s[0:5], s[-5:], s[:-6], s[6:-1], s[4:4])
print(t[1:3], t[-1:], t[:0])
print(xs[len(xs) - 1], s[len(s) // 2])
ys = xs[1:4]
ys.append(99)
print(xs, ys)
print("abc"[1:2] + "abc"[-1], [[1, 2], [3]][0][1])
