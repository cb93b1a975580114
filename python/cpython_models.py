"""CPython's side of the main job: one workload through one of Python's models.

The Rust main job (`cargo run --release`) runs this script once per cell of
its table, so the reader sees CPython's numbers measured in the same run as
the Rust models. It prints one JSON object on stdout:

    {"wall_s": float, "cpu_s": float, "peak_rss_bytes": int,
     "baseline_rss_bytes": int, "workers_peak_rss_bytes": int, "result": ...}

Usage (the Rust side builds the spec; any reader can too):

    python3 python/cpython_models.py MODEL SPEC_JSON

MODEL is one of: sequential, threading, multiprocessing, asyncio.
SPEC_JSON is one of:

    {"kind": "cpu", "source": "<MiniPy source>", "calls": ["count(100)", ...],
     "workers": 2}
    {"kind": "sleep", "tasks": 20, "latency_s": 0.05}
    {"kind": "echo", "host": "127.0.0.1", "port": 4000, "connections": 4,
     "requests": 50, "payload": 1024, "all_connected": false}

cpu: the calls are the parts of one task (Rust's CpuTask::split); the result
is the sum of their values, which must equal the Rust reference. sleep: the
result is the list of task ids, in task order. echo: the result is the number
of round trips whose reply matched what was sent; with "all_connected" every
client connects, then waits until all are connected before its round trips
(the C10K row). The threaded echo clients are `echo_threads.py`, beside this
file, a program MiniPy will run too.

workers_peak_rss_bytes: for multiprocessing, the worker processes' peak RSS
(VmHWM), summed: a pool's workers are read from /proc/PID/status after map,
while still alive; a sleeper process writes its own into shared memory just
before it exits.

Only the standard library is used.
"""

import json
import os
import resource
import sys
import time

# No __pycache__ in the repository's python/ when echo_threads is imported.
sys.dont_write_bytecode = True

# asyncio, multiprocessing, socket and threading are imported only for the
# model that uses them (see `prepare`): each cell is a fresh interpreter, and
# importing all of them would add tens of milliseconds to each of a hundred
# cells.


def echo_threads():
    """The threaded echo client program beside this file (imported once)."""
    import echo_threads as program

    return program

# The namespace the MiniPy kernel source is executed in. With the fork start
# method, pool workers inherit it, so `run_call` can be sent by reference.
KERNELS = {}


def run_call(expr):
    return eval(expr, KERNELS)


# The worker processes' peak RSS, summed, of the model that just ran (set by
# the multiprocessing branches; 0 for the others).
WORKERS_PEAK = [0]


def status_bytes(field, pid="self"):
    """One kB field of /proc/PID/status (VmRSS, VmHWM), in bytes; 0 when the
    process is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def live_workers_peak():
    """The live child processes' (a pool's workers') peak RSS, summed."""
    import multiprocessing

    return sum(status_bytes("VmHWM", p.pid) for p in multiprocessing.active_children())


def ensure_open_files(needed):
    """Raises the soft open-file limit to `needed` if the hard one allows."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        if hard != resource.RLIM_INFINITY and hard < needed:
            raise SystemExit(f"needs {needed} open files but the hard limit is {hard}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))


# ---------------------------------------------------------------- cpu


def cpu(model, spec):
    exec(spec["source"], KERNELS)
    calls = spec["calls"]
    workers = spec.get("workers", 2)
    if model == "sequential":
        return sum(run_call(c) for c in calls)
    if model == "threading":
        import threading

        results = [0] * len(calls)

        def work(i):
            results[i] = run_call(calls[i])

        threads = [threading.Thread(target=work, args=(i,)) for i in range(len(calls))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return sum(results)
    if model == "multiprocessing":
        from multiprocessing import get_context

        with get_context("fork").Pool(workers) as pool:
            total = sum(pool.map(run_call, calls, chunksize=1))
            WORKERS_PEAK[0] = live_workers_peak()
            return total
    if model == "asyncio":
        import asyncio

        async def task(expr):
            return run_call(expr)

        async def main():
            return sum(await asyncio.gather(*(task(c) for c in calls)))

        return asyncio.run(main())
    raise SystemExit(f"unknown model {model}")


# ---------------------------------------------------------------- sleep


def sleep_proc(latency, peaks, i):
    time.sleep(latency)
    peaks[i] = status_bytes("VmHWM")


def sleep(model, spec):
    n, latency = spec["tasks"], spec["latency_s"]
    if model == "sequential":
        ids = []
        for i in range(n):
            time.sleep(latency)
            ids.append(i)
        return ids
    if model == "threading":
        import threading

        done = [None] * n

        def work(i):
            time.sleep(latency)
            done[i] = i

        threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return done
    if model == "multiprocessing":
        from multiprocessing import get_context

        ctx = get_context("fork")
        peaks = ctx.Array("q", n)
        procs = [ctx.Process(target=sleep_proc, args=(latency, peaks, i)) for i in range(n)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        WORKERS_PEAK[0] = sum(peaks)
        return [i for i, p in enumerate(procs) if p.exitcode == 0]
    if model == "asyncio":
        import asyncio

        async def task(i):
            await asyncio.sleep(latency)
            return i

        async def main():
            return list(await asyncio.gather(*(task(i) for i in range(n))))

        return asyncio.run(main())
    raise SystemExit(f"unknown model {model}")


# ---------------------------------------------------------------- echo


def echo_client_proc(args):
    """One connection's round trips (the sequential and pool models)."""
    host, port, conn, requests, size = args
    results = {}
    echo_threads().client(host, port, conn, requests, size, None, results)
    return results.get(conn, 0)


