# Checks: try/except/else/finally ordering: else runs only without an exception and before
# finally; an exception in else is not caught by the same try's handlers; return in finally
# overrides the try's return and swallows an exception; break/continue through finally.
def attempt(value):
    try:
        print("  try", value)
        result = 10 // value
    except ZeroDivisionError:
        print("  except")
        return "handled"
    else:
        print("  else")
        if value < 0:
            raise ValueError("negative")
        return result
    finally:
        print("  finally")

print(attempt(2))
print(attempt(0))
try:
    attempt(-1)
except ValueError as e:
    print("outer caught", e)

def overriding():
    try:
        return "try"
    finally:
        return "finally"

def swallowing():
    try:
        raise KeyError("lost")
    finally:
        return "swallowed"

print(overriding(), swallowing())
for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("finally", i)
