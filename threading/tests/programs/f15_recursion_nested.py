# Checks: a nested function that recurses through its own closure name, mutual recursion of
# two nested functions, and recursion with an accumulator parameter and a default.
def flatten(tree):
    out = []
    def walk(node, depth=0):
        if isinstance(node, list):
            for child in node:
                walk(child, depth + 1)
        else:
            out.append((node, depth))
    walk(tree)
    return out

print(flatten([1, [2, [3, [4]], 5], [[6]]]))

def parity(n):
    def is_even(k):
        return True if k == 0 else is_odd(k - 1)
    def is_odd(k):
        return False if k == 0 else is_even(k - 1)
    return is_even(n), is_odd(n)

print(parity(10), parity(7))

def permutations(items, prefix=()):
    if not items:
        return [prefix]
    found = []
    for i, item in enumerate(items):
        found += permutations(items[:i] + items[i + 1:], prefix + (item,))
    return found

print(permutations([1, 2, 3]))
