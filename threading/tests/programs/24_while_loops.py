# Checks: while loops with break/continue/pass, nested loops, loop counters.
i = 0
total = 0
while i < 10:
    i += 1
    if i % 2 == 0:
        continue
    if i > 7:
        break
    total += i
print(i, total)
n = 27
steps = 0
while n != 1:
    if n % 2 == 0:
        n = n // 2
    else:
        n = 3 * n + 1
    steps += 1
print("collatz steps", steps)
i = 0
while True:
    i += 1
    if i == 3:
        pass
    elif i == 5:
        break
print(i)
a = 0
while a < 3:
    b = 0
    while b < 3:
        if b == a:
            break
        print(a, b)
        b += 1
    a += 1
while False:
    print("never")
