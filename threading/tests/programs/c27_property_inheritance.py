# Checks: properties and class attributes are inherited and can be overridden in a subclass;
# a subclass property can call the base property through super(); class attributes looked up
# along the MRO at access time (changes to the base show through).
class Shape:
    unit = "cm"

    def __init__(self, w, h):
        self.w, self.h = w, h

    @property
    def area(self):
        return self.w * self.h

    @property
    def label(self):
        return f"{self.area}{self.unit}2"

class Square(Shape):
    def __init__(self, side):
        super().__init__(side, side)

class Frame(Square):
    unit = "mm"

    @property
    def area(self):
        return super().area - 1

shapes = [Shape(2, 3), Square(3), Frame(4)]
print([s.area for s in shapes])
print([s.label for s in shapes])
Shape.unit = "m"
print([s.label for s in shapes])
print(Frame.__mro__[1].__name__, "area" in Frame.__dict__, "label" in Frame.__dict__)
