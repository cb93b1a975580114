# expect-line: 7
# construct: compile
# kind: NotImplementedError
# when: run
# The compile() builtin.
print("before")
code = compile("x = 1", "<string>", "exec")
print(type(code).__name__)
