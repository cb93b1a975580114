# Checks: lambda in sort keys, map/filter, with defaults and *args, immediately invoked,
# returning tuples, nested lambdas, conditional expressions in the body; __name__ is <lambda>.
people = [("ann", 31), ("bob", 25), ("cy", 31), ("dee", 19)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(list(map(lambda p: p[0].title(), people)))
print(list(filter(lambda p: p[1] > 20, people)))
power = lambda base, exp=2: base ** exp
print(power(3), power(2, 10))
print((lambda *args, **kw: (args, kw))(1, 2, k=3))
print((lambda: "called at once")())
compose = lambda f, g: lambda x: f(g(x))
inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5))
sign = lambda n: "neg" if n < 0 else ("zero" if n == 0 else "pos")
print([sign(n) for n in (-2, 0, 7)])
print(power.__name__, max(people, key=lambda p: len(p[0])))
