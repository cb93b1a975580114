# Checks: decorators applied to classes: a registry decorator returning the class unchanged,
# one that adds a method, and one that wraps the class's __init__; decorator order.
registry = {}

def register(cls):
    registry[cls.__name__.lower()] = cls
    return cls

def add_describe(cls):
    def describe(self):
        return f"{type(self).__name__} with {sorted(vars(self))}"
    cls.describe = describe
    return cls

def log_init(cls):
    original = cls.__init__
    def __init__(self, *args, **kwargs):
        print("init", cls.__name__, args, kwargs)
        original(self, *args, **kwargs)
    cls.__init__ = __init__
    return cls

@register
@add_describe
@log_init
class Sensor:
    def __init__(self, name, unit="C"):
        self.name = name
        self.unit = unit

@register
class Actuator:
    pass

s = Sensor("t1", unit="K")
print(s.describe())
print(sorted(registry), registry["sensor"] is Sensor)
print(registry["actuator"]().__class__.__name__)
