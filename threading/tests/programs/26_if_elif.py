# Checks: if/elif/else chains, nested ifs, truthiness of containers and numbers.
def classify(v):
    if v:
        if v == 1:
            return "one"
        elif v == 2:
            return "two"
        else:
            return "many"
    else:
        return "falsy"

for v in [0, 1, 2, 3, "", "s", [], [0], {}, 0.0, None]:
    print(classify(v))
x = 15
if x % 15 == 0:
    print("fizzbuzz")
elif x % 3 == 0:
    print("fizz")
if x > 100:
    print("big")
else:
    pass
print("done")
