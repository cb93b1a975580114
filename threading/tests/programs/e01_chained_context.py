# Checks: an exception raised while handling another, left uncaught: CPython prints both
# tracebacks joined by "During handling of the above exception, another exception
# occurred:"; exit code 1, earlier stdout kept.
def parse(text):
    return int(text)

def load(values):
    results = []
    for v in values:
        try:
            results.append(parse(v))
        except ValueError:
            results.append(fallback[v])
    return results

fallback = {"two": 2}
print(load(["1", "two"]))
print(load(["3", "four"]))
