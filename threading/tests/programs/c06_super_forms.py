# Checks: super() with no arguments and super(Class, self); super() in classmethods and in
# __str__/__repr__; calling a base implementation explicitly with Base.method(self).
class Shape:
    count = 0

    def describe(self):
        return "shape"

    @classmethod
    def make(cls):
        cls.count += 1
        return cls()

    def __str__(self):
        return "Shape"

class Circle(Shape):
    def describe(self):
        return "circle < " + super().describe()

    @classmethod
    def make(cls):
        obj = super().make()
        obj.radius = 1
        return obj

    def __str__(self):
        return "Circle/" + super().__str__()

class Ring(Circle):
    def describe(self):
        return "ring < " + super(Ring, self).describe()

    def skip(self):
        return super(Circle, self).describe()

    def explicit(self):
        return Shape.describe(self) + "+" + Circle.describe(self)

r = Ring.make()
print(r.describe(), "|", r.skip(), "|", r.explicit())
print(str(r), r.radius, Ring.count, Shape.count)
c = Circle.make()
print(c, Circle.count, Ring.count)
