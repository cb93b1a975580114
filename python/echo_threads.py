"""Echo clients in threads: one thread per connection, blocking sockets.

The threading cell of every echo row in the CPython column runs this
program; it is written in the plain Python that MiniPy speaks (threads, a
Barrier, blocking sockets, no executor), so that the Rust column's
threading cell can run the very same file under MiniPy once MiniPy has its
`socket` module (until then that cell is Rust threads under the same GIL).

    import echo_threads
    echo_threads.run("127.0.0.1", 4000, 100, 3, 1024, True)  # round trips echoed

Each connection sends `requests` messages of `size` bytes, one at a time,
and checks each reply equals what it sent. With `all_connected`, every
thread connects first and waits at a barrier until all `connections` are
open (or have failed to open), so that many connections are open at one
instant: the C10K row.

Every blocking call here (connect, the barrier, sendall, recv) releases
the GIL while it waits, in CPython and in MiniPy alike.
"""

import socket
import threading


def payload(conn, req, size):
    """The bytes connection `conn` sends on request `req`."""
    seed = (conn * 7919 + req * 104729) & 0xFF
    return bytes((seed + i) & 0xFF for i in range(size))


def client(host, port, conn, requests, size, gate, results):
    """One connection's round trips; stores how many replies matched."""
    sock = None
    try:
        sock = socket.create_connection((host, port))
    except OSError:
        sock = None
    if gate is not None:
        try:
            gate.wait()
        except threading.BrokenBarrierError:
            pass  # another thread could not start: go on without the others
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
    gate = threading.Barrier(connections) if all_connected else None
    results = [0] * connections
    threads = []
    for conn in range(connections):
        t = threading.Thread(
            target=client, args=(host, port, conn, requests, size, gate, results)
        )
        threads.append(t)
    started = []
    for t in threads:
        try:
            t.start()
        except RuntimeError:
            # Out of threads: release the ones waiting at the gate; the
            # missing round trips fail the result check.
            if gate is not None:
                gate.abort()
            break
        started.append(t)
    for t in started:
        t.join()
    return sum(results)
