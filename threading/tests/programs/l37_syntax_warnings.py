# Checks: CPython's compile-time SyntaxWarnings, printed on stderr before the program
# runs (and in a thread's worker too): `is` with a literal, a missing comma between
# tuples of thread arguments, a list indexed by a tuple, a set subscripted; every
# one shown even when two alike share a line; the program then runs on.
import threading

results = []


def worker(n, tag):
    # Both tests are literal identities whose answer does not depend on
    # interning here: a non-empty tag is never "", 2 and 3 are never 1.
    if tag is "":
        results.append((n, "empty"))
    elif n is not 1:
        results.append((n, tag))


jobs = [(2, "even"), (3, "odd")]
threads = [threading.Thread(target=worker, args=job) for job in jobs]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results))


def missing_commas():
    try:
        return [(1, "a") (2, "b")]
    except TypeError as e:
        return f"TypeError: {e}"


def indexed():
    try:
        return [[1, 2] [0, 1]]
    except TypeError as e:
        return f"TypeError: {e}"


print(missing_commas())
print(indexed())
try:
    {1, 2}[0]
except TypeError as e:
    print("TypeError:", e)
x = 5; print(x is 5, x is 5)
