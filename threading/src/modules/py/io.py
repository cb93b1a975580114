"""In-memory text streams: io.StringIO.

Mirrors CPython 3.11's io.StringIO: write (returns the number of
characters), writelines, getvalue, read, readline, readlines, iteration
by lines, seek/tell (character positions), truncate, close/closed,
`with`, readable/writable/seekable, flush.

How it stores text: writes at the end (the common case: building a
string) append to a list of parts; any other operation first joins the
parts into one string. A write in the middle overwrites characters, and a
write past the end pads with NUL characters, as CPython's does.

Left out: BytesIO, TextIOWrapper, open() and the rest of io (MiniPy has no
file I/O), newline='' and '\r' modes (newline=None translates '\r\n' and
'\r' to '\n' on write; any other value writes text unchanged and lines end
at '\n').

Natives: none.
"""

__all__ = ['StringIO']


class StringIO:
    """A text buffer in memory that reads and writes like a file."""

    def __init__(self, initial_value='', newline='\n'):
        if initial_value is None:
            initial_value = ''
        if not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not %s"
                            % type(initial_value).__name__)
        self._translate = newline is None
        self._parts = []      # written text not yet joined into _value
        self._value = ''
        self._pos = 0         # the read/write position, in characters
        self._closed = False
        if initial_value:
            self.write(initial_value)
            self._pos = 0     # the initial value is there to be read

    def _check_open(self):
        if self._closed:
            raise ValueError('I/O operation on closed file')

    def _joined(self):
        if self._parts:
            self._value += ''.join(self._parts)
            self._parts = []
        return self._value

    def _length(self):
        return len(self._value) + sum(len(p) for p in self._parts)

    def write(self, s):
        self._check_open()
        if not isinstance(s, str):
            raise TypeError('string argument expected, got %r' % type(s).__name__)
        if self._translate:
            s = s.replace('\r\n', '\n').replace('\r', '\n')
        length = self._length()
        if self._pos == length:
            self._parts.append(s)                     # fast path: append
        else:
            value = self._joined()
            if self._pos > length:
                value += '\0' * (self._pos - length)  # a gap after seek()
            self._value = value[:self._pos] + s + value[self._pos + len(s):]
        self._pos += len(s)
        return len(s)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def getvalue(self):
        self._check_open()
        return self._joined()

    def read(self, size=-1):
        self._check_open()
        value = self._joined()
        end = len(value) if size is None or size < 0 else min(len(value), self._pos + size)
        text = value[self._pos:end]
        self._pos = max(self._pos, end)
        return text

    def readline(self, size=-1):
        self._check_open()
        value = self._joined()
        end = value.find('\n', self._pos)
        end = len(value) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        text = value[self._pos:end]
        self._pos = max(self._pos, end)
        return text

    def readlines(self, hint=-1):
        lines = []
        total = 0
        for line in self:
            lines.append(line)
            total += len(line)
            if 0 < hint <= total:
                break
        return lines

    def __iter__(self):
        self._check_open()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def seek(self, pos, whence=0):
        self._check_open()
        if whence == 0:
            if pos < 0:
                raise ValueError('Negative seek position %d' % pos)
            self._pos = pos
        elif whence == 1:
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
        elif whence == 2:
            if pos != 0:
                raise OSError("Can't do nonzero end-relative seeks")
            self._pos = self._length()
        else:
            raise ValueError('Invalid whence (%d, should be 0, 1 or 2)' % whence)
        return self._pos

    def tell(self):
        self._check_open()
        return self._pos

    def truncate(self, size=None):
        self._check_open()
        if size is None:
            size = self._pos
        if size < 0:
            raise ValueError('Negative size value %d' % size)
        self._value = self._joined()[:size]
        return size

    def close(self):
        self._closed = True
        self._parts = []
        self._value = ''

    @property
    def closed(self):
        return self._closed

    def flush(self):
        self._check_open()

    def readable(self):
        self._check_open()
        return True

    def writable(self):
        self._check_open()
        return True

    def seekable(self):
        self._check_open()
        return True

    def __enter__(self):
        self._check_open()
        return self

    def __exit__(self, *args):
        self.close()
