# Checks: an empty \N{} is a malformed escape.
print("never printed")
nothing = """first line
then \N{}"""
