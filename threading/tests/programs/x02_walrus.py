# Checks: assignment expressions (:=) in if and while conditions, in comprehension conditions
# (binding leaks to the enclosing scope), in function arguments, and their value.
data = [4, 8, 15, 16, 23, 42]
if (n := len(data)) > 5:
    print("long list of", n)
stack = list(data)
while (top := stack.pop()) > 15:
    print("popped", top)
print("stopped at", top, "left", stack)
evens = [y for x in data if (y := x * 2) > 30]
print(evens, y)
print((z := 10) + z, z)
def lengths(words):
    return [(w, size) for w in words if (size := len(w)) > 2]
print(lengths(["a", "abc", "abcd"]))
total = 0
values = iter([3, 4, 0, 5])
while (v := next(values)) != 0:
    total += v
print(total, print(w := "printed"), w)
