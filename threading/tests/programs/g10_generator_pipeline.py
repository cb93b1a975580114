# Checks: a data pipeline of chained generators (source -> parse -> filter -> aggregate), each
# stage pulling lazily from the previous one; the interleaving of their prints shows the
# pull order.
LOG = """200 /index 12
404 /missing 0
200 /about 30
500 /crash 0
200 /index 18"""

def lines(text):
    for line in text.splitlines():
        print("  read", line.split()[1])
        yield line

def parse(rows):
    for row in rows:
        status, path, size = row.split()
        yield int(status), path, int(size)

def ok_only(records):
    for status, path, size in records:
        if status == 200:
            yield path, size

def totals(pairs):
    sums = {}
    for path, size in pairs:
        sums[path] = sums.get(path, 0) + size
    return sums

stream = ok_only(parse(lines(LOG)))
print("first:", next(stream))
print(totals(stream))
