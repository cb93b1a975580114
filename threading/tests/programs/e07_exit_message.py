# Checks: sys.exit("message") prints the message to stderr and exits with status 1.
import sys

print("validating configuration")
sys.exit("fatal: no workers configured")
