# Checks: threads taking turns in a fixed order with a Condition and a shared "turn" counter,
# so their prints interleave deterministically: A1 B1 C1 A2 B2 C2 ...
import threading

names = ["A", "B", "C"]
turn = [0]
cond = threading.Condition()

def player(index, rounds):
    for r in range(1, rounds + 1):
        with cond:
            cond.wait_for(lambda: turn[0] % len(names) == index)
            print(f"{names[index]}{r}", end=" ", flush=True)
            turn[0] += 1
            cond.notify_all()

threads = [threading.Thread(target=player, args=(i, 4)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print()
print("turns taken:", turn[0])
