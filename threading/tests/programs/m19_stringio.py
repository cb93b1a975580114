# Checks: io.StringIO as an in-memory text file: write returns the count, getvalue, print(...,
# file=buf), seek/read/readline/readlines, iteration over lines, initial value, tell, and
# writes after seek overwrite.
import io

buf = io.StringIO()
print(buf.write("first line\n"), buf.tell())
print("second", "line", sep="-", file=buf)
buf.write("third\n")
print(repr(buf.getvalue()))
buf.seek(0)
print(repr(buf.readline()), repr(buf.read(6)), repr(buf.read()))
src = io.StringIO("a\nb\nc")
print([line for line in src], src.read() == "")
src.seek(0)
print(src.readlines())
over = io.StringIO("hello world")
over.seek(6)
over.write("there")
print(over.getvalue(), over.closed)
over.close()
print(over.closed)
try:
    over.getvalue()
except ValueError as e:
    print("ValueError:", e)
