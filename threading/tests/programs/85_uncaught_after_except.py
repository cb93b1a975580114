# Checks: an IndexError caught and handled, a try/finally that completes, then an uncaught
# NotImplementedError from a nested call: two-frame traceback, exit code 1.
def handled():
    try:
        [][1]
    except IndexError as e:
        print("handled", e)

def todo(feature):
    raise NotImplementedError(feature + " is not implemented")

handled()
try:
    print("in try")
finally:
    print("in finally")
todo("teleport")
