# expect-line: 9
# construct: metaclass
# kind: SyntaxError | NotImplementedError
# when: compile
# A class statement with a metaclass= keyword (here the default metaclass, so CPython
# runs it unchanged). MINIPY.md puts metaclasses out of scope.
print("before")

class Plugin(metaclass=type):
    name = "plugin"

print(Plugin.name)
