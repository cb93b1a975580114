"""Logging: loggers in a dotted hierarchy, records, formatters, handlers.

Mirrors CPython 3.11's logging (the package's __init__): basicConfig
(level, format, datefmt, style '%', '{' or '$', stream, handlers, force),
getLogger (named, dotted hierarchy, root), Logger (setLevel, debug, info,
warning, error, exception, critical, log, isEnabledFor,
getEffectiveLevel, addHandler, removeHandler, propagate, disabled,
getChild, filters), the module-level functions, the levels and
getLevelName/addLevelName, LogRecord with CPython's fields, Formatter
(asctime with datefmt and the default ",msecs" format, exception
tracebacks appended), Filter, Handler (with an RLock around emit, as
CPython), StreamHandler (stderr by default), NullHandler, LoggerAdapter,
lastResort (what prints WARNING and above when nothing is configured),
disable, shutdown.

How a call travels:

    logger.info("x=%d", 5)
      isEnabledFor(INFO)?  (the logger's own level, else the nearest
                            ancestor's; the root's defaults to WARNING)
      record = LogRecord(name, INFO, file, line, "x=%d", (5,), ...)
      logger and each ancestor (while propagate) hand the record to their
      handlers whose level lets it through:
          handler.handle(record): filters -> with handler.lock: emit()
          StreamHandler.emit: stream.write(formatter.format(record) + "\\n")
      no handler anywhere -> lastResort (stderr, WARNING, "%(message)s")

The message is formatted lazily: "x=%d" % (5,) runs only when a handler
emits the record. The handler's lock serialises threads that log at once,
so a log call is a blocking call, as in CPython.

Why one file of this size: handlers and loggers read module-level
switches a program may set at any time (logging.raiseExceptions,
logging.lastResort, logThreads), so they must live in the module that
owns them; only levels, Formatter and Filter, which read none, sit below
in _logging_format.py. (CPython's logging/__init__.py is 2,273 lines.)

Left out: FileHandler and the logging.handlers and logging.config modules
(MiniPy has no file I/O; so QueueHandler and QueueListener are missing
too), captureWarnings, stack_info=True, and logging.shutdown at exit
through atexit (StreamHandler flushes after every record anyway).

Natives: sys (_getframe: f_back, f_code.co_filename, f_code.co_name,
f_lineno; stderr; exc_info), time.time, os.getpid, traceback
(format_exception; print_stack if present, for the report of a failing
emit), _warnings.warn if present. Siblings: threading, and
_logging_format (levels, Formatter, Filter: how a record becomes text).
"""

import sys
import os
import time
import threading
# Levels, Formatter and Filter live in their own file (how a record becomes
# text); they are logging's names all the same.
from _logging_format import (CRITICAL, FATAL, ERROR, WARNING, WARN, INFO, DEBUG,
                             NOTSET, _levelToName, _nameToLevel, getLevelName,
                             getLevelNamesMapping, addLevelName, _checkLevel,
                             Formatter, Filter, Filterer, BASIC_FORMAT, _STYLES,
                             _defaultFormatter)

try:
    from _warnings import warn as _warn
except ImportError:  # no warnings machinery: the deprecated names stay silent
    _warn = None

__all__ = ['BASIC_FORMAT', 'CRITICAL', 'DEBUG', 'ERROR', 'FATAL', 'Filter',
           'Formatter', 'Handler', 'INFO', 'LogRecord', 'Logger', 'NOTSET',
           'NullHandler', 'StreamHandler', 'WARN', 'WARNING', 'addLevelName',
           'basicConfig', 'critical', 'debug', 'disable', 'error', 'exception',
           'fatal', 'getLevelName', 'getLogger', 'getLoggerClass', 'info', 'log',
           'makeLogRecord', 'setLoggerClass', 'shutdown', 'warn', 'warning',
           'getLogRecordFactory', 'setLogRecordFactory', 'lastResort',
           'raiseExceptions', 'getLevelNamesMapping', 'LoggerAdapter']

_startTime = time.time()   # relativeCreated counts from the import
raiseExceptions = True     # report errors raised while emitting
logThreads = True
logMultiprocessing = True
logProcesses = True

# Guards the logger tree and basicConfig (an RLock, as in CPython, because
# configuration code may re-enter).
_lock = threading.RLock()


