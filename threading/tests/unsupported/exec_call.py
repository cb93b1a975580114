# expect-line: 8
# construct: exec
# kind: NotImplementedError
# when: run
# exec() of source text. A refusal when the call runs (after "before" is printed) is
# acceptable, as is one at compile time when the name is the builtin.
print("before")
exec("result = 6 * 7")
print(result)
