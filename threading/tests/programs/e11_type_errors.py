# Checks: CPython 3.11's TypeError messages for common mistakes, as str(e): bad operand
# types, str concatenation, subscripting/iterating/calling the wrong things, unhashable keys,
# ordering incomparable values, len() of an int, item assignment on str, int() of a list.
five, nothing, text = 5, None, "abc"
cases = [
    lambda: 1 + "2",
    lambda: "2" + 1,
    lambda: [1] + (2,),
    lambda: five[0],
    lambda: nothing[0],
    lambda: [x for x in 5],
    lambda: nothing(),
    lambda: text(),
    lambda: {[1]: 2},
    lambda: {1, 2} < [1],
    lambda: 1 < "a",
    lambda: None > None,
    lambda: len(5),
    lambda: int([1]),
    lambda: -"x",
    lambda: ~1.5,
    lambda: "a" * 2.0,
    lambda: [1, 2][text],
    lambda: {}.get(),
    lambda: abs("x"),
    lambda: sum(["a", "b"]),
    lambda: "x".join(1),
    lambda: divmod(1, "2"),
    lambda: range(1.5),
]
for case in cases:
    try:
        case()
        print("no error")
    except TypeError as e:
        print("TypeError:", e)
s = "abc"
try:
    s[0] = "x"
except TypeError as e:
    print("TypeError:", e)
