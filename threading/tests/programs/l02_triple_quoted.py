# Checks: triple-quoted strings (both quote styles, embedded quotes and newlines), docstrings
# of modules, functions and classes through __doc__, and implicit concatenation across lines.
"""Module docstring: the corpus's own words."""

def greet(name):
    """Return a greeting for name.

    The second paragraph of the docstring.
    """
    return "hello " + name

class Box:
    '''A box with a 'single-quoted' docstring.'''

    def size(self):
        return 3

print(__doc__)
print(greet.__doc__)
print(Box.__doc__)
print(Box.size.__doc__)
text = """first line
  "quoted" second line
third 'line'"""
print(text)
print(text.count("\n"), len(text.splitlines()))
joined = ("alpha "
          'beta '
          """gamma""")
print(joined)
print("a" "b" 'c', "x" f"{1 + 1}" "y")
empty = """"""
print(repr(empty), repr(''''''))
print('''He said "hi" and she said 'bye\'''')
