# Checks: `except ... as e` unbinds e after the handler (NameError afterwards), except with a
# tuple of types, the first matching handler wins, handlers compare by class hierarchy, and
# exceptions raised in a handler replace the original.
try:
    {}["missing"]
except (IndexError, KeyError) as e:
    print("caught", type(e).__name__, e)
try:
    print(e)
except NameError as err:
    print("NameError:", err)
for exc in [KeyError("k"), IndexError(1), ZeroDivisionError("z"), ValueError("v")]:
    try:
        raise exc
    except LookupError as e:
        print("LookupError branch:", type(e).__name__)
    except ArithmeticError as e:
        print("ArithmeticError branch:", type(e).__name__)
    except Exception as e:
        print("Exception branch:", type(e).__name__)
try:
    try:
        raise TypeError("first")
    except TypeError:
        raise ValueError("second")
except ValueError as e:
    print("replaced by", repr(e), "context", repr(e.__context__))
try:
    raise ValueError
except ValueError as e:
    print("class raised:", repr(e), e.args)
