# Checks: a parameter without a default after one with a default is a SyntaxError.
print("never printed")

def connect(host="localhost", port):
    return host, port
