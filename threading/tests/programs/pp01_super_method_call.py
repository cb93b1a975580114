# super(T, self).method(...) and super().method(...) called directly, as
# pyperformance's deltablue does: the call must reach the next class in the
# MRO, not a method of the `super` type itself (super().__init__ used to find
# super.__init__ and silently do nothing). Also the repr of a super object.


class Constraint(object):
    def __init__(self, strength):
        super(Constraint, self).__init__()
        self.strength = strength

    def describe(self):
        return "constraint of strength %d" % self.strength


class BinaryConstraint(Constraint):
    def __init__(self, left, right, strength):
        super(BinaryConstraint, self).__init__(strength)
        self.left = left
        self.right = right

    def describe(self):
        return "binary " + super().describe()


class EqualityConstraint(BinaryConstraint):
    pass


class ScaleConstraint(BinaryConstraint):
    def __init__(self, left, right, scale):
        super().__init__(left, right, 3)
        self.scale = scale

    def describe(self):
        return "scaled(%d) " % self.scale + super(ScaleConstraint, self).describe()


for c in [EqualityConstraint("a", "b", 1), ScaleConstraint("x", "y", 10), BinaryConstraint(1, 2, 7)]:
    print(type(c).__name__, c.strength, c.left, c.right, "|", c.describe())

# The bound super object itself, then its lookups one step at a time.
e = EqualityConstraint("p", "q", 2)
s = super(BinaryConstraint, e)
print(s)
print(super(EqualityConstraint, e))
init = s.__init__
init(5)
print(e.strength, e.left)
s.__init__(6)
print(e.strength)
