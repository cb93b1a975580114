# expect-line: 8
# construct: lambda
# A lambda expression passed as a thread target.
import threading

results = []
print("before")
t = threading.Thread(target=lambda: results.append(1))
t.start()
t.join()
print(results)