class Gate:
    """N arrivals open it: a counter and an asyncio.Event (the C10K gate)."""

    def __init__(self, parties):
        import asyncio

        self.missing = parties
        self.opened = asyncio.Event()
        if parties == 0:
            self.opened.set()

    async def arrive_and_wait(self):
        self.missing -= 1
        if self.missing <= 0:
            self.opened.set()
        await self.opened.wait()


def echo(model, spec):
    host, port = spec["host"], spec["port"]
    conns, requests, size = spec["connections"], spec["requests"], spec["payload"]
    all_connected = spec.get("all_connected", False)
    ensure_open_files(conns + 256)
    jobs = [(host, port, c, requests, size) for c in range(conns)]
    if model == "sequential":
        return sum(echo_client_proc(j) for j in jobs)
    if model == "threading":
        return echo_threads().run(host, port, conns, requests, size, all_connected)
    if model == "multiprocessing":
        from multiprocessing import get_context

        with get_context("fork").Pool(min(conns, os.cpu_count() or 2)) as pool:
            total = sum(pool.map(echo_client_proc, jobs))
            WORKERS_PEAK[0] = live_workers_peak()
            return total
    if model == "asyncio":
        import asyncio
        import socket

        async def client(conn, gate):
            try:
                reader, writer = await asyncio.open_connection(host, port)
            except OSError:
                reader = writer = None
            await gate.arrive_and_wait()
            if writer is None:
                return 0
            sock = writer.get_extra_info("socket")
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            ok = 0
            try:
                for req in range(requests):
                    data = echo_threads().payload(conn, req, size)
                    writer.write(data)
                    await writer.drain()
                    got = await reader.readexactly(size)
                    ok += got == data
            except (OSError, asyncio.IncompleteReadError):
                pass
            writer.close()
            await writer.wait_closed()
            return ok

        async def main():
            gate = Gate(conns if all_connected else 0)
            return sum(await asyncio.gather(*(client(c, gate) for c in range(conns))))

        return asyncio.run(main())
    raise SystemExit(f"unknown model {model}")


def prepare(model, kind):
    """Imports what `model` uses before the baseline is read, so the cell's
    memory growth and time are the workload's, not the imports'."""
    import threading  # noqa: F401
    if model == "asyncio":
        import asyncio  # noqa: F401
    if model == "multiprocessing":
        import multiprocessing.pool  # noqa: F401
    if kind == "echo":
        import socket  # noqa: F401

        echo_threads()


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    model, spec = sys.argv[1], json.loads(sys.argv[2])
    run = {"cpu": cpu, "sleep": sleep, "echo": echo}[spec["kind"]]
    prepare(model, spec["kind"])
    baseline = status_bytes("VmRSS")
    t0 = os.times()
    start = time.perf_counter()
    result = run(model, spec)
    wall = time.perf_counter() - start
    t1 = os.times()
    cpu_s = (t1.user - t0.user) + (t1.system - t0.system)
    cpu_s += (t1.children_user - t0.children_user) + (t1.children_system - t0.children_system)
    print(
        json.dumps(
            {
                "wall_s": wall,
                "cpu_s": cpu_s,
                "peak_rss_bytes": status_bytes("VmHWM"),
                "baseline_rss_bytes": baseline,
                "workers_peak_rss_bytes": WORKERS_PEAK[0],
                "result": result,
            }
        )
    )


if __name__ == "__main__":
    main()
