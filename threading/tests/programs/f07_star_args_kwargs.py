# Checks: *args and **kwargs in definitions (tuple and dict, kwargs in call order), mixed with
# positional and defaulted parameters, and forwarding both through a wrapper.
def report(title, *items, sep=", ", **options):
    line = title + ": " + sep.join(str(i) for i in items)
    if options:
        line += " " + str(options)
    return line

print(report("empty"))
print(report("nums", 1, 2, 3))
print(report("nums", 1, 2, sep=" | "))
print(report("opts", "a", color="red", size=3))
print(report(title="kw only"))

def show(*args, **kwargs):
    return type(args).__name__, args, type(kwargs).__name__, kwargs

print(show())
print(show(1, (2,), z=1, a=2))

def forward(*args, **kwargs):
    return report(*args, **kwargs)

print(forward("fwd", 9, 8, sep="-", flag=True))

def first_rest(first, *rest):
    return first, rest

print(first_rest(1), first_rest(1, 2, 3))
