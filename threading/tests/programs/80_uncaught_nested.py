# Checks: an uncaught exception raised three calls deep in the main thread: stdout keeps what was
# printed before, stderr has a multi-frame traceback, exit code 1.
def level3(x):
    raise ValueError("bad input: " + str(x))

def level2(x):
    level3(x * 2)

def level1(x):
    print("level1 got", x)
    level2(x + 1)

print("start")
level1(20)
print("never printed")
