# Checks: thread identity: ident and native_id are None before start and ints afterwards,
# get_ident()/get_native_id() inside a thread match its attributes, live threads have
# distinct idents, main_thread() is the main thread and has its name.
import threading

record = {}
ready = threading.Barrier(3)

def probe(key):
    me = threading.current_thread()
    record[key] = (threading.get_ident() == me.ident, threading.get_native_id() == me.native_id,
                   me.ident)
    ready.wait()

t1 = threading.Thread(target=probe, args=("t1",))
t2 = threading.Thread(target=probe, args=("t2",))
print(t1.ident, t1.native_id)
t1.start()
t2.start()
ready.wait()
t1.join()
t2.join()
print(record["t1"][:2], record["t2"][:2], record["t1"][2] != record["t2"][2])
print(isinstance(t1.ident, int), isinstance(t1.native_id, int), t1.ident == record["t1"][2])
main = threading.main_thread()
print(main is threading.current_thread(), main.name, main.ident == threading.get_ident())
print(type(threading.get_ident()).__name__, threading.get_native_id() == main.native_id)
