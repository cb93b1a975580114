# Checks: TypeError messages for bad calls (missing, too many, unexpected keyword, duplicate).
def g(a, b, c=3):
    return a + b + c

print(g(1, 2), g(1, 2, 4), g(1, b=5), g(c=1, b=1, a=1))
try:
    g(1)
except TypeError as e:
    print("caught", e)
try:
    g()
except TypeError as e:
    print("caught", e)
try:
    g(1, 2, 3, 4)
except TypeError as e:
    print("caught", e)
try:
    g(1, 2, z=9)
except TypeError as e:
    print("caught", e)
try:
    g(1, 2, a=9)
except TypeError as e:
    print("caught", e)

def none():
    return 0

try:
    none(1)
except TypeError as e:
    print("caught", e)
