"""How a log record becomes text: levels, Formatter (the '%', '{' and '$'
styles, asctime, tracebacks), and filters.

A private part of the `logging` module, which re-exports every name here
(the classes say `logging` as their module, as CPython's do). The routing
of records (loggers, handlers, basicConfig) is in logging.py; this file
reads no module-level setting a program may change, so it sits below
logging.py without an import cycle.

    Formatter("%(asctime)s %(threadName)s %(message)s").format(record)
        record.message = record.getMessage()     # the lazy % formatting
        record.asctime = formatTime(record)       # only if fmt uses it
        fmt % record.__dict__                     # '{': fmt.format(**...)
        + the traceback, if record.exc_info       # '$': string.Template

Mirrors CPython 3.11's logging for these names, messages included.
Left out: PercentStyle/StrFormatStyle/StringTemplateStyle as public
classes (the style is a character on the Formatter), BufferingFormatter,
'{' format validation beyond "has a field".

Natives: time (localtime, strftime), _thread.RLock, traceback
(format_exception, imported when a traceback is formatted).
"""

import time
import _thread

# --- Levels ---------------------------------------------------------------------

CRITICAL = 50
FATAL = CRITICAL
ERROR = 40
WARNING = 30
WARN = WARNING
INFO = 20
DEBUG = 10
NOTSET = 0

_levelToName = {CRITICAL: 'CRITICAL', ERROR: 'ERROR', WARNING: 'WARNING',
                INFO: 'INFO', DEBUG: 'DEBUG', NOTSET: 'NOTSET'}
_nameToLevel = {'CRITICAL': CRITICAL, 'FATAL': FATAL, 'ERROR': ERROR,
                'WARN': WARNING, 'WARNING': WARNING, 'INFO': INFO,
                'DEBUG': DEBUG, 'NOTSET': NOTSET}

# Guards the level tables (logging.py has its own lock for the logger tree).
_levels_lock = _thread.RLock()


def getLevelNamesMapping():
    return _nameToLevel.copy()


def getLevelName(level):
    """The name of a level number, the number of a level name, or
    "Level N" for an unnamed level."""
    result = _levelToName.get(level)
    if result is not None:
        return result
    result = _nameToLevel.get(level)
    if result is not None:
        return result
    return "Level %s" % level


def addLevelName(level, levelName):
    with _levels_lock:
        _levelToName[level] = levelName
        _nameToLevel[levelName] = level


def _checkLevel(level):
    if isinstance(level, int):
        return level
    if str(level) == level:
        if level not in _nameToLevel:
            raise ValueError("Unknown level: %r" % level)
        return _nameToLevel[level]
    raise TypeError("Level not an integer or a valid string: %r" % (level,))


# --- Formatter ------------------------------------------------------------------

def _valid_percent_format(fmt):
    # CPython checks for at least one %(name)X field with a valid conversion.
    start = fmt.find('%(')
    while start >= 0:
        close = fmt.find(')', start)
        if close < 0:
            return False
        rest = fmt[close + 1:].lstrip('#0+- ').lstrip('0123456789*.')
        if rest[:1] and rest[0] in 'diouxXeEfFgGcrsa%':
            return True
        start = fmt.find('%(', close)
    return False


def _template_pieces(fmt):
    # Splits a '$'-style format as string.Template does (by hand: MiniPy has
    # no re): yields ('text', s), ('field', name) for $name and ${name}
    # ($$ is a literal dollar), or ('bad', i) for a '$' at index i that
    # starts no field.
    i = 0
    while i < len(fmt):
        dollar = fmt.find('$', i)
        if dollar < 0:
            yield 'text', fmt[i:]
            return
        if dollar > i:
            yield 'text', fmt[i:dollar]
        if fmt.startswith('$$', dollar):
            yield 'text', '$'
            i = dollar + 2
            continue
        braced = fmt.startswith('${', dollar)
        start = end = dollar + 2 if braced else dollar + 1
        while end < len(fmt) and (fmt[end] == '_' or (fmt[end].isascii() and fmt[end].isalnum())):
            end += 1
        name = fmt[start:end]
        if not name or name[0].isdigit() or (braced and fmt[end:end + 1] != '}'):
            yield 'bad', dollar
            i = dollar + 1
            continue
        yield 'field', name
        i = end + 1 if braced else end


def _validate_template(fmt):
    # CPython's check of a '$' format: no bare '$', at least one field.
    kinds = [kind for kind, _ in _template_pieces(fmt)]
    if 'bad' in kinds:
        raise ValueError("invalid format: bare '$' not allowed")
    if 'field' not in kinds:
        raise ValueError('invalid format: no fields')


