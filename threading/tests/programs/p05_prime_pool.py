# Checks: counting primes in ranges with a ThreadPoolExecutor: map over chunk bounds, results
# in chunk order, the total matches a sieve, and a future per chunk gives the same answer.
from concurrent.futures import ThreadPoolExecutor

def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    f = 3
    while f * f <= n:
        if n % f == 0:
            return False
        f += 2
    return True

def count_primes(bounds):
    lo, hi = bounds
    return sum(1 for n in range(lo, hi) if is_prime(n))

def sieve(limit):
    flags = [True] * limit
    flags[0] = flags[1] = False
    for i in range(2, int(limit ** 0.5) + 1):
        if flags[i]:
            flags[i * i::i] = [False] * len(range(i * i, limit, i))
    return sum(flags)

chunks = [(i, i + 2500) for i in range(0, 20000, 2500)]
with ThreadPoolExecutor(max_workers=4) as pool:
    per_chunk = list(pool.map(count_primes, chunks))
    futures = [pool.submit(count_primes, c) for c in chunks]
print(per_chunk, sum(per_chunk), sieve(20000))
print([f.result() for f in futures] == per_chunk)
