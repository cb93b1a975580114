# Checks: printf-style % formatting at run time: %s %r %d %i %f %.Nf %e %g %x %X %o %c %%,
# widths, - and 0 flags, * width, a single value vs a tuple, %(name)s with a dict, and the
# TypeError messages for too few / too many / wrong arguments.
print("%s has %d items costing %.2f" % ("cart", 3, 9.5))
print("%r %s" % ("q", "q"), "%5d|%-5d|%05d" % (42, 42, 42), "%+d %+d" % (5, -5))
print("%x %X %o %c %c %%" % (255, 255, 8, 65, "z"), "%e %g %G" % (1234.5, 0.00001, 1e-20))
print("%*d|%-*s|" % (6, 7, 4, "ab"), "%.3s" % "truncate", "%10.3f|" % 3.14159)
print("%(name)s is %(age)d" % {"name": "ann", "age": 30}, "%s" % [1, 2], "%s" % ((1, 2),))
print("%d%%" % 50, "%i" % 3.99, "%s" % None, "%5s|%-6s|" % ("r", "l"))
for fmt, args in [("%d %d", (1,)), ("%d", (1, 2)), ("%d", "x"), ("%z", 1), ("%(k)s", (1,))]:
    try:
        print(fmt % args)
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__ + ":", e)
print(b"%s=%d" % (b"n", 3), "%s" % b"raw")
