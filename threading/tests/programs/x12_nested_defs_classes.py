# Checks: functions defined inside methods, classes defined inside functions and methods,
# nested functions reading enclosing method locals and self, and a method-local class that
# subclasses a module-level one.
class Base:
    def greet(self):
        return "base"

class Factory:
    prefix = "F"

    def build(self, n):
        scale = n * 10

        class Product(Base):
            def greet(inner_self):
                return f"{self.prefix}-product-{scale}-" + super().greet()

        def describe(obj):
            return type(obj).__name__ + ":" + obj.greet()

        return describe(Product())

print(Factory().build(1), Factory().build(2))

def outer(tag):
    def middle(x):
        def inner(y):
            return f"{tag}{x}{y}"
        return inner
    return middle

print(outer("t")(1)(2), outer("u")("a")("b"))
