# expect-line: 6
# construct: \N{NAME}
# kind: NotImplementedError
# when: compile
print("before the escape")
print("a bullet: \N{BULLET}")
