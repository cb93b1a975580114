# expect-line: 7
# construct: generator
# A generator function (yield).
def countdown(n):
    print("start")
    while n > 0:
        yield n
        n -= 1

print(list(countdown(3)))
