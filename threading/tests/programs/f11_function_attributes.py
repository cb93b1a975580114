# Checks: function objects carry __name__, __qualname__ (with <locals> for nested defs and
# the class name for methods), __doc__, __module__, and user-set attributes; functions are
# values that can be stored in dicts and compared by identity.
def outer():
    def inner():
        pass
    return inner

class Service:
    def start(self):
        "Start the service."

def plain():
    pass

plain.calls = 3
plain.tags = ["x"]
print(outer.__name__, outer().__name__, outer().__qualname__)
print(Service.start.__qualname__, Service.start.__doc__, plain.__doc__)
print(plain.__module__, plain.calls, plain.tags, vars(plain))
table = {"o": outer, "p": plain}
print(table["p"] is plain, outer() is outer(), callable(table["o"]))
print(type(plain).__name__, type(Service().start).__name__)
