# Checks: raw strings (r"", R'', raw triple-quoted) keep backslashes; len and repr of them;
# a raw string ending in an escaped quote; rb/br bytes raw literals.
pattern = r"\d+\.\d+"
print(pattern, len(pattern))
print(repr(r"C:\new\table"))
print(R'tab:\t stays', len(R'\t'))
print(r"quote \" kept", r'it\'s')
raw_block = r"""line one \n
line two \\ end"""
print(raw_block)
print(repr(raw_block))
print(rb"\x41\n", br"\x42", len(rb"\x41"))
print("plain \\d" == r"plain \d")
parts = [r"\w", "\\w", r"\\w"]
print(parts, [len(p) for p in parts])
