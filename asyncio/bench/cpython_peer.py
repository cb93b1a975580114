"""CPython peer for asyncio/examples/bench.rs.

Measures, with CPython's own asyncio, what the bench measures on the
hand-rolled loop, and prints one line per figure as ``key value``:

  cpython_yield_ns                      await asyncio.sleep(0) round trip
  cpython_sleepers_100k_wall_s          100k tasks sleeping 1 s, gathered
  cpython_sleepers_100k_bytes_per_task  RSS growth / tasks, while they sleep
  cpython_echo_req_per_s                64 connections x 1 KiB round trips,
                                        client and server on one loop

Other modes, run by the bench:

  --uvloop-echo [--quick]   prints uvloop_echo_req_per_s: the same echo on
                            uvloop's loop (uvloop must be importable)
  --serve [--uvloop]        the echo server alone, for the C10K figures: raises
                            the fd limit, prints "serving on ADDR" first, serves
                            until killed

Run: python3 asyncio/bench/cpython_peer.py [--quick]
The sleepers figure is measured in a fresh child process (this script run
with --sleepers) so earlier work does not pollute its RSS growth.
"""

import asyncio
import resource
import subprocess
import sys
import time


def rss_bytes():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


async def yield_loop(n):
    start = time.perf_counter()
    for _ in range(n):
        await asyncio.sleep(0)
    return (time.perf_counter() - start) / n * 1e9


async def sleepers(n, d):
    rss0 = rss_bytes()
    start = time.perf_counter()

    async def sleeper(i):
        await asyncio.sleep(d)
        return i

    tasks = [asyncio.create_task(sleeper(i)) for i in range(n)]
    await asyncio.sleep(0)  # every task has started and armed its timer
    rss1 = rss_bytes()
    ids = await asyncio.gather(*tasks)
    wall = time.perf_counter() - start
    assert ids == list(range(n))
    return wall, (rss1 - rss0) / n


async def handle_echo(reader, writer):
    while True:
        data = await reader.read(16384)
        if not data:
            break
        writer.write(data)
        await writer.drain()
    writer.close()


async def echo(connections, requests, payload):
    server = await asyncio.start_server(handle_echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    message = bytes(i % 251 for i in range(payload))

    async def client():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for _ in range(requests):
            writer.write(message)
            await writer.drain()
            reply = await reader.readexactly(payload)
            assert reply == message
        writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(connections)))
    elapsed = time.perf_counter() - start
    server.close()
    return connections * requests / elapsed


def run_on_uvloop(coro):
    """asyncio.run on uvloop's loop (uvloop.run where it exists, >= 0.18)."""
    import uvloop

    if hasattr(uvloop, "run"):
        return uvloop.run(coro)
    uvloop.install()
    return asyncio.run(coro)


async def serve():
    # As many fds as the hard limit allows: ten thousand connections.
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    server = await asyncio.start_server(handle_echo, "127.0.0.1", 0, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    print(f"serving on 127.0.0.1:{port}", flush=True)
    await server.serve_forever()


def main():
    if "--serve" in sys.argv:
        if "--uvloop" in sys.argv:
            run_on_uvloop(serve())
        else:
            asyncio.run(serve())
        return
    if "--uvloop-echo" in sys.argv:
        requests = 50 if "--quick" in sys.argv else 300
        rate = run_on_uvloop(echo(64, requests, 1024))
        print(f"uvloop_echo_req_per_s {rate:.1f}")
        return
    if "--sleepers" in sys.argv:
        n = int(sys.argv[sys.argv.index("--sleepers") + 1])
        wall, per_task = asyncio.run(sleepers(n, 1.0))
        print(f"cpython_sleepers_100k_wall_s {wall:.4f}")
        print(f"cpython_sleepers_100k_bytes_per_task {per_task:.1f}")
        return
    quick = "--quick" in sys.argv
    n_sleepers = 10_000 if quick else 100_000
    print(f"cpython_yield_ns {asyncio.run(yield_loop(200_000)):.1f}")
    child = subprocess.run(
        [sys.executable, __file__, "--sleepers", str(n_sleepers)],
        capture_output=True,
        text=True,
        check=True,
    )
    sys.stdout.write(child.stdout)
    requests = 50 if quick else 300
    print(f"cpython_echo_req_per_s {asyncio.run(echo(64, requests, 1024)):.1f}")


if __name__ == "__main__":
    main()
