"""Echo clients in threads: one thread per connection, blocking sockets.

The threading cell of every echo row runs this program, in both columns:
CPython imports it (`cpython_models.py`), and the Rust column's threading
cell runs the very same file under MiniPy with its `run(...)` call appended
(`src/models/threading_cells.rs`). It is written in the plain Python both
speak: threads, a relay of locks, blocking sockets, no executor.

    import echo_threads
    echo_threads.run("127.0.0.1", 4000, 100, 3, 1024, True)  # round trips echoed

Each connection sends `requests` messages of `size` bytes, one at a time,
and checks each reply equals what it sent. With `all_connected`, every
thread connects first and waits at a gate until all `connections` are
open (or have failed to open), so that many connections are open at one
instant: the C10K row.

The gate is a relay, not a `threading.Barrier`: the last thread to arrive
releases the first, and each released thread releases the next before its
first round trip. A barrier wakes every thread at once, and ten thousand
threads that all want the GIL at once wake every 5 ms each to ask for it
(the new GIL's switch interval): getting 10,000 threads past a Barrier took
80 s on a 2-core machine. That is the cost of a thundering herd, not of
holding connections open, which is what the row measures.

Every blocking call here (connect, the gate's lock, sendall, recv) releases
the GIL while it waits, in CPython and in MiniPy alike.
"""

import socket
import threading


# Every byte value in order, repeated: payload() slices it instead of
# building each message byte by byte in a generator, so that the clients'
# Python work stays small beside their waits (the rows measure waiting
# on sockets, not an interpreter's generator speed: building a 1 KiB
# message byte by byte took longer than its round trip).
PATTERN = bytes(range(256)) * 64


def payload(conn, req, size):
    """The bytes connection `conn` sends on request `req`: byte i is
    (seed + i) mod 256."""
    seed = (conn * 7919 + req * 104729) & 0xFF
    if seed + size <= len(PATTERN):
        return PATTERN[seed : seed + size]
    return bytes((seed + i) & 0xFF for i in range(size))


class Relay:
    """A gate for `parties` threads that opens one thread at a time."""

    def __init__(self, parties):
        self.lock = threading.Lock()
        self.missing = parties
        self.absent = [False] * parties
        # turns[i] is held until party i may go.
        self.turns = [threading.Lock() for _ in range(parties)]
        for turn in self.turns:
            turn.acquire()

    def arrive(self, party, absent=False):
        """Counts party's arrival; the last arrival starts the relay."""
        with self.lock:
            self.absent[party] = absent
            self.missing -= 1
            last = self.missing == 0
        if last:
            self.pass_from(0)

    def pass_from(self, party):
        """Releases the first present party from `party` on."""
        while party < len(self.turns) and self.absent[party]:
            party += 1
        if party < len(self.turns):
            self.turns[party].release()

    def arrive_and_wait(self, party):
        """Arrives, waits for this party's turn, then passes it on."""
        self.arrive(party)
        self.turns[party].acquire()
        self.pass_from(party + 1)


def client(host, port, conn, requests, size, gate, results):
    """One connection's round trips; stores how many replies matched."""
    sock = None
    try:
        sock = socket.create_connection((host, port))
    except OSError:
        sock = None
    if gate is not None:
        gate.arrive_and_wait(conn)
    if sock is None:
        return
    ok = 0
    try:
        for req in range(requests):
            data = payload(conn, req, size)
            sock.sendall(data)
            got = b""
            while len(got) < size:
                chunk = sock.recv(size - len(got))
                if not chunk:
                    break
                got += chunk
            if got == data:
                ok += 1
    except OSError:
        pass
    finally:
        sock.close()
    results[conn] = ok


def run(host, port, connections, requests, size, all_connected):
    """Runs every connection in a thread of its own; returns the round
    trips whose reply matched."""
    gate = Relay(connections) if all_connected else None
    results = [0] * connections
    threads = []
    for conn in range(connections):
        t = threading.Thread(
            target=client, args=(host, port, conn, requests, size, gate, results)
        )
        threads.append(t)
    started = []
    for conn, t in enumerate(threads):
        try:
            t.start()
        except RuntimeError:
            # Out of threads: this client and the rest never run; they
            # arrive as absent so the others are not kept waiting, and the
            # missing round trips fail the result check.
            if gate is not None:
                for missing in range(conn, connections):
                    gate.arrive(missing, absent=True)
            break
        started.append(t)
    for t in started:
        t.join()
    return sum(results)
