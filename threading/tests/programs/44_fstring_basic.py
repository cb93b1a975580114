# Checks: f-strings with plain {expr} (names, arithmetic, calls, subscripts, method calls),
# both quote styles, and values of every printable type.
name = "Ada"
n = 3
xs = [1, 2, 3]
d = {"k": "v"}
print(f"hello {name}")
print(f'{n} + {n} = {n + n}')
print(f"{len(xs)} items, first {xs[0]}, last {xs[-1]}")
print(f"{d['k']} and {name.upper()} and {name.lower()}")
print(f"{xs} {d} {(1,)} {None} {True} {1.5} {0.1 + 0.2} {1e16}")
print(f"{'nested quote'}")
print(f"no fields")
print(f"{n}{n}{n}")
print(f"{n * 2 if n > 2 else 0}")
print(f"{'-'.join(['a', 'b'])}")
print(f"tab\there {name}\n second line")
print(f'{xs[1:]} {[name + "!"]}')
