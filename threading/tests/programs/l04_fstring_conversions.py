# Checks: f-string conversions !r !s !a, the self-documenting = form (with spacing and
# specs kept), nested format specs {x:{width}.{prec}f}, and expressions with quotes inside.
name = "Zoë"
items = [1, "two", 3.0]
print(f"{name!r} {name!s} {name!a}")
print(f"{items!r} {items!s}")
width, prec = 10, 3
value = 3.14159265
print(f"[{value:{width}.{prec}f}]")
print(f"[{value:>{width}}]")
print(f"[{name:^{width}}]")
print(f"{value=}")
print(f"{value = }")
print(f"{value=:.2f}")
print(f"{name=!s}")
print(f"{width + prec=}")
print(f"{items[1]=}")
d = {"key": 42}
print(f"{d['key']} {d['key']=}")
print(f"{'nested ' + name}")
print(f"{3 * 4:>{width}d}|{'x':*<5}|")
fill = "0"
print(f"{42:{fill}>8}")
print(f"{{literal}} {value:.1e} {255:#x} {255:#010b}")
