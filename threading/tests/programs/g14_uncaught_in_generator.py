# Checks: an uncaught exception raised inside a generator's body: the traceback runs through
# the consuming frame and the generator's frame (with 3.11's markers); exit code 1.
def parse_all(items):
    for item in items:
        yield int(item)

def total(items):
    result = 0
    for value in parse_all(items):
        result += value
    return result

print(total(["1", "2"]))
print(total(["3", "four", "5"]))
