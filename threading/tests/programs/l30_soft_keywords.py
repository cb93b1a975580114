# Checks: `match`, `case`, `type` and `_` are soft keywords or plain names: used as variable,
# function and attribute names they must keep working (only a `match` statement is out of
# scope); `print` and other builtins can be shadowed and restored with del.
match = {"case": 1}
case = match["case"] + 1
_ = "underscore"

def type_of(type):
    return type.__class__.__name__

class Config:
    match = "attribute"

print(match, case, _, type_of(3), Config.match)
len = lambda x: "shadowed"
print(len([1, 2]))
del len
print(len([1, 2]))
