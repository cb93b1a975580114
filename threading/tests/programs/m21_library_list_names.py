# Checks: every module and name of MINIPY.md v2's library list (the stdlib audit) is present
# with the same kind (class / callable / value) as in CPython 3.11, and the methods and
# attributes the list names on its classes exist.
import threading, queue, concurrent.futures, random, logging, time, sys, os, functools
import itertools, math, contextlib, dataclasses, collections, array, io, socket

LIST = {
    threading: "Thread current_thread main_thread enumerate active_count get_ident get_native_id "
               "excepthook local Lock RLock Condition Semaphore BoundedSemaphore Event Barrier "
               "BrokenBarrierError Timer TIMEOUT_MAX",
    queue: "Queue LifoQueue PriorityQueue SimpleQueue Empty Full",
    concurrent.futures: "ThreadPoolExecutor Future as_completed wait FIRST_COMPLETED "
                        "FIRST_EXCEPTION ALL_COMPLETED TimeoutError",
    random: "seed random getrandbits randint randrange choice choices shuffle sample uniform "
            "gauss Random getstate setstate",
    logging: "basicConfig getLogger debug info warning error exception critical log DEBUG INFO "
             "WARNING ERROR CRITICAL Logger Handler StreamHandler Formatter LogRecord",
    time: "sleep time perf_counter monotonic time_ns perf_counter_ns monotonic_ns strftime "
          "localtime gmtime struct_time",
    sys: "exit argv stdout stderr setswitchinterval getswitchinterval getrecursionlimit",
    os: "getpid cpu_count environ",
    functools: "wraps partial reduce lru_cache total_ordering",
    itertools: "count cycle repeat islice chain product permutations combinations",
    math: "pi e tau inf nan sqrt isqrt floor ceil trunc fabs copysign fmod exp log log2 log10 "
          "pow sin cos tan asin acos atan atan2 hypot degrees radians isclose isfinite isinf "
          "isnan gcd lcm factorial comb perm prod fsum dist",
    contextlib: "contextmanager",
    dataclasses: "dataclass field",
    collections: "deque defaultdict Counter namedtuple",
    array: "array",
    io: "StringIO",
    socket: "socket create_connection timeout AF_INET SOCK_STREAM SOL_SOCKET SO_REUSEADDR "
            "SHUT_RDWR",
}

METHODS = {
    threading.Thread: "start run join is_alive name ident native_id daemon",
    threading.Condition: "wait wait_for notify notify_all",
    threading.Barrier: "wait abort reset parties n_waiting broken",
    threading.Timer: "cancel",
    queue.Queue: "put get put_nowait get_nowait full empty qsize task_done join",
    queue.SimpleQueue: "put get put_nowait get_nowait empty qsize",
    concurrent.futures.ThreadPoolExecutor: "submit map shutdown __enter__ __exit__",
    concurrent.futures.Future: "result exception done running cancel cancelled add_done_callback",
    io.StringIO: "write getvalue read readline seek tell close",
    collections.deque: "append appendleft pop popleft extend rotate maxlen",
    socket.socket: "bind listen accept connect send sendall recv shutdown close settimeout "
                   "setsockopt getsockname __enter__ __exit__",
    sys.stdout.__class__: "write flush",
}


def kind(value):
    # Values by what a program can do with them: socket.AF_INET is an IntEnum member in
    # CPython and a plain int here, os.environ a mapping (_Environ) there and a dict here.
    if isinstance(value, type):
        return "class"
    if callable(value):
        return "callable"
    for family in (bool, int, float, str, list, tuple):
        if isinstance(value, family):
            return "value " + family.__name__
    if hasattr(value, "get") and hasattr(value, "keys"):
        return "value mapping"
    return "value object"


for module, names in LIST.items():
    for name in names.split():
        print(f"{module.__name__}.{name}:", kind(getattr(module, name)) if hasattr(module, name) else "MISSING")
for cls, names in METHODS.items():
    for name in names.split():
        print(f"{cls.__name__}.{name}:", "ok" if hasattr(cls, name) else "MISSING")
