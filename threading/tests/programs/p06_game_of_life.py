# Checks: Conway's game of life with classes: a Board with __str__, __eq__ and a step()
# method built from set comprehensions over (row, col) tuples; a glider moves one cell
# diagonally every 4 generations and a blinker oscillates.
class Board:
    def __init__(self, live, size):
        self.live = frozenset(live)
        self.size = size

    def neighbours(self, cell):
        r, c = cell
        return {((r + dr) % self.size, (c + dc) % self.size)
                for dr in (-1, 0, 1) for dc in (-1, 0, 1) if dr or dc}

    def step(self):
        candidates = self.live | {n for cell in self.live for n in self.neighbours(cell)}
        survivors = {cell for cell in candidates
                     if len(self.neighbours(cell) & self.live) == 3
                     or (cell in self.live and len(self.neighbours(cell) & self.live) == 2)}
        return Board(survivors, self.size)

    def shifted(self, dr, dc):
        return Board({((r + dr) % self.size, (c + dc) % self.size) for r, c in self.live}, self.size)

    def __eq__(self, other):
        return self.live == other.live and self.size == other.size

    def __str__(self):
        return "\n".join("".join("#" if (r, c) in self.live else "." for c in range(self.size))
                         for r in range(self.size))

glider = Board({(0, 1), (1, 2), (2, 0), (2, 1), (2, 2)}, 6)
board = glider
for generation in range(4):
    board = board.step()
print(board)
print(board == glider.shifted(1, 1), len(board.live))
blinker = Board({(2, 1), (2, 2), (2, 3)}, 5)
print(blinker.step())
print(blinker.step().step() == blinker)
