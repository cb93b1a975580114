# Checks: a tiny line-based key/value server (GET/SET/QUIT) served by a thread per client over
# loopback, lines read by a generator over recv(); clients run one after another so the
# conversation is deterministic; server state is shared under a Lock.
import socket
import threading

store = {}
store_lock = threading.Lock()

def lines(sock):
    """Yield decoded lines from a socket (a generator over recv, no makefile)."""
    pending = b""
    while True:
        while b"\n" not in pending:
            chunk = sock.recv(1024)
            if not chunk:
                return
            pending += chunk
        line, pending = pending.split(b"\n", 1)
        yield line.decode()

def serve(conn):
    with conn:
        for line in lines(conn):
            parts = line.split()
            if parts[0] == "QUIT":
                conn.sendall(b"BYE\n")
                return
            if parts[0] == "SET":
                with store_lock:
                    store[parts[1]] = parts[2]
                reply = "OK"
            elif parts[0] == "GET":
                with store_lock:
                    reply = store.get(parts[1], "(nil)")
            else:
                reply = "ERR unknown command " + parts[0]
            conn.sendall((reply + "\n").encode())

def acceptor(server, n):
    workers = []
    for _ in range(n):
        conn, _ = server.accept()
        w = threading.Thread(target=serve, args=(conn,))
        w.start()
        workers.append(w)
    for w in workers:
        w.join()

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen()
port = server.getsockname()[1]
a = threading.Thread(target=acceptor, args=(server, 2))
a.start()

def session(commands):
    with socket.create_connection(("127.0.0.1", port)) as sock:
        replies = lines(sock)
        for cmd in commands:
            sock.sendall((cmd + "\n").encode())
            print(f"{cmd!r:16} -> {next(replies)}")

session(["SET lang python", "GET lang", "GET missing", "PING", "QUIT"])
session(["GET lang", "SET lang rust", "GET lang", "QUIT"])
a.join()
server.close()
print(store)
