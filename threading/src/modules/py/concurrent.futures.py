"""Futures and a pool of worker threads to run them: concurrent.futures.

Mirrors CPython 3.11's package, split as CPython splits it:
  concurrent.futures._base   Future, wait, as_completed, Executor, the
                             exceptions (concurrent.futures._base.py)
  concurrent.futures.thread  ThreadPoolExecutor (concurrent.futures.thread.py)
and this package, which re-exports their public names.

Left out: ProcessPoolExecutor is refused (instantiating it raises
NotImplementedError: processes are the multiprocessing crate's subject).

Natives: none; siblings concurrent.futures._base, concurrent.futures.thread.
"""

from concurrent.futures._base import (FIRST_COMPLETED, FIRST_EXCEPTION,
                                      ALL_COMPLETED, CancelledError,
                                      TimeoutError, InvalidStateError,
                                      BrokenExecutor, Future, Executor, wait,
                                      as_completed)
from concurrent.futures.thread import ThreadPoolExecutor

__all__ = ('FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED',
           'CancelledError', 'TimeoutError', 'BrokenExecutor', 'Future',
           'Executor', 'wait', 'as_completed', 'ProcessPoolExecutor',
           'ThreadPoolExecutor')


class ProcessPoolExecutor:
    """Not available in MiniPy: see the multiprocessing crate."""

    def __init__(self, *args, **kwargs):
        raise NotImplementedError(
            "concurrent.futures.ProcessPoolExecutor is not supported by MiniPy "
            "(processes are the multiprocessing crate's subject)")
