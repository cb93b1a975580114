# Checks: a three-stage pipeline of Thread subclasses connected by bounded queues (parse ->
# enrich -> aggregate), each stage forwarding a sentinel when its input ends; the single
# aggregator sees items in FIFO order, so its output is exact.
import queue
import threading

DONE = None

class Stage(threading.Thread):
    def __init__(self, name, inbox, outbox):
        super().__init__(name=name)
        self.inbox, self.outbox = inbox, outbox

    def run(self):
        while True:
            item = self.inbox.get()
            if item is DONE:
                self.outbox.put(DONE)
                return
            self.outbox.put(self.process(item))

class Parse(Stage):
    def process(self, line):
        name, score = line.split(":")
        return name.strip(), int(score)

class Enrich(Stage):
    def process(self, pair):
        name, score = pair
        return name, score, "pass" if score >= 50 else "fail"

raw, parsed, enriched = queue.Queue(2), queue.Queue(2), queue.Queue(2)
stages = [Parse("parse", raw, parsed), Enrich("enrich", parsed, enriched)]
for s in stages:
    s.start()
report = []

def aggregate():
    while (item := enriched.get()) is not DONE:
        report.append(item)

agg = threading.Thread(target=aggregate, name="aggregate")
agg.start()
for line in ["ann: 91", "bob: 42", "cy: 50", "dee: 7", "eve: 66"]:
    raw.put(line)
raw.put(DONE)
for t in stages + [agg]:
    t.join()
for name, score, verdict in report:
    print(f"{name:4}{score:4} {verdict}")
print([s.name for s in stages], sum(score for _, score, _ in report))
