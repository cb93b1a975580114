# expect-line: 7
# construct: complex
# kind: SyntaxError | NotImplementedError
# when: compile
# An imaginary literal (complex numbers are out of scope); found by the lexer.
print("before")
z = 3 + 4j
print(abs(z))
