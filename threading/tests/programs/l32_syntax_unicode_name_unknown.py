# Checks: an unknown name in \N{...} is a SyntaxError at compile time (nothing printed), with
# the span CPython's unicode_escape decoder reports (a non-ASCII character counts 10 bytes there).
print("never printed")
x = "café \N{LATIN SMALL LETTER E WITH ACUTE} \N{NO SUCH CHARACTER}"
