# Checks: str.format: automatic and numbered fields, keyword fields, attribute and index
# lookups in fields, conversions, nested width/precision, alignment/fill/sign/#/0/grouping,
# the % and e types, format() builtin, and the errors for bad fields.
class P:
    x = 3
    def __repr__(self):
        return "P()"

print("{} + {} = {}".format(1, 2, 3), "{1}{0}{1}".format("a", "b"), "{name}!".format(name="hi"))
print("{0.x} {1[0]} {2[key]} {0!r} {3!s:>4}".format(P(), [9], {"key": "v"}, "s"))
print("{:>8}|{:<8}|{:^8}|{:*^9}|".format("r", "l", "c", "mid"))
print("{:+d} {: d} {:#x} {:#o} {:#b} {:08.3f} {:,} {:_d}".format(5, 5, 255, 8, 5, 3.14159, 10 ** 7, 10 ** 6))
print("{:.2%} {:.3e} {:g} {:.0f} {:5.1f}|".format(0.1234, 123456.0, 0.0000123, 2.5, 9.87))
print("{:{w}.{p}f}|{:>{w}}|".format(2.718281, "x", w=8, p=2), "{{braces}} {}".format(0))
print(format(0.5, ".1%"), format("abc", "^7"), format(10, "b"), format(-3, "05d"))
for fmt, args in [("{} {}", (1,)), ("{0} {}", (1, 2)), ("{:d}", ("x",)), ("{x}", ())]:
    try:
        print(fmt.format(*args))
    except (IndexError, ValueError, KeyError) as e:
        print(type(e).__name__ + ":", e)
