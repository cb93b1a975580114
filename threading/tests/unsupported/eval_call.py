# expect-line: 7
# construct: eval
# kind: NotImplementedError
# when: run
# eval() of an expression string.
print("before")
print(eval("1 + 2"))
