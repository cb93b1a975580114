# Checks: annotations in module and class bodies are evaluated into __annotations__ (builtin names
# such as int resolve like any other read), string annotations stay strings, and subscripted
# built-in containers are PEP 585 generic aliases: list[int], dict[str, list[tuple[int, ...]]],
# tuple[()], type[int] with their repr, __origin__/__args__, equality, hashing and calls; a
# dataclass whose fields are annotated with generic aliases.
x: int
y: "str" = 2
class A:
    a: int = 1
    b: list[int]
    c: dict[str, list[tuple[int, ...]]] = {}
print(__annotations__, A.__annotations__)
print(list[int], list[int]("ab"), list[int] == list[int], list[int] == list[str], tuple[()], type[int])
print(dict[str, int].__origin__, dict[str, int].__args__, type(list[int]).__name__, hash(list[int]) == hash(list[int]))
from dataclasses import dataclass, field
@dataclass
class Job:
    name: str
    tags: list[str] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)
print(Job("a"), Job("b", ["x"]))
print(set[frozenset[int]], frozenset[bool])
