# Checks: single inheritance: overriding, extending with super().__init__, inherited methods,
# isinstance / issubclass along the chain, __bases__, __name__ and class reprs.
class Animal:
    sound = "..."

    def __init__(self, name):
        self.name = name

    def speak(self):
        return f"{self.name} says {self.sound}"

    def kind(self):
        return type(self).__name__

class Dog(Animal):
    sound = "woof"

class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age

    def speak(self):
        return super().speak() + f" (age {self.age})"

pets = [Animal("generic"), Dog("rex"), Puppy("bit", 1)]
for p in pets:
    print(p.speak(), "|", p.kind())
print(isinstance(pets[2], Dog), isinstance(pets[2], Animal), isinstance(pets[1], Puppy))
print(issubclass(Puppy, Animal), issubclass(Animal, Dog), issubclass(Dog, Dog))
print(Puppy.__bases__, Dog.__bases__, Animal.__bases__)
print(Puppy.__mro__)
print(isinstance(pets[0], object), issubclass(Puppy, object))
