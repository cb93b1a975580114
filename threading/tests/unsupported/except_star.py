# expect-line: 9
# construct: 'except*'
# kind: NotImplementedError
# when: compile
# Exception groups and `except*` (3.11): not in MINIPY.md v2's language, refused at compile time.
print("before")
try:
    raise ExceptionGroup("two", [ValueError(1), KeyError(2)])
except* ValueError as group:
    print("values", len(group.exceptions))
except* KeyError as group:
    print("keys", len(group.exceptions))
