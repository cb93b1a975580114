# Checks: `await` inside a plain def (not async def) is a SyntaxError ("'await' outside async
# function").
print("never printed")

def fetch():
    return await something()
