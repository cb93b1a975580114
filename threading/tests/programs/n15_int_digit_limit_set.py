# Checks: sys.set_int_max_str_digits: 0 lifts the limit, values below 640 are refused, the new
# limit applies to str(), repr(), int() of str and bytes, format 'd', %d and f-strings (not to
# hex or base-16 parsing) and is seen by every thread.
import sys, threading
x = 10 ** 5000
try:
    sys.set_int_max_str_digits(100)
except ValueError as e:
    print(e)
sys.set_int_max_str_digits(0)
print(len(str(x)), sys.get_int_max_str_digits())
sys.set_int_max_str_digits(maxdigits=640)
for f in (lambda: str(10**700), lambda: int("1"*641), lambda: int(b"2"*641), lambda: format(10**700, "d"), lambda: "%d" % 10**700, lambda: f"{10**700}", lambda: repr(10**700), lambda: int("1"*641, 16) > 0, lambda: len(hex(10**700))):
    try:
        print(f())
    except ValueError as e:
        print("ValueError:", e)
res = []
t = threading.Thread(target=lambda: res.append(sys.get_int_max_str_digits())); t.start(); t.join()
print(res)
try:
    sys.set_int_max_str_digits()
except TypeError as e:
    print(e)