def _deprecated(message):
    if _warn is not None:
        _warn(message, DeprecationWarning, stacklevel=3)


# A frame belongs to this module if its code was compiled from this file:
# findCaller skips such frames to find the line that called the logger.
_srcfile = sys._getframe(0).f_code.co_filename


def _basename(path):
    return path.rpartition('/')[2]


def _strip_extension(filename):
    # os.path.splitext(filename)[0]: a leading dot does not start an extension.
    dot = filename.rfind('.')
    if dot > 0 and filename[:dot].strip('.'):
        return filename[:dot]
    return filename


# --- LogRecord ----------------------------------------------------------------

class LogRecord:
    """Everything known about one logging event; Formatters read its
    attributes by name (%(threadName)s ...)."""

    def __init__(self, name, level, pathname, lineno, msg, args, exc_info,
                 func=None, sinfo=None, **kwargs):
        created = time.time()
        self.name = name
        self.msg = msg
        # log("%(a)s", {"a": 1}): a single non-empty dict is the mapping.
        if args and len(args) == 1 and isinstance(args[0], dict) and args[0]:
            args = args[0]
        self.args = args
        self.levelname = getLevelName(level)
        self.levelno = level
        self.pathname = pathname
        self.filename = _basename(pathname)
        self.module = _strip_extension(self.filename)
        self.exc_info = exc_info
        self.exc_text = None      # the formatted traceback, cached
        self.stack_info = sinfo
        self.lineno = lineno
        self.funcName = func
        self.created = created
        self.msecs = int((created - int(created)) * 1000) + 0.0
        self.relativeCreated = (created - _startTime) * 1000
        if logThreads:
            self.thread = threading.get_ident()
            self.threadName = threading.current_thread().name
        else:
            self.thread = None
            self.threadName = None
        self.processName = 'MainProcess' if logMultiprocessing else None
        self.process = os.getpid() if logProcesses else None

    def __repr__(self):
        return '<LogRecord: %s, %s, %s, %s, "%s">' % (
            self.name, self.levelno, self.pathname, self.lineno, self.msg)

    def getMessage(self):
        """The message with its arguments merged in (the lazy % formatting)."""
        msg = str(self.msg)
        if self.args:
            msg = msg % self.args
        return msg


_logRecordFactory = LogRecord


def setLogRecordFactory(factory):
    global _logRecordFactory
    _logRecordFactory = factory


def getLogRecordFactory():
    return _logRecordFactory


def makeLogRecord(attributes):
    """A record whose attributes are taken from a dict."""
    record = _logRecordFactory(None, None, "", 0, "", (), None, None)
    record.__dict__.update(attributes)
    return record


# --- Handlers -------------------------------------------------------------------

class Handler(Filterer):
    """Sends records somewhere. handle() holds self.lock (an RLock) around
    emit(), so records from different threads never interleave."""

    def __init__(self, level=NOTSET):
        Filterer.__init__(self)
        self._name = None
        self.level = _checkLevel(level)
        self.formatter = None
        self._closed = False
        self.createLock()

    def get_name(self):
        return self._name

    def set_name(self, name):
        self._name = name

    name = property(get_name, set_name)

    def createLock(self):
        self.lock = threading.RLock()

    def acquire(self):
        if self.lock:
            self.lock.acquire()

    def release(self):
        if self.lock:
            self.lock.release()

    def setLevel(self, level):
        self.level = _checkLevel(level)

    def format(self, record):
        fmt = self.formatter if self.formatter else _defaultFormatter
        return fmt.format(record)

    def emit(self, record):
        raise NotImplementedError('emit must be implemented by Handler subclasses')

    def handle(self, record):
        """Filter, then emit under the handler's lock; returns whether the
        record passed the filters."""
        passed = self.filter(record)
        if passed:
            self.acquire()
            try:
                self.emit(record)
            finally:
                self.release()
        return passed

    def setFormatter(self, fmt):
        self.formatter = fmt

    def flush(self):
        pass

    def close(self):
        self._closed = True

    def handleError(self, record):
        """Report an exception raised by emit() on stderr and carry on: the
        traceback, the stack of the logging call, the message and its
        arguments."""
        if raiseExceptions and sys.stderr:
            import traceback
            exc_type, exc, tb = sys.exc_info()
            try:
                sys.stderr.write('--- Logging error ---\n')
                sys.stderr.write(''.join(traceback.format_exception(exc_type, exc, tb)))
                sys.stderr.write('Call stack:\n')
                # Walk up out of this module to the code that logged.
                frame = tb.tb_frame
                while frame and frame.f_code.co_filename == _srcfile:
                    frame = frame.f_back
                print_stack = getattr(traceback, 'print_stack', None)
                if frame and print_stack is not None:
                    print_stack(frame, file=sys.stderr)
                else:
                    sys.stderr.write('Logged from file %s, line %s\n' % (
                                     record.filename, record.lineno))
                try:
                    sys.stderr.write('Message: %r\nArguments: %s\n' % (record.msg, record.args))
                except RecursionError:
                    raise
                except Exception:
                    sys.stderr.write('Unable to print the message and arguments'
                                     ' - possible formatting error.\nUse the'
                                     ' traceback above to help find the error.\n')
            except OSError:
                pass

    def __repr__(self):
        return '<%s (%s)>' % (self.__class__.__name__, getLevelName(self.level))


