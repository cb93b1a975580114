# Checks: @dataclass(order=True) compares field tuples (sorting works), @dataclass(frozen=True)
# refuses assignment with FrozenInstanceError and is hashable (usable in sets); a frozen
# dataclass is equal by value; dataclasses.asdict / replace / fields.
import dataclasses
from dataclasses import dataclass

@dataclass(order=True)
class Version:
    major: int
    minor: int = 0

print(sorted([Version(1, 10), Version(1, 2), Version(0, 9)]), Version(2) > Version(1, 99))

@dataclass(frozen=True)
class Coord:
    lat: float
    lon: float

c = Coord(51.5, -0.1)
try:
    c.lat = 0
except dataclasses.FrozenInstanceError as e:
    print("FrozenInstanceError:", e)
print(len({c, Coord(51.5, -0.1), Coord(0, 0)}), hash(c) == hash(Coord(51.5, -0.1)))
print(dataclasses.asdict(c), dataclasses.replace(c, lon=2.0), [f.name for f in dataclasses.fields(Version)])
try:
    Version(1) < (1, 0)
except TypeError as e:
    print("TypeError:", e)
