# Checks: importing a module that exists nowhere raises ModuleNotFoundError (a subclass of
# ImportError) with CPython's message; caught, a fallback is used; uncaught at the end, the
# traceback and exit code 1.
try:
    import minipy_corpus_no_such_module
except ImportError as e:
    print(type(e).__name__, "|", e, "|", e.name)
try:
    from minipy_corpus_no_such_module import thing
except ModuleNotFoundError as e:
    print("fallback used:", e)
import minipy_corpus_no_such_module_either
