# Checks: list, set and dict comprehensions with several for and if clauses (left to right
# like nested loops), nested comprehensions, conditional expressions inside, comprehension
# variables not leaking, and int sets from set comprehensions printing in CPython's order.
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([x for row in matrix for x in row if x % 2])
print([[row[i] for row in matrix] for i in range(3)])
print([(i, j) for i in range(4) if i % 2 == 0 for j in range(i) if j != 1])
print({x % 7 for x in range(100, 120)})
print({n * 37 % 101 for n in range(12)})
print({k: v for k, v in zip("abc", range(3)) if v})
print({w: len(w) for w in ["apple", "kiwi", "fig"] if len(w) > 3})
print(["even" if n % 2 == 0 else "odd" for n in range(4)])
grid = {(r, c): r * c for r in range(3) for c in range(3) if r <= c}
print(grid)
x = "unchanged"
_ = [x for x in range(5)]
print(x)
words = ["ab", "cd"]
print([c.upper() for w in words for c in w], [[c for c in w] for w in words])
print(sorted({len(w) for w in "the quick brown fox jumps".split()}))
