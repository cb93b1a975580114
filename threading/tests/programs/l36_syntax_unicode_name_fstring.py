# Checks: an unknown \N{...} name in an f-string's literal text: the span counts from the
# start of that piece of text (after the field), the caret sits just past the literal.
x = 1
print("never printed")
print(f"naïve {x} \N{EM DASHH}")
