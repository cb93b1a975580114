# Checks: the class body runs top to bottom like a function body at definition time; names
# bound there become class attributes; methods do not see class-body names unqualified
# (NameError); a comprehension in the class body cannot see class names except the first
# iterable; classes defined inside functions close over the function's locals.
print("before class")

class Table:
    print("  class body runs")
    size = 3
    rows = [i * 2 for i in range(size)]
    try:
        hidden = [i * size for i in range(2)]
    except NameError as e:
        print("  NameError in a class-body comprehension:", e)
    squares = {n: n * n for n in range(size)}
    label = "t" + str(size)
    del label

    def area(self):
        return size * size

print("after class", Table.size, Table.rows, Table.squares, hasattr(Table, "label"))
try:
    Table().area()
except NameError as e:
    print("NameError:", e)

def make_class(tag):
    class Tagged:
        def get(self):
            return tag
    return Tagged

A, B = make_class("a"), make_class("b")
print(A().get(), B().get(), A is B, A.__name__, A.__qualname__)

class Outer:
    class Inner:
        value = 7

    def make(self):
        return self.Inner()

print(Outer().make().value, Outer.Inner.__qualname__)
