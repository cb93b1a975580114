# Checks: a map-reduce word count: the text is split into chunks, mapper threads count words
# with collections.Counter, a reducer merges the partial counts; the result equals a
# single-threaded count and most_common is printed.
import threading
from collections import Counter

TEXT = """It was the best of times it was the worst of times it was the age of wisdom
it was the age of foolishness it was the epoch of belief it was the epoch of incredulity
it was the season of light it was the season of darkness it was the spring of hope"""

words = TEXT.lower().split()
chunks = [words[i:i + 10] for i in range(0, len(words), 10)]
partials = [None] * len(chunks)

def mapper(index, chunk):
    partials[index] = Counter(chunk)

threads = [threading.Thread(target=mapper, args=(i, c)) for i, c in enumerate(chunks)]
for t in threads:
    t.start()
for t in threads:
    t.join()
total = Counter()
for part in partials:
    total += part
print(len(chunks), sum(total.values()), total == Counter(words))
print(total.most_common(4))
print(sorted(w for w, n in total.items() if n == 1))
