# Checks: sys.getswitchinterval default 0.005 and setswitchinterval round-trips; CPython stores
# the interval in whole microseconds, so 0.0001 reads back as 9.999999999999999e-05.
import sys

print(sys.getswitchinterval())
sys.setswitchinterval(0.001)
print(sys.getswitchinterval())
sys.setswitchinterval(0.0123)
print(sys.getswitchinterval())
sys.setswitchinterval(0.0001)
print(sys.getswitchinterval())
sys.setswitchinterval(1)
print(sys.getswitchinterval())
sys.setswitchinterval(0.005)
print(sys.getswitchinterval() == 0.005)
