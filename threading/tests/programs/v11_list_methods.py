# Checks: list methods beyond the basics: insert, remove (ValueError message), index with
# bounds, count, extend from any iterable, reverse, sort with key/reverse (stable), copy,
# clear, del by index and slice, list comparisons and repetition aliasing.
xs = [5, 3, 8]
xs.insert(0, 1)
xs.insert(100, 9)
xs.insert(-1, 7)
print(xs)
xs.remove(8)
print(xs, xs.index(7), xs.index(5, 1), xs.count(5))
try:
    xs.remove(42)
except ValueError as e:
    print("ValueError:", e)
try:
    xs.index(42)
except ValueError as e:
    print("ValueError:", e)
xs.extend(range(2))
xs.extend("ab")
print(xs)
records = [("b", 2), ("a", 2), ("c", 1), ("d", 1)]
records.sort(key=lambda r: r[1])
print(records)
records.sort(key=lambda r: r[1], reverse=True)
print(records)
nums = [3, -1, 2]
nums.sort(reverse=True)
copy = nums.copy()
nums.reverse()
print(nums, copy, copy is nums)
del copy[0]
del nums[1:]
print(copy, nums)
copy.clear()
print(copy, [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9], [[]] * 2)
grid = [[0] * 2] * 2
grid[0][0] = 1
print(grid)
try:
    [1, "a"].sort()
except TypeError as e:
    print("TypeError:", e)
