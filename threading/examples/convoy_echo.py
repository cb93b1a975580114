"""The convoy effect, as David Beazley showed it: an echo server beside a
CPU-bound thread.

Two processes, as Beazley ran it (the server under MiniPy or CPython, the
client under anything):

    cargo run --release -p threading -- threading/examples/convoy_echo.py server 25000 --as 3.12 &
    python3 threading/examples/convoy_echo.py client 25000

One process (server threads and the client thread side by side):

    cargo run --release -p threading -- threading/examples/convoy_echo.py --as 3.12
    python3 threading/examples/convoy_echo.py

The server accepts connections in one thread and echoes each in a thread
of its own. The client measures round trips per second, first alone,
then after asking the server to start a thread that spins in a
pure-Python loop.

Alone, a round trip costs the handler one short wait in `recv` with the
GIL released. Beside the spinner, every `recv` that returns must take the
GIL back from a thread that never blocks, so it waits until the spinner
is asked to drop it: one switch interval (5 ms) with the new GIL of
3.2-3.12, about 200 round trips per second however fast the network is;
often longer with the old GIL of 2.7, which the spinner re-takes first;
not at all without a GIL (3.13t). Requests per second fall by two orders
of magnitude although the CPU-bound thread never touches a socket.

With the client in the same process the picture changes, which is worth
seeing too: the client and the handler hand the GIL to each other at
every system call, faster than the waiting spinner can wake up and take
it, so it is the CPU-bound thread that starves and the slowdown is small.

The protocol: 64-byte messages echoed verbatim; `!spin` starts the
spinner, `!stop` stops it, `!quit` ends the server (each echoed back as
its acknowledgement).

Usage:
    convoy_echo.py [SECONDS]                  both roles in one process
    convoy_echo.py server [PORT]              serve (PORT 0: any free port, printed)
    convoy_echo.py client PORT [SECONDS]      measure a server on 127.0.0.1
"""

import socket
import sys
import threading
import time

MESSAGE = b"x" * 64


class Spinner:
    """A thread running a pure-Python loop until stopped."""

    def __init__(self):
        self.running = False
        self.thread = None

    def start(self):
        self.running = True
        self.thread = threading.Thread(target=self.spin, name="spinner")
        self.thread.start()

    def spin(self):
        n = 0
        while self.running:
            n += 1

    def stop(self):
        if self.thread is not None:
            self.running = False
            self.thread.join()
            self.thread = None


def handle(conn, spinner, server):
    """Echoes every message; obeys the three commands."""
    with conn:
        while True:
            data = conn.recv(4096)
            if not data:
                return
            if data == b"!spin":
                spinner.start()
            elif data == b"!stop":
                spinner.stop()
            elif data == b"!quit":
                conn.sendall(data)
                # shutdown wakes the accepting thread (close alone would
                # not, on Linux); its accept then fails and it returns.
                server.shutdown(socket.SHUT_RDWR)
                server.close()
                return
            conn.sendall(data)


def serve(server):
    """Accepts connections until the listener is closed."""
    spinner = Spinner()
    while True:
        try:
            conn, _ = server.accept()
        except OSError:
            spinner.stop()
            return
        threading.Thread(
            target=handle, args=(conn, spinner, server), daemon=True
        ).start()


def listen(port):
    """A listening socket on 127.0.0.1:port."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen()
    return server


def request(sock, message):
    """Sends one message and waits for all of its echo."""
    sock.sendall(message)
    got = 0
    while got < len(message):
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        got += len(chunk)


def round_trips_per_second(sock, seconds):
    """Round trips of MESSAGE for `seconds`, per second."""
    count = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        request(sock, MESSAGE)
        count += 1
        now = time.perf_counter()
        if now >= deadline:
            return count / (now - start)


def client(port, seconds):
    """Measures alone and beside the spinner; prints both and the ratio."""
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        alone = round_trips_per_second(sock, seconds)
        request(sock, b"!spin")
        beside = round_trips_per_second(sock, seconds)
        request(sock, b"!stop")
        request(sock, b"!quit")
    print(f"alone_req_per_s      {alone:10.1f}")
    print(f"beside_cpu_req_per_s {beside:10.1f}")
    print(f"slowdown             {alone / beside:10.1f}")


def main(argv):
    role = argv[1] if len(argv) > 1 else ""
    if role == "server":
        server = listen(int(argv[2]) if len(argv) > 2 else 0)
        print("listening on", server.getsockname()[1], flush=True)
        serve(server)
    elif role == "client":
        client(int(argv[2]), float(argv[3]) if len(argv) > 3 else 1.0)
    else:
        server = listen(0)
        acceptor = threading.Thread(target=serve, args=(server,))
        acceptor.start()
        client(server.getsockname()[1], float(role) if role else 1.0)
        acceptor.join()


if __name__ == "__main__":
    main(sys.argv)
