# Checks: how strings are quoted inside containers (CPython repr rules):
# ' by default, " when the text holds ' but no ", escaped \' when it holds both,
# and \n \t \\ shown as escapes.
print(["plain"])
print(["it's"])
print(['say "hi"'])
print(["it's \"both\""])
print(["a\nb", "c\td", "e\\f"])
print(("x",))
print({"k": "it's"})
print({"it's": 'q"q'})
print(str(["nested", ["it's", ("t", "u")]]))
print(str("top-level strings are not quoted"))
print([""])
print(["'"])
print(['"'])
print(["'\""])
