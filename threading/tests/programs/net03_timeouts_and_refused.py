# Checks: socket errors as CPython raises them: recv on a socket with a timeout and no data
# raises TimeoutError ("timed out"); settimeout(None) restores blocking; connecting to a loopback port with
# no listener raises ConnectionRefusedError with errno 111 and its message.
import socket

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen()
port = listener.getsockname()[1]
client = socket.create_connection(("127.0.0.1", port))
peer, _ = listener.accept()
client.settimeout(0.05)
try:
    client.recv(10)
except TimeoutError as e:
    print("TimeoutError:", e, isinstance(e, OSError), socket.timeout is TimeoutError)
client.settimeout(None)
peer.sendall(b"late")
print(client.recv(10))
peer.close()
client.close()
listener.close()

probe = socket.socket()
probe.bind(("127.0.0.1", 0))
free_port = probe.getsockname()[1]
probe.close()
try:
    socket.create_connection(("127.0.0.1", free_port))
except ConnectionRefusedError as e:
    print("ConnectionRefusedError:", e, e.errno)
s = socket.socket()
try:
    s.connect(("127.0.0.1", free_port))
except OSError as e:
    print(type(e).__name__, e.errno, e.strerror)
s.close()
