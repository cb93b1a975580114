# Checks: annotations are parsed and ignored at run time: parameter and return annotations,
# annotated assignments with and without a value, class-level annotations, generics in
# annotations, and `from __future__ import annotations`.
from __future__ import annotations

count: int = 0
label: str
ratios: dict[str, list[float]] = {"a": [0.5]}

def scale(values: list[int], factor: float = 2.0) -> list[float]:
    result: list[float] = []
    for v in values:
        result.append(v * factor)
    return result

class Point:
    x: int
    y: int = 0

    def __init__(self, x: int, y: int = 0) -> None:
        self.x = x
        self.y = y

    def norm1(self) -> int:
        return abs(self.x) + abs(self.y)

def forward(ref: Point | None = None) -> Point | None:
    return ref

count += 1
print(count, ratios)
print(scale([1, 2, 3]))
print(scale([1], factor=0.5))
p = Point(3, -4)
print(p.norm1(), Point.y, forward(None))
print("label" in globals())
