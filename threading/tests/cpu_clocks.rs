//! `time.process_time()` and `time.thread_time()` (and their `_ns` forms)
//! are CPU clocks (`modules/time_c/cpu_clock.rs`), not the monotonic clock
//! they once aliased: a sleep is not counted by the thread's clock, CPU
//! work is, the `_ns` forms are ints on the same clocks, and a worker's
//! spinning is its own thread's time, not that of the main thread joining
//! it. python3 3.11's output, in every era. (The process clock counts
//! every thread of the test process, other tests' too, so only its
//! direction is asserted.)

mod eras;

const PROGRAM: &str = r#"import threading
import time

# A sleep uses (nearly) no CPU: the thread's clock does not count it. (The
# process clock counts every thread of the process, which in the test
# harness includes other tests': only its direction is checked.)
p0, t0 = time.process_time(), time.thread_time()
time.sleep(0.2)
print("sleep counted:", time.thread_time() - t0 > 0.1, time.process_time() >= p0)

# CPU work is counted by both, and the ns forms are ints on the same clocks.
t1 = time.thread_time()
n = 0
while time.thread_time() - t1 < 0.05:
    n += 1
print("work counted:", time.thread_time() - t1 >= 0.05, time.process_time() - p0 >= 0.05)
print(type(time.process_time_ns()).__name__, type(time.thread_time_ns()).__name__)
print(abs(time.thread_time_ns() / 1e9 - time.thread_time()) < 0.01)

# A thread's clock counts only that thread: the main thread waits (no CPU)
# while a worker spins for 0.1 s of its own CPU time.
def spin():
    s = time.thread_time()
    while time.thread_time() - s < 0.1:
        pass
    out.append(time.thread_time() - s >= 0.1)

out = []
w = threading.Thread(target=spin)
m0 = time.thread_time()
w.start()
w.join()
print("worker counted:", out, "main counted it:", time.thread_time() - m0 > 0.05)
"#;

const SAYS: &str = "sleep counted: False True
work counted: True True
int int
True
worker counted: [True] main counted it: False
";

#[test]
fn cpu_clocks_count_cpu_work_not_sleep_and_per_thread() {
    eras::assert_prints("cpu_clocks.py", PROGRAM, SAYS);
}
