# Checks: three chained exceptions, uncaught: an implicit context inside an explicit cause;
# CPython prints all three tracebacks, oldest first, with the matching separator lines.
def level_one():
    raise KeyError("disk")

def level_two():
    try:
        level_one()
    except KeyError:
        raise OSError("read failed")

def level_three():
    try:
        level_two()
    except OSError as e:
        raise RuntimeError("job aborted") from e

level_three()
