# expect-line: 6
# construct: tab indentation
# Indentation with a tab character, used consistently, so CPython accepts it;
# MINIPY.md says tabs in indentation are an error (spaces only).
def f(x):
	return x + 1

print(f(1))
