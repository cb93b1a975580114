# Checks: doubled braces {{ }} in f-strings print literal braces (part of Python's f-string
# syntax; MINIPY.md does not mention it explicitly), next to fields with specs.
v = 7
print(f"{{}}")
print(f"{{v}} = {v}")
print(f"{{{v}}}")
print(f"set-like {{{v:>3}}}")
print(f"{{" + "}}")
name = "x"
print(f"{{{name}}} {{{{}}}} {len('{}')}")
print(f"{{a}}{v:<3}{{b}}")
