# Checks: a barrier race start: every runner lines up at a Barrier and only then runs, so
# all "lined up" records come before any "ran" record.
import threading

runners = 4
line_up = threading.Barrier(runners)
log = []
lock = threading.Lock()

def runner(name):
    with lock:
        log.append(("lined up", name))
    line_up.wait()
    with lock:
        log.append(("ran", name))

threads = [threading.Thread(target=runner, args=(f"r{i}",)) for i in range(runners)]
for t in threads:
    t.start()
for t in threads:
    t.join()
kinds = [k for k, _ in log]
print(kinds.index("ran") == runners, kinds.count("lined up"), kinds.count("ran"))
print(sorted(n for k, n in log if k == "ran"))
