# Checks: the dining philosophers with forks as Locks, taken in a global order (lowest number
# first) so no deadlock is possible; every philosopher eats the same number of meals.
import threading

N = 5
forks = [threading.Lock() for _ in range(N)]
meals = [0] * N

class Philosopher(threading.Thread):
    def __init__(self, seat, rounds):
        super().__init__(name=f"philosopher-{seat}")
        self.seat = seat
        self.rounds = rounds

    def run(self):
        left, right = self.seat, (self.seat + 1) % N
        first, second = min(left, right), max(left, right)
        for _ in range(self.rounds):
            with forks[first]:
                with forks[second]:
                    meals[self.seat] += 1

table = [Philosopher(i, 300) for i in range(N)]
for p in table:
    p.start()
for p in table:
    p.join()
print(meals, sum(meals), [f.locked() for f in forks])