class StreamHandler(Handler):
    """Writes each formatted record and a newline to a stream (sys.stderr
    by default), then flushes it."""

    terminator = '\n'

    def __init__(self, stream=None):
        Handler.__init__(self)
        if stream is None:
            stream = sys.stderr
        self.stream = stream

    def flush(self):
        self.acquire()
        try:
            if self.stream and hasattr(self.stream, "flush"):
                self.stream.flush()
        finally:
            self.release()

    def emit(self, record):
        try:
            msg = self.format(record)
            # One write per record, so that a record is never split.
            self.stream.write(msg + self.terminator)
            self.flush()
        except RecursionError:
            raise
        except Exception:
            self.handleError(record)

    def setStream(self, stream):
        """Swap the stream; returns the old one (None if unchanged)."""
        if stream is self.stream:
            return None
        old = self.stream
        self.acquire()
        try:
            self.flush()
            self.stream = stream
        finally:
            self.release()
        return old

    def __repr__(self):
        name = getattr(self.stream, 'name', '')
        name = str(name)
        if name:
            name += ' '
        return '<%s %s(%s)>' % (self.__class__.__name__, name, getLevelName(self.level))


class _StderrHandler(StreamHandler):
    """lastResort: writes to whatever sys.stderr is at the time."""

    def __init__(self, level=NOTSET):
        Handler.__init__(self, level)

    @property
    def stream(self):
        return sys.stderr


_defaultLastResort = _StderrHandler(WARNING)
lastResort = _defaultLastResort


class NullHandler(Handler):
    """Does nothing: libraries add it so that their records are not sent to
    lastResort when the application configured no logging."""

    def handle(self, record):
        pass

    def emit(self, record):
        pass

    def createLock(self):
        self.lock = None


# --- Loggers and their tree -------------------------------------------------------

class PlaceHolder:
    """Stands in the tree for a dotted name nobody asked for yet ("a.b"
    when only "a.b.c" exists), remembering the loggers below it."""

    def __init__(self, alogger):
        self.loggerMap = {alogger: None}

    def append(self, alogger):
        if alogger not in self.loggerMap:
            self.loggerMap[alogger] = None


