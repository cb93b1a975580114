# Checks: the `if __name__ == "__main__":` idiom calls main(); __name__ is "__main__" in the
# program; main() returning a value and functions defined after use at module level.
import threading

def worker(results, n):
    results.append(n * n)

def main():
    results = []
    threads = [threading.Thread(target=worker, args=(results, n)) for n in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(sorted(results))
    return len(results)

if __name__ == "__main__":
    print("running as", __name__)
    print("main returned", main())
else:
    print("imported")
