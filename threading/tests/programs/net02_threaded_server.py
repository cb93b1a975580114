# Checks: a threaded echo server: the accept loop hands each connection to its own handler
# thread; 4 client threads each send 20 numbered lines and check every echo; results are
# reported per client, in client order.
import socket
import threading

def handle(conn):
    with conn:
        buffer = b""
        while True:
            chunk = conn.recv(4096)
            if not chunk:
                return
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                conn.sendall(b"echo:" + line + b"\n")

def accept_loop(server, n_clients):
    handlers = []
    for _ in range(n_clients):
        conn, _ = server.accept()
        h = threading.Thread(target=handle, args=(conn,))
        h.start()
        handlers.append(h)
    for h in handlers:
        h.join()

def client(port, ident, results):
    with socket.create_connection(("127.0.0.1", port)) as sock:
        ok = 0
        pending = b""
        for i in range(20):
            sock.sendall(f"{ident}-{i}\n".encode())
            while b"\n" not in pending:
                pending += sock.recv(4096)
            line, pending = pending.split(b"\n", 1)
            ok += line == f"echo:{ident}-{i}".encode()
        results[ident] = ok

server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen(8)
port = server.getsockname()[1]
acceptor = threading.Thread(target=accept_loop, args=(server, 4))
acceptor.start()
results = {}
clients = [threading.Thread(target=client, args=(port, f"c{i}", results)) for i in range(4)]
for c in clients:
    c.start()
for c in clients:
    c.join()
acceptor.join()
server.close()
print([(k, results[k]) for k in sorted(results)])
