# Checks: str() and int() of big ints round-trip; repr equals str for ints; leading zeros,
# signs and underscores in int(); digit counts of big powers.
n = 123456789 ** 9
print(n, int(str(n)) == n, repr(-n) == str(-n))
print(int("-000123"), int("+7"), int("1_2_3"), int("0" * 50 + "1"))
for k in [10, 19, 20, 21, 63, 64, 100]:
    print(k, len(str(10 ** k)), len(str(2 ** k)))
