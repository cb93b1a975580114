# Checks: ping-pong between two threads using two Events (strict alternation), clear() to re-arm.
import threading

ping = threading.Event()
pong = threading.Event()
trace = []

def player():
    for i in range(5):
        ping.wait()
        ping.clear()
        trace.append("pong " + str(i))
        pong.set()

t = threading.Thread(target=player)
t.start()
for i in range(5):
    trace.append("ping " + str(i))
    ping.set()
    pong.wait()
    pong.clear()
t.join()
for line in trace:
    print(line)
