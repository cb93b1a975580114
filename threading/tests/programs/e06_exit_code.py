# Checks: sys.exit(3) from inside nested calls ends the program with exit status 3 and no
# traceback; finally blocks on the way out still run; stdout printed before is kept.
import sys

def shutdown(code):
    try:
        print("shutting down with", code)
        sys.exit(code)
    finally:
        print("cleanup runs")

def main():
    print("working")
    shutdown(3)
    print("never")

main()
print("never either")
