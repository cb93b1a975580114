# Checks: CPython 3.11's position markers in a traceback through several frames: a binary
# operation (~~~^~~~ with the operator), a subscript, a method call and a plain call.
def ratio(totals, key, count):
    return totals[key] / count

def summary(totals):
    return {k: ratio(totals, k, totals["n"]) for k in ("a", "b")}

class Report:
    def build(self, data):
        return summary(data)

print(Report().build({"a": 1, "b": 2, "n": 4}))
print(Report().build({"a": 1, "b": 2, "n": 0}))
