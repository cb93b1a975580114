# Checks: closures keep their own cell per call of the enclosing function; nonlocal rebinds
# the enclosing variable; two closures of one call share a cell; a cell read after the
# enclosing function changed it sees the new value.
def make_counter(start=0):
    count = start

    def increment(step=1):
        nonlocal count
        count += step
        return count

    def peek():
        return count

    return increment, peek

inc_a, peek_a = make_counter()
inc_b, peek_b = make_counter(100)
print(inc_a(), inc_a(), inc_a(5), peek_a())
print(inc_b(), peek_b(), peek_a())

def late():
    value = "before"
    def show():
        return value
    value = "after"
    return show

print(late()())

def accumulate():
    total = []
    def add(x):
        total.append(x)
        return sum(total)
    return add

acc = accumulate()
print([acc(x) for x in [1, 2, 3, 4]])
print(inc_a.__name__, inc_a.__qualname__)
