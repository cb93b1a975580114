"""Future statements: the module behind `from __future__ import annotations`.

A future statement is two things in CPython 3.11. At compile time it is a
directive to the compiler; at run time it is an ordinary import of this
module, binding a `_Feature` record to the imported name. This module is
the run-time half; the compile-time half lives in `compiler/mod.rs`. Of
the directives, only `annotations` (PEP 563) still changes anything in
3.11: class and module annotations are stored as strings instead of being
evaluated (function annotations MiniPy never evaluates: MINIPY.md says
parsed and ignored). pyperformance's generators benchmark opens with it.

Each feature records the release that first accepted it, the release that
made it the default (None: not yet decided), and the code-object flag its
directive sets in CPython's compiler (informational: MiniPy's code objects
do not carry these flags).

Left out: nothing of the module. The features other than `annotations`
are all mandatory in Python 3 (their directives change nothing), except
`barry_as_FLUFL`, an April-fool grammar switch MiniPy's front end does
not implement. Natives: none.
"""

all_feature_names = [
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
]

__all__ = ["all_feature_names"] + all_feature_names

# The compiler flags of CPython's Include/cpython/code.h, as the features
# report them.
CO_NESTED = 0x0010
CO_GENERATOR_ALLOWED = 0
CO_FUTURE_DIVISION = 0x20000
CO_FUTURE_ABSOLUTE_IMPORT = 0x40000
CO_FUTURE_WITH_STATEMENT = 0x80000
CO_FUTURE_PRINT_FUNCTION = 0x100000
CO_FUTURE_UNICODE_LITERALS = 0x200000
CO_FUTURE_BARRY_AS_BDFL = 0x400000
CO_FUTURE_GENERATOR_STOP = 0x800000
CO_FUTURE_ANNOTATIONS = 0x1000000


class _Feature:
    """One future: when it was first accepted and when it became the rule."""

    def __init__(self, optionalRelease, mandatoryRelease, compiler_flag):
        self.optional = optionalRelease
        self.mandatory = mandatoryRelease
        self.compiler_flag = compiler_flag

    def getOptionalRelease(self):
        """The first release that accepted the future statement, as a
        sys.version_info-like 5-tuple."""
        return self.optional

    def getMandatoryRelease(self):
        """The release in which the feature became the default behaviour,
        or None if that has not been decided."""
        return self.mandatory

    def __repr__(self):
        return "_Feature" + repr((self.optional, self.mandatory, self.compiler_flag))


nested_scopes = _Feature((2, 1, 0, "beta", 1), (2, 2, 0, "alpha", 0), CO_NESTED)
generators = _Feature((2, 2, 0, "alpha", 1), (2, 3, 0, "final", 0), CO_GENERATOR_ALLOWED)
division = _Feature((2, 2, 0, "alpha", 2), (3, 0, 0, "alpha", 0), CO_FUTURE_DIVISION)
absolute_import = _Feature((2, 5, 0, "alpha", 1), (3, 0, 0, "alpha", 0),
                           CO_FUTURE_ABSOLUTE_IMPORT)
with_statement = _Feature((2, 5, 0, "alpha", 1), (2, 6, 0, "alpha", 0),
                          CO_FUTURE_WITH_STATEMENT)
print_function = _Feature((2, 6, 0, "alpha", 2), (3, 0, 0, "alpha", 0),
                          CO_FUTURE_PRINT_FUNCTION)
unicode_literals = _Feature((2, 6, 0, "alpha", 2), (3, 0, 0, "alpha", 0),
                            CO_FUTURE_UNICODE_LITERALS)
barry_as_FLUFL = _Feature((3, 1, 0, "alpha", 2), (4, 0, 0, "alpha", 0),
                          CO_FUTURE_BARRY_AS_BDFL)
generator_stop = _Feature((3, 5, 0, "beta", 1), (3, 7, 0, "alpha", 0),
                          CO_FUTURE_GENERATOR_STOP)
annotations = _Feature((3, 7, 0, "beta", 1), None, CO_FUTURE_ANNOTATIONS)
