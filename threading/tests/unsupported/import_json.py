# expect-line: 8
# construct: json
# kind: NotImplementedError | ModuleNotFoundError
# when: run
# An import of a standard-library module outside MINIPY.md's list. Refusing at compile time
# is fine too; the message must name the module.
print("before")
import json
print(json.dumps([1]))
