# expect-line: 9
# construct: match
# kind: SyntaxError | NotImplementedError
# when: compile
# A structural pattern matching statement (3.10+). `match` as a plain name stays legal
# (tests/programs_v2/l30_soft_keywords.py), only the statement is refused.
command = "stop"
print("before")
match command:
    case "go":
        print("going")
    case _:
        print("stopping")
