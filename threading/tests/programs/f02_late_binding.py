# Checks: closures created in a loop see the loop variable's final value (late binding);
# the default-argument idiom and a factory function capture each value instead; lambdas
# behave the same as defs.
adders = []
for i in range(3):
    adders.append(lambda x: x + i)
print([f(10) for f in adders])

bound = [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in bound])

def make_adder(n):
    return lambda x: x + n

factory = [make_adder(i) for i in range(3)]
print([f(10) for f in factory])

def defs():
    fns = []
    for name in ["a", "b"]:
        def hello():
            return "hello " + name
        fns.append(hello)
    return fns

print([f() for f in defs()])
