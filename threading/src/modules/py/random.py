"""Pseudo-random numbers, bit-exact with CPython 3.11.

The generator itself is native: `_random.Random` is the Mersenne Twister
(MT19937) with CPython's seeding, and gives random() (53-bit floats),
getrandbits(k), seed(int or None), getstate() and setstate(). Everything
else is CPython's algorithms in Python, here, so that the same seed gives
the same numbers as CPython:

    seed("text")   str/bytes -> bytes + their SHA-512 digest -> one big int
                   (CPython's version 2 seeding) -> the native seed
    randrange(n)   _randbelow(n): draw k = n.bit_length() random bits,
                   retry until the value is below n (no modulo bias)
    randint(a, b)  randrange(a, b + 1)
    choice(seq)    seq[_randbelow(len(seq))]
    shuffle(x)     Fisher-Yates from the end, j = _randbelow(i + 1)
    sample(p, k)   a shrinking pool for small populations, a set of chosen
                   indices for large ones (the same switch point as CPython)
    choices(...)   floor(random() * n), or bisect into cumulative weights
    gauss()        Box-Muller, keeping the second value in gauss_next

Every method draws from the generator exactly as CPython's does; a
different but "equivalent" algorithm would give other numbers.

Mirrors: Random (seed with version 1 and 2, random, getrandbits,
randbytes, randrange, randint, choice, choices, shuffle, sample, uniform,
triangular, gauss, normalvariate, lognormvariate, expovariate,
paretovariate, weibullvariate, getstate, setstate) and the module-level
functions, all bound to one shared Random instance seeded from the OS.

Left out: SystemRandom (it needs os.urandom), vonmisesvariate,
gammavariate, betavariate, pickling support, and CPython's switch to a
random()-based _randbelow for subclasses that override random() but not
getrandbits() (here _randbelow always uses getrandbits). sample() accepts
any sized, indexable population that is not a set or dict (CPython asks
collections.abc.Sequence).

Natives: _random.Random (subclassed), _sha512.sha512, math (log, exp,
sqrt, cos, sin, tau, floor, ceil, isfinite), _warnings.warn if present;
sibling bisect.
"""

from math import log as _log, exp as _exp, sqrt as _sqrt, cos as _cos, sin as _sin
from math import tau as TWOPI, floor as _floor, ceil as _ceil, isfinite as _isfinite
from bisect import bisect as _bisect
from _sha512 import sha512 as _sha512
import _random

try:
    from _warnings import warn as _warn
except ImportError:  # no warnings machinery: deprecations stay silent
    def _warn(message, category, stacklevel=1):
        pass

__all__ = ["Random", "seed", "random", "uniform", "randint", "choice", "sample",
           "randrange", "shuffle", "normalvariate", "lognormvariate",
           "expovariate", "triangular", "gauss", "paretovariate",
           "weibullvariate", "getstate", "setstate", "getrandbits", "choices",
           "randbytes"]

NV_MAGICCONST = 4 * _exp(-0.5) / _sqrt(2.0)
BPF = 53          # bits in a float's mantissa
RECIP_BPF = 2 ** -BPF
_ONE = 1          # randrange's default step, told apart by identity


def _index(value, which):
    # operator.index(value), with CPython 3.11's deprecated float fallback.
    if isinstance(value, int):
        return value
    try:
        return value.__index__()
    except AttributeError:
        pass
    ivalue = int(value)
    if ivalue != value:
        _warn('randrange() will raise TypeError in the future', DeprecationWarning, 3)
        raise ValueError("non-integer %s for randrange()" % which)
    _warn('non-integer arguments to randrange() have been deprecated '
          'since Python 3.10 and will be removed in a subsequent version',
          DeprecationWarning, 3)
    return ivalue


def _accumulate(values):
    # itertools.accumulate: running sums, added left to right.
    total = None
    sums = []
    for v in values:
        total = v if total is None else total + v
        sums.append(total)
    return sums


