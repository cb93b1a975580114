# Checks: private names in __slots__ are mangled with the class name, as CPython's
# type_new does: a slotted Counter class whose __count slot a subclass shadows with its
# own __count, threads bumping both under a lock, a leading-underscore class name, a
# dunder slot left alone, writing the unmangled name from outside failing, and the
# conflict check seeing the mangled name.
import threading


class Counter:
    __slots__ = ("__count", "lock", "__tag__")

    def __init__(self):
        self.__count = 0
        self.lock = threading.Lock()
        self.__tag__ = "base"

    def bump(self):
        with self.lock:
            self.__count += 1

    def count(self):
        return self.__count


class AuditedCounter(Counter):
    __slots__ = ("__count",)

    def __init__(self):
        super().__init__()
        self.__count = 100

    def bump(self):
        super().bump()
        with self.lock:
            self.__count += 1

    def audited(self):
        return self.__count


class _Hidden:
    __slots__ = "__secret"

    def __init__(self):
        self.__secret = "s"


c = AuditedCounter()
threads = [threading.Thread(target=lambda: [c.bump() for _ in range(500)]) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(c.count(), c.audited(), c.__tag__, Counter.__slots__, AuditedCounter.__slots__)
print(c._Counter__count, c._AuditedCounter__count, _Hidden()._Hidden__secret)
try:
    c.__count = 5
except AttributeError as e:
    print("AttributeError:", e)
try:
    class Clash:
        __slots__ = ("__v",)
        _Clash__v = 1
except ValueError as e:
    print("ValueError:", e)
