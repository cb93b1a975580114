# Checks: comparison operators, chained comparisons (middle evaluated once), mixed int/float, str/list/tuple ordering.
def mid(v):
    print("eval", v)
    return v

print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1 > 0)
print(1 == 1.0, 2 != 2.0, 1 <= 1 < 2)
x = 5
print(0 < x <= 5, 0 < x < 5)
print(1 < mid(2) < 3)
print(5 < mid(2) < 3)
print(1 < mid(0) < mid(9))
print("apple" < "banana", "Z" < "a", "abc" < "abd", "ab" < "abc")
print([1, 2] < [1, 3], [1, 2] == [1, 2], (1, 2) < (1, 2, 0), (2,) > (1, 9))
print(None == None, None != 0, "" == 0)
a = 7
b = 7
c = 7
print(a == b == c, a == b != c)
print(not 1 < 2, not (1 > 2))
