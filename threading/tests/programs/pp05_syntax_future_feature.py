"""A future import of a feature Python does not have is a SyntaxError at
compile time (Python/future.c), so nothing of the file runs. The known
features before it in the same block are fine."""
from __future__ import annotations
from __future__ import generator_stop, speed
print("never printed")
