# Checks: @property getters, setters with validation and deleters; a read-only property
# refuses assignment with CPython 3.11's message; properties are class attributes.
class Temperature:
    def __init__(self, celsius):
        self._celsius = celsius

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._celsius = value

    @celsius.deleter
    def celsius(self):
        print("deleting")
        del self._celsius

    @property
    def fahrenheit(self):
        return self._celsius * 9 / 5 + 32

t = Temperature(25)
print(t.celsius, t.fahrenheit)
t.celsius = 100
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
try:
    t.fahrenheit = 0
except AttributeError as e:
    print("AttributeError:", e)
del t.celsius
print(hasattr(t, "_celsius"))
try:
    t.celsius
except AttributeError as e:
    print("AttributeError:", e)
print(type(Temperature.celsius).__name__, isinstance(Temperature.fahrenheit, property))

class Legacy:
    def get_x(self):
        return 42
    x = property(get_x)

print(Legacy().x)
