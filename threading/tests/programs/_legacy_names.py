# A helper module for t32_deprecated_names.py: calls the deprecated camelCase
# names from a module that is not __main__, where CPython's default filters
# ignore DeprecationWarning.
import threading


def describe(thread):
    return f"{thread.getName()} daemon={thread.isDaemon()}"
