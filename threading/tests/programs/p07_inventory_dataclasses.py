# Checks: an inventory with dataclasses: orders processed by worker threads update stock under
# a lock; a frozen Order, a mutable Item with order=True for sorting; rejected orders are
# collected. Scarce items are ordered one unit at a time, so how many orders fail (not which)
# is independent of the interleaving, and the final stock is exact.
import threading
from dataclasses import dataclass, field

@dataclass(order=True)
class Item:
    sku: str
    stock: int = field(compare=False)

@dataclass(frozen=True)
class Order:
    ident: int
    sku: str
    quantity: int

class Inventory:
    def __init__(self, items):
        self.items = {item.sku: item for item in items}
        self.lock = threading.Lock()
        self.rejected = []

    def fulfil(self, order):
        with self.lock:
            item = self.items[order.sku]
            if item.stock < order.quantity:
                self.rejected.append(order)
                return False
            item.stock -= order.quantity
            return True

inv = Inventory([Item("bolt", 100), Item("nut", 40), Item("gear", 5)])
orders = [Order(i, sku, 1 + i % 4 if sku == "bolt" else 1) for i in range(60) for sku in [["bolt", "nut", "gear"][i % 3]]]

def process(batch):
    for order in batch:
        inv.fulfil(order)

threads = [threading.Thread(target=process, args=(orders[i::3],)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(inv.items.values()))
shipped = sum(o.quantity for o in orders) - sum(o.quantity for o in inv.rejected)
print(shipped, 145 - sum(i.stock for i in inv.items.values()))
print(len(inv.rejected), sorted({o.sku for o in inv.rejected}))
