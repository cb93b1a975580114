//! The thread's slice cache (`vm/slice_cache.rs`: `BUILD_SLICE` refills
//! the previous slice object once nothing else holds it), under every GIL
//! mode, against what `python3` 3.11 prints: slices a `__getitem__` stores
//! (each keeps its own bounds, none is the same object as another), the
//! same slicing in a loop, nested and negative and stepped slices,
//! `slice(...)` objects held in variables and a list while later slices
//! are made, slice assignment and deletion, str/tuple/bytes slices, bounds
//! past 64 bits, and four threads slicing at once, one slice each kept by a
//! `__getitem__`.

mod eras;

const SLICES: &str = r#"import threading
class Keeper:
    def __init__(self):
        self.seen = []
    def __getitem__(self, key):
        self.seen.append(key)
        return key.start, key.stop, key.step
k = Keeper()
print(k[1:2], k[3:4:5], k[::-1], k[None:7])
print([(s.start, s.stop, s.step) for s in k.seen], k.seen[0] is k.seen[1])
a = list(range(10))
total = 0
for i in range(100):
    total += sum(a[i % 5:i % 5 + 3])
print(total, a[2:8][1:3], a[::3], a[-3:], a[5:2:-1])
s = slice(1, 4)
print(a[s], a[1:4], s.start, s.stop, a[s] == a[1:4])
held = []
for i in range(5):
    held.append(slice(i, i + 2))
    a[i:i + 1] = [a[i] * 10]
print(a, [a[x] for x in held])
del a[1:3]
print(a, "x" * 3, "abcdef"[1:4], (1, 2, 3, 4)[::2], b"bytes"[1:3])
big = 10 ** 30
print(a[-big:big], a[big:], "abc"[-big:2])
out = []
lock = threading.Lock()
def worker(n):
    data = list(range(n, n + 20))
    mine = []
    for i in range(200):
        mine.append(sum(data[i % 10:i % 10 + 5]))
    kept = Keeper()
    kept[n:n + 1]
    with lock:
        out.append((n, sum(mine), [(x.start, x.stop) for x in kept.seen]))
threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(out))
"#;

/// What python3 3.11 prints for [`SLICES`].
const SLICES_SAY: &str = "(1, 2, None) (3, 4, 5) (None, None, -1) (None, 7, None)\n\
[(1, 2, None), (3, 4, 5), (None, None, -1), (None, 7, None)] False\n\
900 [3, 4] [0, 3, 6, 9] [7, 8, 9] [5, 4, 3]\n\
[1, 2, 3] [1, 2, 3] 1 4 True\n\
[0, 10, 20, 30, 40, 5, 6, 7, 8, 9] [[0, 10], [10, 20], [20, 30], [30, 40], [40, 5]]\n\
[0, 30, 40, 5, 6, 7, 8, 9] xxx bcd (1, 3) b'yt'\n\
[0, 30, 40, 5, 6, 7, 8, 9] [] ab\n\
[(0, 6500, [(0, 1)]), (1, 7500, [(1, 2)]), (2, 8500, [(2, 3)]), (3, 9500, [(3, 4)])]\n\
";

#[test]
fn slices_print_what_python_prints_while_the_cache_refills_them() {
    eras::assert_prints("slice_cache.py", SLICES, SLICES_SAY);
}
