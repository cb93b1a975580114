# Checks: comments (full-line and trailing), blank lines anywhere, line continuation inside
# brackets (lists, calls, dicts, parenthesised expressions), deep indentation.

total = (1 +   # trailing comment inside brackets
         2 +

         3)
print(total)  # trailing comment
xs = [
    1,
    2,
    3,
]
d = {
    "a": 1,
    "b": 2
}
print(xs, d)
print(
    "call",
    "spread",
    sep="-"
)


def deep(n):
    if n > 0:
        if n > 1:
            if n > 2:
                # comment at depth
                return "deep"

            return "mid"
        return "shallow"
    return "none"
print(deep(3), deep(2), deep(1), deep(0))
# a comment on the last line
