# Checks: global declarations in functions and methods create and rebind module names, a
# function that only reads a global needs no declaration, and assigning without `global`
# makes a local (UnboundLocalError when read first).
counter = 0

def bump():
    global counter
    counter += 1

def create():
    global created_later
    created_later = "made inside a function"

class Registry:
    def register(self):
        global counter
        counter += 100

def read_only():
    return counter * 2

def shadow():
    try:
        counter += 1
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)

bump()
bump()
create()
Registry().register()
print(counter, created_later, read_only(), shadow())
