# Checks: raise ValueError("msg") at top level: single-frame traceback "<module>", exit code 1.
print("before")
raise ValueError("msg")
