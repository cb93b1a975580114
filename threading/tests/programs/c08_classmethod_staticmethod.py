# Checks: @classmethod alternative constructors (cls is the subclass when called on it),
# @staticmethod helpers callable from class and instance, and a class-level registry.
class Date:
    registry = []

    def __init__(self, year, month, day):
        self.year, self.month, self.day = year, month, day
        Date.registry.append(self)

    @classmethod
    def from_string(cls, text):
        y, m, d = (int(part) for part in text.split("-"))
        return cls(y, m, d)

    @staticmethod
    def is_leap(year):
        return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)

    def __repr__(self):
        return f"{type(self).__name__}({self.year}, {self.month}, {self.day})"

class Holiday(Date):
    pass

d = Date.from_string("2024-02-29")
h = Holiday.from_string("2023-12-25")
print(d, h, type(h).__name__)
print(Date.is_leap(2024), d.is_leap(1900), Holiday.is_leap(2000))
print(len(Date.registry), Date.registry)
print(type(Date.__dict__["is_leap"]).__name__, type(Date.__dict__["from_string"]).__name__)
m = Date.from_string
print(m("1999-1-2"), m.__self__ is Date)
