# Checks: matrix multiplication with one thread per row block; each thread writes only its
# own rows of the result (no lock needed); the product equals the single-threaded one and
# the identity matrix leaves a matrix unchanged.
import threading

def make(n, seed):
    return [[(seed * (i + 1) + j * 7) % 10 for j in range(n)] for i in range(n)]

def multiply_rows(a, b, out, rows):
    n = len(b[0])
    for i in rows:
        out[i] = [sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(n)]

def threaded_product(a, b, blocks):
    out = [None] * len(a)
    size = (len(a) + blocks - 1) // blocks
    workers = [threading.Thread(target=multiply_rows, args=(a, b, out, range(s, min(s + size, len(a)))))
               for s in range(0, len(a), size)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return out

a, b = make(12, 3), make(12, 5)
expected = [None] * 12
multiply_rows(a, b, expected, range(12))
result = threaded_product(a, b, 4)
identity = [[int(i == j) for j in range(12)] for i in range(12)]
print(result == expected, threaded_product(a, identity, 3) == a)
print(result[0], sum(map(sum, result)))
