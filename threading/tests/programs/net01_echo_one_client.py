# Checks: a TCP echo server on loopback (port 0: the OS picks a free port, never printed)
# in a thread, one client: bind/listen/accept/recv/sendall/close, getsockname, the server
# seeing EOF (b"") after the client shuts down its sending side.
import socket
import threading

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("127.0.0.1", 0))
server.listen()
host, port = server.getsockname()
print(host, port > 0)
received = []

def serve_one():
    conn, addr = server.accept()
    with conn:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            received.append(data)
            conn.sendall(data.upper())

t = threading.Thread(target=serve_one)
t.start()
client = socket.create_connection((host, port))
replies = []
for message in [b"hello", b"echo server", b"bye"]:
    client.sendall(message)
    reply = b""
    while len(reply) < len(message):
        reply += client.recv(1024)
    replies.append(reply)
client.shutdown(socket.SHUT_WR)
print(client.recv(1024))
client.close()
t.join()
server.close()
print(replies)
print(b"".join(received))
