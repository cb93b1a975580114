# Checks: list append, pop, + and *, in, indexing, item assignment, slicing, len; aliasing.
xs = []
for i in range(5):
    xs.append(i * i)
print(xs, len(xs))
print(xs.pop(), xs)
print(xs.pop(0), xs)
last = xs.pop()
print(last, xs)
ys = xs + [100, 200]
print(ys, xs)
print([0] * 4, [1, 2] * 2, [] * 3)
grid = [[0] * 3 for _ in range(2)]
grid[0][1] = 5
print(grid)
shared = [[0] * 2] * 2
shared[0][0] = 9
print(shared)
ys[1] = "changed"
ys[-1] = None
print(ys)
stack = [1, 2, 3]
while len(stack) > 0:
    print("popped", stack.pop())
try:
    stack.pop()
except IndexError as e:
    print("caught", e)
try:
    ys[10] = 1
except IndexError as e:
    print("caught", e)
nested = [1, [2, 3]]
nested[1].append(4)
print(nested, 3 in nested[1], [2, 3, 4] in nested)
