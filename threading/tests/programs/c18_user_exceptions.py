# Checks: user-defined exception classes: hierarchies caught by base class, custom __init__
# storing fields (and passing a message to super), args, str() and repr(), __str__ override.
class AppError(Exception):
    pass

class NotFound(AppError):
    def __init__(self, key):
        super().__init__(f"no such key: {key}")
        self.key = key

class RetryLater(AppError):
    def __init__(self, seconds):
        self.seconds = seconds

    def __str__(self):
        return f"retry in {self.seconds}s"

def lookup(key):
    if key == "gone":
        raise NotFound(key)
    if key == "busy":
        raise RetryLater(5)
    if key == "odd":
        raise AppError("odd", 1, 2)
    return key.upper()

for k in ["ok", "gone", "busy", "odd"]:
    try:
        print(lookup(k))
    except NotFound as e:
        print("NotFound:", e, "|", e.key, "|", e.args, "|", repr(e))
    except AppError as e:
        print(type(e).__name__ + ":", e, "|", e.args, "|", repr(e))
print(issubclass(NotFound, Exception), isinstance(RetryLater(1), AppError))
print([c.__name__ for c in NotFound.__mro__])
