# Checks: an exception caught, handled, then a new uncaught error raised later from a finally-free
# path; also an uncaught custom-message NotImplementedError from a nested call. Exit code 1.
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
