# Checks: for/else and while/else: the else runs when the loop ends normally (also when it
# never iterates) and is skipped on break; continue does not skip it; nested loops with
# else; a search idiom.
def find(items, target):
    for i, item in enumerate(items):
        if item == target:
            print("  found at", i)
            break
    else:
        print("  not found")
        return -1
    return i

print(find([3, 5, 7], 5), find([3, 5, 7], 9), find([], 1))
n = 0
while n < 3:
    n += 1
    if n == 2:
        continue
else:
    print("while finished with n =", n)
while True:
    break
else:
    print("never printed")
for prime_candidate in range(10, 20):
    for d in range(2, prime_candidate):
        if prime_candidate % d == 0:
            break
    else:
        print("prime", prime_candidate)