class Manager:
    """Owns the logger tree: name -> Logger or PlaceHolder."""

    def __init__(self, rootnode):
        self.root = rootnode
        self.disable = 0
        self.emittedNoHandlerWarning = False
        self.loggerDict = {}
        self.loggerClass = None
        self.logRecordFactory = None

    def getLogger(self, name):
        """The logger called name, created (and wired to its nearest
        existing ancestor and descendants) on first use."""
        if not isinstance(name, str):
            raise TypeError('A logger name must be a string')
        with _lock:
            rv = self.loggerDict.get(name)
            if isinstance(rv, PlaceHolder):
                placeholder = rv
                rv = (self.loggerClass or _loggerClass)(name)
                rv.manager = self
                self.loggerDict[name] = rv
                self._fixupChildren(placeholder, rv)
                self._fixupParents(rv)
            elif rv is None:
                rv = (self.loggerClass or _loggerClass)(name)
                rv.manager = self
                self.loggerDict[name] = rv
                self._fixupParents(rv)
        return rv

    def _fixupParents(self, alogger):
        # The parent is the nearest existing ancestor "a.b" of "a.b.c.d";
        # the missing ones in between get placeholders.
        name = alogger.name
        i = name.rfind(".")
        rv = None
        while i > 0 and not rv:
            substr = name[:i]
            obj = self.loggerDict.get(substr)
            if obj is None:
                self.loggerDict[substr] = PlaceHolder(alogger)
            elif isinstance(obj, Logger):
                rv = obj
            else:
                obj.append(alogger)
            i = name.rfind(".", 0, i - 1)
        if not rv:
            rv = self.root
        alogger.parent = rv

    def _fixupChildren(self, ph, alogger):
        # Loggers below the placeholder whose parent skipped past it now
        # have alogger as their parent.
        name = alogger.name
        for c in ph.loggerMap.keys():
            if c.parent.name[:len(name)] != name:
                alogger.parent = c.parent
                c.parent = alogger


class Logger(Filterer):
    """A named channel. Its level (or its nearest ancestor's) decides which
    calls make records; its handlers, then its ancestors' (while propagate
    is true), emit them."""

    def __init__(self, name, level=NOTSET):
        Filterer.__init__(self)
        self.name = name
        self.level = _checkLevel(level)
        self.parent = None
        self.propagate = True
        self.handlers = []
        self.disabled = False

    def setLevel(self, level):
        self.level = _checkLevel(level)

    def debug(self, msg, *args, **kwargs):
        if self.isEnabledFor(DEBUG):
            self._log(DEBUG, msg, args, **kwargs)

    def info(self, msg, *args, **kwargs):
        if self.isEnabledFor(INFO):
            self._log(INFO, msg, args, **kwargs)

    def warning(self, msg, *args, **kwargs):
        if self.isEnabledFor(WARNING):
            self._log(WARNING, msg, args, **kwargs)

    def warn(self, msg, *args, **kwargs):
        _deprecated("The 'warn' method is deprecated, use 'warning' instead")
        self.warning(msg, *args, **kwargs)

    def error(self, msg, *args, **kwargs):
        if self.isEnabledFor(ERROR):
            self._log(ERROR, msg, args, **kwargs)

    def exception(self, msg, *args, exc_info=True, **kwargs):
        """An ERROR record with the exception being handled appended."""
        self.error(msg, *args, exc_info=exc_info, **kwargs)

    def critical(self, msg, *args, **kwargs):
        if self.isEnabledFor(CRITICAL):
            self._log(CRITICAL, msg, args, **kwargs)

    fatal = critical

    def log(self, level, msg, *args, **kwargs):
        if not isinstance(level, int):
            if raiseExceptions:
                raise TypeError("level must be an integer")
            return
        if self.isEnabledFor(level):
            self._log(level, msg, args, **kwargs)

    def findCaller(self, stack_info=False, stacklevel=1):
        """(file, line, function, None) of the code that called the logger:
        the first frame outside this module, stacklevel-1 more up."""
        f = sys._getframe(0)
        while stacklevel > 0:
            next_f = f.f_back
            if next_f is None:
                break
            f = next_f
            if f.f_code.co_filename != _srcfile:
                stacklevel -= 1
        co = f.f_code
        return co.co_filename, f.f_lineno, co.co_name, None

    def makeRecord(self, name, level, fn, lno, msg, args, exc_info,
                   func=None, extra=None, sinfo=None):
        rv = _logRecordFactory(name, level, fn, lno, msg, args, exc_info, func, sinfo)
        if extra is not None:
            for key in extra:
                if (key in ["message", "asctime"]) or (key in rv.__dict__):
                    raise KeyError("Attempt to overwrite %r in LogRecord" % key)
                rv.__dict__[key] = extra[key]
        return rv

    def _log(self, level, msg, args, exc_info=None, extra=None, stack_info=False,
             stacklevel=1):
        fn, lno, func, sinfo = self.findCaller(stack_info, stacklevel)
        if exc_info:
            if isinstance(exc_info, BaseException):
                exc_info = (type(exc_info), exc_info, exc_info.__traceback__)
            elif not isinstance(exc_info, tuple):
                exc_info = sys.exc_info()
        record = self.makeRecord(self.name, level, fn, lno, msg, args,
                                 exc_info, func, extra, sinfo)
        self.handle(record)

    def handle(self, record):
        if (not self.disabled) and self.filter(record):
            self.callHandlers(record)

    def addHandler(self, hdlr):
        with _lock:
            if hdlr not in self.handlers:
                self.handlers.append(hdlr)

    def removeHandler(self, hdlr):
        with _lock:
            if hdlr in self.handlers:
                self.handlers.remove(hdlr)

    def hasHandlers(self):
        c = self
        while c:
            if c.handlers:
                return True
            c = c.parent if c.propagate else None
        return False

    def callHandlers(self, record):
        """Offer the record to this logger's handlers and its ancestors'."""
        c = self
        found = 0
        while c:
            for hdlr in c.handlers:
                found = found + 1
                if record.levelno >= hdlr.level:
                    hdlr.handle(record)
            c = c.parent if c.propagate else None
        if found == 0:
            if lastResort:
                if record.levelno >= lastResort.level:
                    lastResort.handle(record)
            elif raiseExceptions and not self.manager.emittedNoHandlerWarning:
                sys.stderr.write("No handlers could be found for logger"
                                 " \"%s\"\n" % self.name)
                self.manager.emittedNoHandlerWarning = True

    def getEffectiveLevel(self):
        """The first level set (not NOTSET) on this logger or an ancestor."""
        logger = self
        while logger:
            if logger.level:
                return logger.level
            logger = logger.parent
        return NOTSET

    def isEnabledFor(self, level):
        # Simplification: CPython caches the answer per level; this walks
        # the ancestors every time.
        if self.disabled or self.manager.disable >= level:
            return False
        return level >= self.getEffectiveLevel()

    def getChild(self, suffix):
        if self.root is not self:
            suffix = '.'.join((self.name, suffix))
        return self.manager.getLogger(suffix)

    def __repr__(self):
        level = getLevelName(self.getEffectiveLevel())
        return '<%s %s (%s)>' % (self.__class__.__name__, self.name, level)


