# expect-line: 7
# construct: complex
# kind: NotImplementedError
# when: run
# The complex() constructor.
print("before")
z = complex(3, 4)
print(z.real)