class Random(_random.Random):
    """A generator with its own state; the module functions share one."""

    VERSION = 3  # of the getstate() format

    def __init__(self, x=None):
        self.seed(x)
        self.gauss_next = None

    def seed(self, a=None, version=2):
        """Seed from None (the OS), an int (all its bits), or a str, bytes
        or bytearray (version 2: all bits, through SHA-512)."""
        if version == 1 and isinstance(a, (str, bytes)):
            # Python 2's string hash, kept to reproduce old sequences.
            a = a.decode('latin-1') if isinstance(a, bytes) else a
            x = ord(a[0]) << 7 if a else 0
            for c in map(ord, a):
                x = ((1000003 * x) ^ c) & 0xFFFFFFFFFFFFFFFF
            x ^= len(a)
            a = -2 if x == -1 else x
        elif version == 2 and isinstance(a, (str, bytes, bytearray)):
            if isinstance(a, str):
                a = a.encode()
            a = int.from_bytes(a + _sha512(a).digest(), 'big')
        elif not isinstance(a, (type(None), int, float, str, bytes, bytearray)):
            raise TypeError('The only supported seed types are: None,\n'
                            'int, float, str, bytes, and bytearray.')
        super().seed(a)
        self.gauss_next = None

    def getstate(self):
        return self.VERSION, super().getstate(), self.gauss_next

    def setstate(self, state):
        version = state[0]
        if version == 3:
            version, internalstate, self.gauss_next = state
            super().setstate(internalstate)
        elif version == 2:
            version, internalstate, self.gauss_next = state
            super().setstate(tuple(x % (2 ** 32) for x in internalstate))
        else:
            raise ValueError("state with version %s passed to "
                             "Random.setstate() of version %s" % (version, self.VERSION))

    # --- integers ---

    def _randbelow(self, n):
        """A uniform int in [0, n), n > 0: rejection sampling on
        n.bit_length() random bits (at most 2 draws expected)."""
        getrandbits = self.getrandbits
        k = n.bit_length()
        r = getrandbits(k)
        while r >= n:
            r = getrandbits(k)
        return r

    def randbytes(self, n):
        return self.getrandbits(n * 8).to_bytes(n, 'little')

    def randrange(self, start, stop=None, step=_ONE):
        """A random item of range(start, stop, step), without building it."""
        istart = _index(start, "arg 1")
        if stop is None:
            if step is not _ONE:
                raise TypeError('Missing a non-None stop argument')
            if istart > 0:
                return self._randbelow(istart)
            raise ValueError("empty range for randrange()")
        istop = _index(stop, "stop")
        width = istop - istart
        istep = _index(step, "step")
        if istep == 1:
            if width > 0:
                return istart + self._randbelow(width)
            raise ValueError("empty range for randrange() (%d, %d, %d)" % (istart, istop, width))
        if istep > 0:
            n = (width + istep - 1) // istep
        elif istep < 0:
            n = (width + istep + 1) // istep
        else:
            raise ValueError("zero step for randrange()")
        if n <= 0:
            raise ValueError("empty range for randrange()")
        return istart + istep * self._randbelow(n)

    def randint(self, a, b):
        """A random int N with a <= N <= b."""
        return self.randrange(a, b + 1)

    # --- sequences ---

    def choice(self, seq):
        if not len(seq):
            raise IndexError('Cannot choose from an empty sequence')
        return seq[self._randbelow(len(seq))]

    def shuffle(self, x):
        """Shuffle list x in place (Fisher-Yates, from the last item down)."""
        randbelow = self._randbelow
        for i in reversed(range(1, len(x))):
            j = randbelow(i + 1)
            x[i], x[j] = x[j], x[i]

    def sample(self, population, k, *, counts=None):
        """k distinct items of population, in selection order."""
        if isinstance(population, (set, frozenset, dict)) or not hasattr(population, '__getitem__'):
            raise TypeError("Population must be a sequence.  "
                            "For dicts or sets, use sorted(d).")
        n = len(population)
        if counts is not None:
            cum_counts = _accumulate(counts)
            if len(cum_counts) != n:
                raise ValueError('The number of counts does not match the population')
            total = cum_counts.pop()
            if not isinstance(total, int):
                raise TypeError('Counts must be integers')
            if total <= 0:
                raise ValueError('Total of counts must be greater than zero')
            selections = self.sample(range(total), k=k)
            return [population[_bisect(cum_counts, s)] for s in selections]
        randbelow = self._randbelow
        if not 0 <= k <= n:
            raise ValueError("Sample larger than population or is negative")
        result = [None] * k
        # CPython's memory estimate: a list of n items against a set of k.
        setsize = 21
        if k > 5:
            setsize += 4 ** _ceil(_log(k * 3, 4))
        if n <= setsize:
            # Invariant: the items not yet chosen are pool[0 : n - i].
            pool = list(population)
            for i in range(k):
                j = randbelow(n - i)
                result[i] = pool[j]
                pool[j] = pool[n - i - 1]
        else:
            selected = set()
            for i in range(k):
                j = randbelow(n)
                while j in selected:
                    j = randbelow(n)
                selected.add(j)
                result[i] = population[j]
        return result

    def choices(self, population, weights=None, *, cum_weights=None, k=1):
        """k items chosen with replacement, optionally weighted."""
        random = self.random
        n = len(population)
        if cum_weights is None:
            if weights is None:
                n += 0.0  # float, as CPython: floor(random() * n)
                return [population[_floor(random() * n)] for i in range(k)]
            try:
                cum_weights = _accumulate(weights)
            except TypeError:
                if not isinstance(weights, int):
                    raise
                k = weights
                raise TypeError(
                    f'The number of choices must be a keyword argument: {k=}') from None
        elif weights is not None:
            raise TypeError('Cannot specify both weights and cumulative weights')
        if len(cum_weights) != n:
            raise ValueError('The number of weights does not match the population')
        total = cum_weights[-1] + 0.0
        if total <= 0.0:
            raise ValueError('Total of weights must be greater than zero')
        if not _isfinite(total):
            raise ValueError('Total of weights must be finite')
        hi = n - 1
        return [population[_bisect(cum_weights, random() * total, 0, hi)]
                for i in range(k)]

    # --- real-valued distributions ---

    def uniform(self, a, b):
        return a + (b - a) * self.random()

    def triangular(self, low=0.0, high=1.0, mode=None):
        u = self.random()
        try:
            c = 0.5 if mode is None else (mode - low) / (high - low)
        except ZeroDivisionError:
            return low
        if u > c:
            u = 1.0 - u
            c = 1.0 - c
            low, high = high, low
        return low + (high - low) * _sqrt(u * c)

    def normalvariate(self, mu=0.0, sigma=1.0):
        # Kinderman and Monahan's ratio-of-uniforms method.
        random = self.random
        while True:
            u1 = random()
            u2 = 1.0 - random()
            z = NV_MAGICCONST * (u1 - 0.5) / u2
            zz = z * z / 4.0
            if zz <= -_log(u2):
                break
        return mu + z * sigma

    def gauss(self, mu=0.0, sigma=1.0):
        """Normal distribution by Box-Muller: each pair of draws makes two
        values; the second waits in gauss_next for the next call. (Two
        threads sharing one generator may both take it: CPython's race.)"""
        random = self.random
        z = self.gauss_next
        self.gauss_next = None
        if z is None:
            x2pi = random() * TWOPI
            g2rad = _sqrt(-2.0 * _log(1.0 - random()))
            z = _cos(x2pi) * g2rad
            self.gauss_next = _sin(x2pi) * g2rad
        return mu + z * sigma

    def lognormvariate(self, mu, sigma):
        return _exp(self.normalvariate(mu, sigma))

    def expovariate(self, lambd):
        return -_log(1.0 - self.random()) / lambd

    def paretovariate(self, alpha):
        u = 1.0 - self.random()
        return u ** (-1.0 / alpha)

    def weibullvariate(self, alpha, beta):
        u = 1.0 - self.random()
        return alpha * (-_log(u)) ** (1.0 / beta)


# One shared generator, seeded from the OS, behind the module functions.
_inst = Random()
seed = _inst.seed
random = _inst.random
uniform = _inst.uniform
triangular = _inst.triangular
randint = _inst.randint
choice = _inst.choice
randrange = _inst.randrange
sample = _inst.sample
shuffle = _inst.shuffle
choices = _inst.choices
normalvariate = _inst.normalvariate
lognormvariate = _inst.lognormvariate
expovariate = _inst.expovariate
gauss = _inst.gauss
paretovariate = _inst.paretovariate
weibullvariate = _inst.weibullvariate
getstate = _inst.getstate
setstate = _inst.setstate
getrandbits = _inst.getrandbits
randbytes = _inst.randbytes
