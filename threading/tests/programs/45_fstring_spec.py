# Checks: f-string format specs: fill, align < > ^, width, the , separator, precision,
# and types d f s (plus defaults: numbers right-aligned, strings left-aligned).
n = 1234567
f = 3.14159
s = "mid"
print(f"[{n:d}] [{n:,}] [{n:,d}] [{-n:,}] [{12:5d}] [{12:<5d}] [{12:^5d}]")
print(f"[{f:.2f}] [{f:.0f}] [{f:8.3f}] [{f:<8.1f}] [{f:^9.2f}] [{-f:.3f}]")
print(f"[{1234567.891:,.2f}] [{0.5:.0f}] [{1.5:.0f}] [{2.5:.0f}] [{2.675:.2f}]")
print(f"[{s:s}] [{s:6}] [{s:>6}] [{s:^7}] [{s:<6s}] [{s:.2s}] [{s:*^9}]")
print(f"[{n:>12,}] [{7:0>4}] [{7:x<4}] [{7:_^5}] [{f:#>10.2f}]")
print(f"[{12:5}] [{1.5:6}] [{-3:4d}]")
print(f"[{'':3}] [{'toolong':3}] [{1000:,}] [{999:,}] [{-1000000:,}]")
print(f"[{0.000123:.3f}] [{1e16:.1f}] [{123.456:.1f}] [{-0.0:.1f}]")
rows = [("apples", 3, 0.5), ("kiwis", 12, 0.25)]
for item, qty, price in rows:
    print(f"{item:<8}|{qty:>4d}|{qty * price:>7.2f}")
