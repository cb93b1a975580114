"""CPython peer for multiprocessing/examples/bench.rs.

Measures, with the fork start method and 2 workers, the same operations the
Rust bench measures, and prints one `key=value` line per figure (medians).
Run by the bench through common::measure::python; usage:
    python3 cpython_peer.py MAP_TASKS APPLY_TASKS
"""
import multiprocessing as mp
import statistics
import sys
import time


def identity(x):
    return x


def nap_10ms(x):
    time.sleep(0.01)
    return x


def noop():
    pass


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


if __name__ == "__main__":
    main()
