# Checks: importing a .py module that sits beside the program: its top level runs once (with
# __name__ == its module name), `import m` and `from m import x` share one module object, and
# the module's globals are separate from the program's.
import _shapes
from _shapes import Square, perimeter
import _shapes as again

SIDES = "the program's own SIDES"
print(__name__)
print(_shapes.__name__, again is _shapes)
print(Square(3), Square(3).area(), perimeter("square", 5))
print(_shapes.SIDES["triangle"], SIDES)
_shapes.SIDES["hexagon"] = 6
print(perimeter("hexagon", 2))
print(type(_shapes).__name__, _shapes.Square is Square)
