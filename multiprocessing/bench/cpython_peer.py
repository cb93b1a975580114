"""CPython peer for multiprocessing/examples/bench.rs.

Measures, with the fork start method and 2 workers, the same operations the
Rust bench measures, and prints one `key=value` line per figure (medians).
Also runs the fault scenario on CPython's two pools — `multiprocessing.Pool`
and `concurrent.futures.ProcessPoolExecutor` — and a Listener/Client round
trip. Run by the bench through common::measure::python; usage:
    python3 cpython_peer.py MAP_TASKS APPLY_TASKS
"""
import concurrent.futures as cf
import multiprocessing as mp
import os
import signal
import statistics
import sys
import threading
import time
from multiprocessing.connection import Client, Listener

# The fault scenario: FAULT_TASKS tasks of FAULT_NAP seconds on 2 workers;
# task FAULT_VICTIM kills its own worker with SIGKILL.
FAULT_TASKS = 10
FAULT_VICTIM = 5
FAULT_NAP = 0.02
# How long to wait for the scenario's results before calling the rest hung.
FAULT_PATIENCE = 3.0
# Round trips for the Listener/Client measurement, and the message size.
ROUNDTRIPS = 2000
ROUNDTRIP_BYTES = 1024


def identity(x):
    return x


def nap_10ms(x):
    time.sleep(0.01)
    return x


def noop():
    pass


def die_or_nap(i):
    if i == FAULT_VICTIM:
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(FAULT_NAP)
    return i


def fault_counts(futures_or_results, ready, outcome):
    """(ok, failed, hung) over handles, after waiting FAULT_PATIENCE in all."""
    deadline = time.monotonic() + FAULT_PATIENCE
    ok = failed = hung = 0
    for h in futures_or_results:
        left = max(0.0, deadline - time.monotonic())
        if not ready(h, left):
            hung += 1
        elif outcome(h):
            ok += 1
        else:
            failed += 1
    return ok, failed, hung


def fault_pool(ctx):
    """multiprocessing.Pool with a killed worker (bpo-22393: it hangs)."""
    pool = ctx.Pool(2)
    handles = [pool.apply_async(die_or_nap, (i,)) for i in range(FAULT_TASKS)]

    def ready(h, left):
        h.wait(left)
        return h.ready()

    ok, failed, hung = fault_counts(handles, ready, lambda h: h.successful())
    try:
        usable = int(pool.apply_async(die_or_nap, (0,)).get(FAULT_PATIENCE) == 0)
    except Exception:
        usable = 0
    pool.terminate()
    pool.join()
    return ok, failed, hung, usable


def fault_executor(ctx):
    """ProcessPoolExecutor with a killed worker (the whole pool breaks)."""
    ex = cf.ProcessPoolExecutor(2, mp_context=ctx)
    futures = [ex.submit(die_or_nap, i) for i in range(FAULT_TASKS)]

    def ready(f, left):
        cf.wait([f], timeout=left)
        return f.done()

    ok, failed, hung = fault_counts(futures, ready, lambda f: f.exception() is None)
    try:
        usable = int(ex.submit(die_or_nap, 0).result(FAULT_PATIENCE) == 0)
    except Exception:
        usable = 0
    ex.shutdown(wait=False, cancel_futures=True)
    return ok, failed, hung, usable


def echo_server(listener):
    with listener.accept() as c:
        while True:
            try:
                c.send_bytes(c.recv_bytes())
            except EOFError:
                return


def listener_roundtrip_us(ctx):
    """Client <-> Listener (another process) over TCP, 1 KiB, after the handshake."""
    listener = Listener(("127.0.0.1", 0), authkey=b"bench")
    server = ctx.Process(target=echo_server, args=(listener,))
    server.start()
    message = b"x" * ROUNDTRIP_BYTES
    with Client(listener.address, authkey=b"bench") as c:
        for _ in range(100):
            c.send_bytes(message)
            c.recv_bytes()
        start = time.perf_counter()
        for _ in range(ROUNDTRIPS):
            c.send_bytes(message)
            c.recv_bytes()
        elapsed = time.perf_counter() - start
    server.join()
    listener.close()
    return elapsed / ROUNDTRIPS * 1e6


def median_of(runs, warmup, fn):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    map_tasks = int(sys.argv[1])
    apply_tasks = int(sys.argv[2])
    ctx = mp.get_context("fork")

    def start_join():
        p = ctx.Process(target=noop)
        p.start()
        p.join()

    print(f"process_start_join_ms={median_of(50, 5, start_join) * 1e3}")

    pools = []

    def pool_start():
        pools.append(ctx.Pool(2))

    t = median_of(10, 1, pool_start)
    for p in pools:
        p.terminate()
        p.join()
    print(f"pool_start_ms={t * 1e3}")

    with ctx.Pool(2) as pool:
        data = list(range(map_tasks))
        pool.map(identity, range(100), chunksize=1)  # warm
        t = median_of(3, 0, lambda: pool.map(identity, data, chunksize=1))
        print(f"map_chunksize1_us_per_task={t / map_tasks * 1e6}")
        t = median_of(3, 1, lambda: pool.map(identity, data))
        print(f"map_default_us_per_task={t / map_tasks * 1e6}")

        def apply_all():
            results = [pool.apply_async(identity, (i,)) for i in range(apply_tasks)]
            for r in results:
                r.get()

        t = median_of(3, 0, apply_all)
        print(f"apply_async_us_per_task={t / apply_tasks * 1e6}")

    # imap of 200 tasks of 10 ms: time until the first result (fresh pool per run).
    firsts = []
    for _ in range(5):
        with ctx.Pool(2) as pool:
            start = time.perf_counter()
            it = pool.imap(nap_10ms, range(200))
            next(it)
            firsts.append(time.perf_counter() - start)
            pool.terminate()
    print(f"imap_first_result_ms={statistics.median(firsts) * 1e3}")

    # forkserver Pool(2) start, the server already running (warm-up starts it).
    fs = mp.get_context("forkserver")
    fs_pools = []
    t = median_of(10, 1, lambda: fs_pools.append(fs.Pool(2)))
    for p in fs_pools:
        p.terminate()
        p.join()
    print(f"forkserver_pool_start_ms={t * 1e3}")

    for name, run in (("pool", fault_pool), ("executor", fault_executor)):
        ok, failed, hung, usable = run(ctx)
        print(f"{name}_fault_ok_tasks={ok}")
        print(f"{name}_fault_failed_tasks={failed}")
        print(f"{name}_fault_hung_tasks={hung}")
        print(f"{name}_fault_pool_usable_after={usable}")

    print(f"listener_roundtrip_us={listener_roundtrip_us(ctx)}")


if __name__ == "__main__":
    main()
