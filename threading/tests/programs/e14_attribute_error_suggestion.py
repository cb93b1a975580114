# Checks: an uncaught AttributeError for a misspelt attribute: CPython 3.11 appends "Did you
# mean: 'balance'?" to the traceback's last line; the markers underline the attribute access.
class Account:
    def __init__(self):
        self.balance = 10

acct = Account()
print(acct.balance)
print(acct.balanse)
