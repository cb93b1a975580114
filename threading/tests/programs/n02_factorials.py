# Checks: factorials computed by a loop and by math.factorial agree up to 100!, digit sums and
# trailing zero counts of big results, and exact big-int division back down.
import math

def fact(n):
    result = 1
    for k in range(2, n + 1):
        result *= k
    return result

print(fact(20), fact(21), fact(25))
print(fact(100))
print(all(fact(n) == math.factorial(n) for n in range(101)))
f100 = fact(100)
print(sum(int(d) for d in str(f100)), len(str(f100)) - len(str(f100).rstrip("0")))
print(f100 // fact(98), fact(50) // fact(48) == 50 * 49, f100 % fact(99))
print(math.comb(100, 50), math.perm(20, 10))
