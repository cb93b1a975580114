# Checks: explicit backslash line continuation in expressions, conditions, assignments and
# with statements; continuation inside brackets needs no backslash; a comment after code.
total = 1 + \
    2 + \
    3
print(total)
if total > 5 and \
   total < 10:
    print("in range")
first, second = \
    "a", "b"
print(first, second)
message = "one " \
          "two " \
          "three"
print(message)
values = [
    1, 2,  # a trailing comment inside brackets
    3,
]
print(sum(values), \
      len(values))
def add(a,
        b):
    return a + \
        b
print(add(
    4,
    5))
