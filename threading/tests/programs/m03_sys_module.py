# Checks: sys.argv (the script name only), sys.stdout.write returning the count and mixing
# with print, sys.stderr.write, flush, getrecursionlimit, setrecursionlimit round trip,
# sys.maxsize, and print(file=sys.stderr).
import sys

print(len(sys.argv), sys.argv[0])
n = sys.stdout.write("written directly\n")
print(n)
sys.stdout.write("no newline, ")
sys.stdout.flush()
print("then print")
sys.stderr.write("to stderr\n")
print("also to stderr", file=sys.stderr)
sys.stderr.flush()
print(sys.getrecursionlimit())
sys.setrecursionlimit(2000)
print(sys.getrecursionlimit())
sys.setrecursionlimit(1000)
print(sys.maxsize, sys.maxsize == 2 ** 63 - 1)
print(sys.getswitchinterval())
