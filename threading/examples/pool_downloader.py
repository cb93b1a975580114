"""A downloader on a ThreadPoolExecutor: the I/O-bound case where threads
help, GIL and all.

    cargo run --release -p threading -- threading/examples/pool_downloader.py --as 3.12
    python3 threading/examples/pool_downloader.py

A tiny file server runs on loopback in this process: it answers
`GET name` with the file's size on a line, then the bytes, after a
simulated network latency of 50 ms (a `time.sleep` in the handler, the
stand-in for a slow remote host). The client fetches 16 files, first one
after another, then with a pool of 8 worker threads
(`concurrent.futures.ThreadPoolExecutor`), and checks every file.

Each download spends almost all of its time blocked (in `recv`, with the
GIL released), so eight downloads wait side by side and the pool is close
to eight times faster, under every GIL era: this is the work threads are
good at in Python. The files arrive in completion order (`as_completed`),
which varies from run to run; the report is sorted so that the output is
the same every time, timings aside.
"""

import concurrent.futures
import socket
import threading
import time

LATENCY = 0.05
FILES = {f"file{i:02d}.bin": 1000 + 937 * i for i in range(16)}


def content(name):
    """The bytes of file `name` (deterministic, so the client can check)."""
    size = FILES[name]
    seed = sum(name.encode())
    return bytes((seed + i * 31) % 256 for i in range(size))


def handle(conn):
    """Serves one request: `GET name\\n` → `size\\n` + bytes."""
    with conn:
        request = b""
        while not request.endswith(b"\n"):
            chunk = conn.recv(1024)
            if not chunk:
                return
            request += chunk
        name = request.decode().split()[1]
        time.sleep(LATENCY)  # the slow network
        body = content(name)
        conn.sendall(f"{len(body)}\n".encode() + body)


def serve(server):
    """Accepts until the listener is shut down."""
    while True:
        try:
            conn, _ = server.accept()
        except OSError:
            return
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


def download(port, name):
    """Fetches one file; returns (name, size, whether the bytes are right)."""
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(f"GET {name}\n".encode())
        data = b""
        while b"\n" not in data:
            data += sock.recv(65536)
        header, body = data.split(b"\n", 1)
        size = int(header)
        while len(body) < size:
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
    return name, len(body), body == content(name)


def main():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(32)
    port = server.getsockname()[1]
    threading.Thread(target=serve, args=(server,), daemon=True).start()
    names = sorted(FILES)

    start = time.perf_counter()
    one_by_one = [download(port, name) for name in names]
    sequential = time.perf_counter() - start

    start = time.perf_counter()
    arrived = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(download, port, name) for name in names]
        for future in concurrent.futures.as_completed(futures):
            arrived.append(future.result())
    pooled = time.perf_counter() - start

    server.shutdown(socket.SHUT_RDWR)
    server.close()
    for name, size, ok in sorted(arrived):
        print(f"{name}  {size:6d} bytes  {'ok' if ok else 'CORRUPT'}")
    same = sorted(arrived) == one_by_one
    print(f"{len(arrived)} files, {sum(s for _, s, _ in arrived)} bytes, "
          f"same as one by one: {same}")
    print(f"one by one:        {sequential:6.3f} s")
    print(f"pool of 8 threads: {pooled:6.3f} s   ({sequential / pooled:.1f}x faster)")


if __name__ == "__main__":
    main()
