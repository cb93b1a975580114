# Checks: a thread-pool "downloader" over loopback sockets: a tiny HTTP/1.0-style server thread
# serves pages from a dict (one connection per request, served by its own thread); a
# ThreadPoolExecutor fetches 6 paths concurrently; results come back in submission order;
# a missing page is a 404 the client reports.
import socket
import threading
from concurrent.futures import ThreadPoolExecutor

PAGES = {f"/page{i}": ("<p>" + "x" * (i * 100) + "</p>") for i in range(1, 6)}

def respond(conn):
    with conn:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = conn.recv(1024)
            if not chunk:
                return
            request += chunk
        path = request.split(b" ")[1].decode()
        body = PAGES.get(path)
        status = "200 OK" if body is not None else "404 Not Found"
        body = body if body is not None else "missing"
        conn.sendall(f"HTTP/1.0 {status}\r\nContent-Length: {len(body)}\r\n\r\n{body}".encode())

def serve(server, requests):
    handlers = []
    for _ in range(requests):
        conn, _ = server.accept()
        h = threading.Thread(target=respond, args=(conn,))
        h.start()
        handlers.append(h)
    for h in handlers:
        h.join()

def download(port, path):
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(f"GET {path} HTTP/1.0\r\n\r\n".encode())
        response = b""
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                break
            response += chunk
    head, body = response.split(b"\r\n\r\n", 1)
    status = int(head.split(b" ")[1])
    return path, status, len(body)

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(16)
port = server.getsockname()[1]
paths = ["/page1", "/page2", "/nope", "/page3", "/page4", "/page5"]
server_thread = threading.Thread(target=serve, args=(server, len(paths)))
server_thread.start()
with ThreadPoolExecutor(max_workers=3) as pool:
    for path, status, size in pool.map(download, [port] * len(paths), paths):
        print(f"{path:8} {status} {size:5d} bytes")
server_thread.join()
server.close()
