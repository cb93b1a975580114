"""CPython's side of the main job: one workload through one of Python's models.

The Rust main job (`cargo run --release`) runs this script once per cell of
its table, so the reader sees CPython's numbers measured in the same run as
the Rust models. It prints one JSON object on stdout:

    {"wall_s": float, "cpu_s": float, "peak_rss_bytes": int,
     "baseline_rss_bytes": int, "result": ...}

Usage (the Rust side builds the spec; any reader can too):

    python3 python/cpython_models.py MODEL SPEC_JSON

MODEL is one of: sequential, threading, multiprocessing, asyncio.
SPEC_JSON is one of:

    {"kind": "cpu", "source": "<MiniPy source>", "calls": ["count(100)", ...],
     "workers": 2}
    {"kind": "sleep", "tasks": 20, "latency_s": 0.05}
    {"kind": "echo", "host": "127.0.0.1", "port": 4000, "connections": 4,
     "requests": 50, "payload": 1024}

cpu: the calls are the parts of one task (Rust's CpuTask::split); the result
is the sum of their values, which must equal the Rust reference. sleep: the
result is the list of task ids, in task order. echo: the result is the number
of round trips whose reply matched what was sent.

Only the standard library is used.
"""

import asyncio
import json
import os
import resource
import socket
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import get_context

# The namespace the MiniPy kernel source is executed in. With the fork start
# method, pool workers inherit it, so `run_call` can be sent by reference.
KERNELS = {}


def run_call(expr):
    return eval(expr, KERNELS)


def status_bytes(field):
    """One kB field of /proc/self/status (VmRSS, VmHWM), in bytes."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


# ---------------------------------------------------------------- cpu


def cpu(model, spec):
    exec(spec["source"], KERNELS)
    calls = spec["calls"]
    workers = spec.get("workers", 2)
    if model == "sequential":
        return sum(run_call(c) for c in calls)
    if model == "threading":
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
        with get_context("fork").Pool(workers) as pool:
            return sum(pool.map(run_call, calls, chunksize=1))
    if model == "asyncio":

        async def task(expr):
            return run_call(expr)

        async def main():
            return sum(await asyncio.gather(*(task(c) for c in calls)))

        return asyncio.run(main())
    raise SystemExit(f"unknown model {model}")


# ---------------------------------------------------------------- sleep


def sleep_proc(latency):
    time.sleep(latency)


def sleep(model, spec):
    n, latency = spec["tasks"], spec["latency_s"]
    if model == "sequential":
        ids = []
        for i in range(n):
            time.sleep(latency)
            ids.append(i)
        return ids
    if model == "threading":
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
        ctx = get_context("fork")
        procs = [ctx.Process(target=sleep_proc, args=(latency,)) for _ in range(n)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        return [i for i, p in enumerate(procs) if p.exitcode == 0]
    if model == "asyncio":

        async def task(i):
            await asyncio.sleep(latency)
            return i

        async def main():
            return list(await asyncio.gather(*(task(i) for i in range(n))))

        return asyncio.run(main())
    raise SystemExit(f"unknown model {model}")


# ---------------------------------------------------------------- echo


def payload(conn, req, size):
    seed = (conn * 7919 + req * 104729) & 0xFF
    return bytes((seed + i) & 0xFF for i in range(size))


def echo_client(host, port, conn, requests, size):
    ok = 0
    with socket.create_connection((host, port)) as s:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for req in range(requests):
            data = payload(conn, req, size)
            s.sendall(data)
            got = b""
            while len(got) < size:
                chunk = s.recv(size - len(got))
                if not chunk:
                    break
                got += chunk
            ok += got == data
    return ok


def echo_client_proc(args):
    return echo_client(*args)


def echo(model, spec):
    host, port = spec["host"], spec["port"]
    conns, requests, size = spec["connections"], spec["requests"], spec["payload"]
    jobs = [(host, port, c, requests, size) for c in range(conns)]
    if model == "sequential":
        return sum(echo_client(*j) for j in jobs)
    if model == "threading":
        with ThreadPoolExecutor(max_workers=conns) as ex:
            return sum(ex.map(lambda j: echo_client(*j), jobs))
    if model == "multiprocessing":
        with get_context("fork").Pool(min(conns, os.cpu_count() or 2)) as pool:
            return sum(pool.map(echo_client_proc, jobs))
    if model == "asyncio":

        async def client(conn):
            reader, writer = await asyncio.open_connection(host, port)
            sock = writer.get_extra_info("socket")
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            ok = 0
            for req in range(requests):
                data = payload(conn, req, size)
                writer.write(data)
                await writer.drain()
                got = await reader.readexactly(size)
                ok += got == data
            writer.close()
            await writer.wait_closed()
            return ok

        async def main():
            return sum(await asyncio.gather(*(client(c) for c in range(conns))))

        return asyncio.run(main())
    raise SystemExit(f"unknown model {model}")


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    model, spec = sys.argv[1], json.loads(sys.argv[2])
    run = {"cpu": cpu, "sleep": sleep, "echo": echo}[spec["kind"]]
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
                "result": result,
            }
        )
    )


if __name__ == "__main__":
    main()
