# Checks: bound methods are objects: stored, passed as callbacks and thread targets, compared;
# __self__/__func__; calling through the class with an explicit self; a method replaced
# per instance by a plain function attribute (not bound).
import threading

class Greeter:
    def __init__(self, greeting):
        self.greeting = greeting
        self.said = []

    def greet(self, name):
        line = f"{self.greeting}, {name}"
        self.said.append(line)
        return line

hi = Greeter("hi")
bound = hi.greet
print(bound("ann"), Greeter.greet(hi, "bob"))
print(bound.__self__ is hi, bound.__func__ is Greeter.greet, bound == hi.greet)
print(hi.greet == Greeter("hi").greet, type(bound).__name__)
print(list(map(hi.greet, ["cy", "di"])))
t = threading.Thread(target=hi.greet, args=("thread",))
t.start()
t.join()
print(hi.said)
hi.greet = lambda name: "shadowed " + name
print(hi.greet("eve"), Greeter.greet(hi, "fay"))
callbacks = [Greeter(g).greet for g in ("yo", "hey")]
print([cb("gus") for cb in callbacks])