def _substitute_template(fmt, values):
    # string.Template(fmt).substitute(values).
    out = []
    for kind, piece in _template_pieces(fmt):
        if kind == 'text':
            out.append(piece)
        elif kind == 'field':
            out.append(str(values[piece]))
        else:
            lines = fmt[:piece + 1].splitlines(True)
            column = piece + 1 - len(''.join(lines[:-1]))
            raise ValueError('Invalid placeholder in string: line %d, col %d'
                             % (len(lines), column))
    return ''.join(out)


class Formatter:
    """Turns a record into text: fmt names record attributes, '%' style
    "%(levelname)s %(message)s", '{' style "{levelname} {message}" or '$'
    style "$levelname $message"."""

    __module__ = 'logging'  # a private file of the logging module

    converter = staticmethod(time.localtime)
    default_time_format = '%Y-%m-%d %H:%M:%S'
    default_msec_format = '%s,%03d'

    def __init__(self, fmt=None, datefmt=None, style='%', validate=True, *,
                 defaults=None):
        if style not in _STYLES:
            raise ValueError('Style must be one of: %s' % ','.join(_STYLES.keys()))
        self._style_char = style
        self._fmt = fmt or _DEFAULT_FORMATS[style]
        self._defaults = defaults
        if validate:
            if style == '%' and not _valid_percent_format(self._fmt):
                raise ValueError("Invalid format '%s' for '%s' style" % (self._fmt, style))
            if style == '{' and '{' not in self._fmt:
                raise ValueError('invalid format: no fields')
            if style == '$':
                _validate_template(self._fmt)
        self.datefmt = datefmt

    def usesTime(self):
        if self._style_char == '$':
            return self._fmt.find('$asctime') >= 0 or self._fmt.find('${asctime}') >= 0
        return self._fmt.find('%(asctime)' if self._style_char == '%' else '{asctime') >= 0

    def formatTime(self, record, datefmt=None):
        """asctime: datefmt through strftime, else '2024-01-02 03:04:05,678'."""
        ct = self.converter(record.created)
        if datefmt:
            return time.strftime(datefmt, ct)
        s = time.strftime(self.default_time_format, ct)
        if self.default_msec_format:
            s = self.default_msec_format % (s, record.msecs)
        return s

    def formatException(self, ei):
        from traceback import format_exception
        text = ''.join(format_exception(ei[0], ei[1], ei[2]))
        return text[:-1] if text[-1:] == '\n' else text

    def formatMessage(self, record):
        values = record.__dict__
        if self._defaults:
            values = {**self._defaults, **values}
        if self._style_char == '%':
            return self._fmt % values
        if self._style_char == '{':
            return self._fmt.format(**values)
        return _substitute_template(self._fmt, values)

    def formatStack(self, stack_info):
        return stack_info

    def format(self, record):
        record.message = record.getMessage()
        if self.usesTime():
            record.asctime = self.formatTime(record, self.datefmt)
        s = self.formatMessage(record)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            if s[-1:] != "\n":
                s = s + "\n"
            s = s + record.exc_text
        if record.stack_info:
            if s[-1:] != "\n":
                s = s + "\n"
            s = s + self.formatStack(record.stack_info)
        return s


BASIC_FORMAT = "%(levelname)s:%(name)s:%(message)s"
_DEFAULT_FORMATS = {'%': '%(message)s', '{': '{message}', '$': '${message}'}
_STYLES = {'%': BASIC_FORMAT, '{': '{levelname}:{name}:{message}',   # basicConfig's
           '$': '${levelname}:${name}:${message}'}
_defaultFormatter = Formatter()


# --- Filters --------------------------------------------------------------------

class Filter:
    """Lets through records of logger `name` and its descendants (all if
    name is empty)."""

    __module__ = 'logging'  # a private file of the logging module

    def __init__(self, name=''):
        self.name = name
        self.nlen = len(name)

    def filter(self, record):
        if self.nlen == 0 or self.name == record.name:
            return True
        if record.name.find(self.name, 0, self.nlen) != 0:
            return False
        return record.name[self.nlen] == "."


class Filterer:
    """What loggers and handlers share: a list of filters, each an object
    with filter(record) or a plain callable."""

    __module__ = 'logging'  # a private file of the logging module

    def __init__(self):
        self.filters = []

    def addFilter(self, filter):
        if filter not in self.filters:
            self.filters.append(filter)

    def removeFilter(self, filter):
        if filter in self.filters:
            self.filters.remove(filter)

    def filter(self, record):
        for f in self.filters:
            result = f.filter(record) if hasattr(f, 'filter') else f(record)
            if not result:
                return False
        return True
