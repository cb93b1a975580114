# expect-line: 8
# construct: nonlocal
# A nonlocal declaration (which also needs a closure).
def outer():
    count = 0

    def bump():
        nonlocal count
        count += 1

    bump()
    return count

print(outer())
