# Checks: a dedent to a column that matches no outer block is an IndentationError.
def f():
    if True:
        return 1
  return 2
print(f())
