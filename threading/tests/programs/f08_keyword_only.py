# Checks: keyword-only parameters after * and after *args, with and without defaults,
# positional-only parameters before /, and CPython 3.11's TypeError messages for misuse.
def connect(host, port=80, *, timeout=10, retries):
    return f"{host}:{port} timeout={timeout} retries={retries}"

print(connect("a", retries=1))
print(connect("b", 8080, retries=2, timeout=1))

def gather(*names, upper=False):
    return [n.upper() if upper else n for n in names]

print(gather("x", "y"), gather("x", upper=True))

def divide(a, b, /, *, exact=False):
    return a / b if exact else a // b

print(divide(7, 2), divide(7, 2, exact=True))

attempts = [
    lambda: connect("a"),
    lambda: connect("a", 1, 2, retries=3),
    lambda: divide(a=1, b=2),
    lambda: divide(1, 2, True),
    lambda: gather(upper=True, lower=False),
    lambda: connect("a", retries=1, host="b"),
]
for attempt in attempts:
    try:
        attempt()
    except TypeError as e:
        print("TypeError:", e)
print(connect.__kwdefaults__, connect.__defaults__, divide.__defaults__)