class RootLogger(Logger):
    """The top of the tree: named "root", level WARNING by default."""

    def __init__(self, level):
        Logger.__init__(self, "root", level)


class LoggerAdapter:
    """Wraps a logger to add context to every record: by default `extra`,
    whose keys become record attributes (%(user)s ...). Subclasses
    override process(msg, kwargs) to change the message instead."""

    def __init__(self, logger, extra=None):
        self.logger = logger
        self.extra = extra

    def process(self, msg, kwargs):
        kwargs["extra"] = self.extra
        return msg, kwargs

    def debug(self, msg, *args, **kwargs):
        self.log(DEBUG, msg, *args, **kwargs)

    def info(self, msg, *args, **kwargs):
        self.log(INFO, msg, *args, **kwargs)

    def warning(self, msg, *args, **kwargs):
        self.log(WARNING, msg, *args, **kwargs)

    def warn(self, msg, *args, **kwargs):
        _deprecated("The 'warn' method is deprecated, use 'warning' instead")
        self.warning(msg, *args, **kwargs)

    def error(self, msg, *args, **kwargs):
        self.log(ERROR, msg, *args, **kwargs)

    def exception(self, msg, *args, exc_info=True, **kwargs):
        self.log(ERROR, msg, *args, exc_info=exc_info, **kwargs)

    def critical(self, msg, *args, **kwargs):
        self.log(CRITICAL, msg, *args, **kwargs)

    def log(self, level, msg, *args, **kwargs):
        if self.isEnabledFor(level):
            msg, kwargs = self.process(msg, kwargs)
            self.logger.log(level, msg, *args, **kwargs)

    def isEnabledFor(self, level):
        return self.logger.isEnabledFor(level)

    def setLevel(self, level):
        self.logger.setLevel(level)

    def getEffectiveLevel(self):
        return self.logger.getEffectiveLevel()

    def hasHandlers(self):
        return self.logger.hasHandlers()

    def _log(self, level, msg, args, exc_info=None, extra=None, stack_info=False):
        # Lets an adapter wrap an adapter.
        return self.logger._log(level, msg, args, exc_info=exc_info, extra=extra,
                                stack_info=stack_info)

    @property
    def manager(self):
        return self.logger.manager

    @property
    def name(self):
        return self.logger.name

    def __repr__(self):
        level = getLevelName(self.logger.getEffectiveLevel())
        return '<%s %s (%s)>' % (self.__class__.__name__, self.logger.name, level)


