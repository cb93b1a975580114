# Checks: long-running big-int loops: Fibonacci to 500 (a 105-digit number), a Collatz walk
# from a 40-digit start, and the greatest common divisor of big Fibonacci numbers.
import math

a, b = 0, 1
for _ in range(500):
    a, b = b, a + b
print(a)
print(len(str(a)), a % 1_000_000_007)

n = 3 ** 80 + 1
steps = 0
peak = n
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    peak = max(peak, n)
    steps += 1
print(steps, peak)

def fib(k):
    x, y = 0, 1
    for _ in range(k):
        x, y = y, x + y
    return x

print(math.gcd(fib(300), fib(200)) == fib(100), math.gcd(2 ** 100, 6 ** 50))
