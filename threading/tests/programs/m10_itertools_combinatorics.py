# Checks: itertools.product (several iterables and repeat=), permutations (full and r),
# combinations, with their lexicographic orders and counts.
import itertools

print(list(itertools.product("ab", [0, 1])))
print(list(itertools.product([0, 1], repeat=3)))
print(list(itertools.permutations([1, 2, 3])))
print(list(itertools.permutations("abcd", 2)))
print(list(itertools.combinations(range(5), 3)))
print(len(list(itertools.permutations(range(6)))), len(list(itertools.combinations(range(10), 4))))
print(list(itertools.combinations("ab", 3)), list(itertools.product()))
