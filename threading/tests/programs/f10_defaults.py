# Checks: defaults are evaluated once at def time (a mutable default is shared between calls),
# the None idiom gives a fresh object per call, defaults can refer to earlier globals, and
# __defaults__ shows them.
def append_to(item, bucket=[]):
    bucket.append(item)
    return bucket

print(append_to(1), append_to(2), append_to(3, []), append_to(4))

def safe_append(item, bucket=None):
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket

print(safe_append(1), safe_append(2))

base = 10
def scaled(x, factor=base * 2):
    return x * factor

base = 1000
print(scaled(3), scaled.__defaults__, append_to.__defaults__)

def counter(_state={"n": 0}):
    _state["n"] += 1
    return _state["n"]

print(counter(), counter(), counter())
