# Checks: multiple inheritance with a diamond: C3 method resolution order printed through
# __mro__ and mro(); cooperative super() calls visit every class once, in MRO order.
class Base:
    def __init__(self):
        print("Base.__init__")
        self.trail = ["Base"]

    def who(self):
        return "Base"

class Left(Base):
    def __init__(self):
        print("Left.__init__")
        super().__init__()
        self.trail.append("Left")

    def who(self):
        return "Left>" + super().who()

class Right(Base):
    def __init__(self):
        print("Right.__init__")
        super().__init__()
        self.trail.append("Right")

    def who(self):
        return "Right>" + super().who()

class Bottom(Left, Right):
    def __init__(self):
        print("Bottom.__init__")
        super().__init__()
        self.trail.append("Bottom")

    def who(self):
        return "Bottom>" + super().who()

b = Bottom()
print(b.trail)
print(b.who())
print([c.__name__ for c in Bottom.__mro__])
print([c.__name__ for c in Bottom.mro()])

class A: pass
class B: pass
class C: pass
class D(A, B): pass
class E(B, C): pass
class F(D, E): pass
print([k.__name__ for k in F.__mro__])
class G(C, A, B): pass
print([k.__name__ for k in G.__mro__])
