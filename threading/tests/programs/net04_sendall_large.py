# Checks: sendall of 1 MiB through a loopback socket arrives complete and in order while the
# receiver reads in small chunks in another thread; shutdown(SHUT_WR) marks the end; a
# checksum and the byte count are compared.
import socket
import threading

payload = bytes(i * 7 % 251 for i in range(1 << 20))
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen()
port = listener.getsockname()[1]
got = {}

def receive():
    conn, _ = listener.accept()
    chunks = []
    total = 0
    while True:
        data = conn.recv(3000)
        if not data:
            break
        chunks.append(data)
        total += len(data)
    conn.sendall(str(total).encode())
    conn.close()
    got["data"] = b"".join(chunks)

t = threading.Thread(target=receive)
t.start()
sender = socket.create_connection(("127.0.0.1", port))
sender.sendall(payload)
sender.shutdown(socket.SHUT_WR)
ack = sender.recv(100)
sender.close()
t.join()
listener.close()
print(ack, len(got["data"]), got["data"] == payload, sum(got["data"]) % 65521)
