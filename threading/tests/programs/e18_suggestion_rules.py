# Checks: where 3.11 offers "Did you mean": the C printer of uncaught exceptions and thread
# reports does (locals first, then globals, then builtins; dir() for attributes); str(e),
# traceback.print_exc() (the traceback module), UnboundLocalError and subclasses do not;
# NameError.name, AttributeError.name and .obj say what was looked up.
import threading
import traceback


class Inventory:
    def __init__(self):
        self.widgets = 3
        self.gadgets = 4

    def count(self):
        return self.widget


class StrictError(NameError):
    pass


def read_total():
    subtotal = 5
    return subtotl


try:
    Inventory().count()
except AttributeError as e:
    print("str:", e)
    print("name:", e.name, "| obj is an Inventory:", isinstance(e.obj, Inventory))

try:
    read_total()
except NameError as e:
    print("str:", e)
    print("name:", e.name)
    traceback.print_exc()


def unbound():
    if False:
        value = 1
    return value


try:
    unbound()
except UnboundLocalError as e:
    print(type(e).__name__, e)

try:
    raise StrictError("name 'x' is not defined")
except NameError as e:
    print("a NameError raised by hand has no name:", e.name)


def worker():
    lenght = [1, 2]
    return len(lenth)


t = threading.Thread(target=worker, name="counter")
t.start()
t.join()

prnt = print
inventory = Inventory()
print(inventory.gadgetz)
