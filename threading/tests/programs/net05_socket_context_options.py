# Checks: socket objects as context managers (closed on exit), SO_REUSEADDR set before bind,
# send returning a byte count, close() twice is harmless, and using a closed socket raises
# OSError with errno 9 (EBADF).
import socket

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as srv:
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    with socket.create_connection(srv.getsockname()) as cli:
        conn, _ = srv.accept()
        with conn:
            print(cli.send(b"12345"), conn.recv(5))
            conn.sendall(b"ok")
            print(cli.recv(2))
    try:
        cli.send(b"after close")
    except OSError as e:
        print("OSError:", e.errno, e.strerror)
srv.close()
srv.close()
try:
    srv.listen(1)
except OSError as e:
    print("OSError:", e.errno, e.strerror)
