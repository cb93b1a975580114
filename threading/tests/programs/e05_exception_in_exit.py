# Checks: an exception raised inside __exit__ while another is propagating replaces it and
# chains it as __context__ ("During handling ..."), printed uncaught with both tracebacks.
class Transaction:
    def __enter__(self):
        print("begin")
        return self

    def __exit__(self, kind, value, tb):
        print("rollback because of", kind.__name__)
        raise RuntimeError("rollback failed")

with Transaction():
    print("working")
    raise ValueError("bad row")
