# Checks: a base class with methods that raise NotImplementedError, subclasses filling them
# in (template method pattern), polymorphic dispatch over a list, and the error message when
# a subclass forgets one.
class Report:
    def render(self):
        return self.header() + "\n" + "\n".join(self.lines()) + "\n" + self.footer()

    def header(self):
        raise NotImplementedError(f"{type(self).__name__} must define header()")

    def lines(self):
        return []

    def footer(self):
        return "-- end --"

class Sales(Report):
    def __init__(self, figures):
        self.figures = figures

    def header(self):
        return "SALES"

    def lines(self):
        return [f"{k:<6}{v:>6}" for k, v in self.figures]

class Blank(Report):
    def header(self):
        return "BLANK"

    def footer(self):
        return super().footer().upper()

class Broken(Report):
    pass

for report in [Sales([("north", 12), ("south", 7)]), Blank(), Broken()]:
    try:
        print(report.render())
    except NotImplementedError as e:
        print("NotImplementedError:", e)