_loggerClass = Logger


def setLoggerClass(klass):
    global _loggerClass
    if klass != Logger and not issubclass(klass, Logger):
        raise TypeError("logger not derived from logging.Logger: " + klass.__name__)
    _loggerClass = klass


def getLoggerClass():
    return _loggerClass


root = RootLogger(WARNING)
Logger.root = root
Logger.manager = Manager(Logger.root)


def getLogger(name=None):
    """The logger called name (the root logger without a name)."""
    if not name or isinstance(name, str) and name == root.name:
        return root
    return Logger.manager.getLogger(name)


# --- Configuration and the module-level functions ------------------------------------

def basicConfig(**kwargs):
    """Give the root logger a StreamHandler with a Formatter, once (unless
    force=True): level, format, datefmt, style, stream, handlers."""
    with _lock:
        force = kwargs.pop('force', False)
        if force:
            for h in root.handlers[:]:
                root.removeHandler(h)
                h.close()
        if len(root.handlers) == 0:
            handlers = kwargs.pop("handlers", None)
            if handlers is None:
                if "stream" in kwargs and "filename" in kwargs:
                    raise ValueError("'stream' and 'filename' should not be "
                                     "specified together")
            elif "stream" in kwargs or "filename" in kwargs:
                raise ValueError("'stream' or 'filename' should not be "
                                 "specified together with 'handlers'")
            if handlers is None:
                if kwargs.pop("filename", None) is not None:
                    raise NotImplementedError("logging.basicConfig(filename=...): "
                                              "MiniPy has no file I/O")
                handlers = [StreamHandler(kwargs.pop("stream", None))]
            datefmt = kwargs.pop("datefmt", None)
            style = kwargs.pop("style", '%')
            if style not in _STYLES:
                raise ValueError('Style must be one of: %s' % ','.join(_STYLES.keys()))
            fmt = Formatter(kwargs.pop("format", _STYLES[style]), datefmt, style)
            for h in handlers:
                if h.formatter is None:
                    h.setFormatter(fmt)
                root.addHandler(h)
            level = kwargs.pop("level", None)
            if level is not None:
                root.setLevel(level)
            if kwargs:
                raise ValueError('Unrecognised argument(s): %s' % ', '.join(kwargs.keys()))


# Each module-level function configures the root logger on first use, as
# CPython's do (so logging.warning() alone prints "WARNING:root:...").

def critical(msg, *args, **kwargs):
    if len(root.handlers) == 0:
        basicConfig()
    root.critical(msg, *args, **kwargs)


fatal = critical


def error(msg, *args, **kwargs):
    if len(root.handlers) == 0:
        basicConfig()
    root.error(msg, *args, **kwargs)


def exception(msg, *args, exc_info=True, **kwargs):
    error(msg, *args, exc_info=exc_info, **kwargs)


def warning(msg, *args, **kwargs):
    if len(root.handlers) == 0:
        basicConfig()
    root.warning(msg, *args, **kwargs)


def warn(msg, *args, **kwargs):
    _deprecated("The 'warn' function is deprecated, use 'warning' instead")
    warning(msg, *args, **kwargs)


def info(msg, *args, **kwargs):
    if len(root.handlers) == 0:
        basicConfig()
    root.info(msg, *args, **kwargs)


def debug(msg, *args, **kwargs):
    if len(root.handlers) == 0:
        basicConfig()
    root.debug(msg, *args, **kwargs)


def log(level, msg, *args, **kwargs):
    if len(root.handlers) == 0:
        basicConfig()
    root.log(level, msg, *args, **kwargs)


def disable(level=CRITICAL):
    """Drop every record at `level` and below, whatever the loggers say."""
    root.manager.disable = level


def shutdown():
    """Flush and close the root logger's handlers."""
    for h in list(root.handlers):
        try:
            h.acquire()
            try:
                h.flush()
                h.close()
            finally:
                h.release()
        except (OSError, ValueError):
            pass
