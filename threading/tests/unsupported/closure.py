# expect-line: 10
# construct: closure
# An inner function that reads a local variable of its enclosing function (a closure).
# The line is the line of the free-variable use; naming the inner `def` (line 9) as well is fine.
def make_adder(n):
    # A nested def that used only its own names and globals would not need a closure;
    # this one reads `n`, a local of make_adder.
    total = n * 2
    def add(x):
        return x + total
    return add

print(make_adder(1)(2))
