# Checks: time.gmtime of fixed timestamps (struct_time fields, repr, indexing), strftime of a
# fixed struct with many directives, strftime from a 9-tuple, and time.time/ns types (their
# values are never printed).
import time

epoch = time.gmtime(0)
print(epoch)
moment = time.gmtime(1700000000)
print(moment.tm_year, moment.tm_mon, moment.tm_mday, moment.tm_hour, moment.tm_wday, moment.tm_yday)
print(moment[0], tuple(moment)[:6], len(moment))
for fmt in ["%Y-%m-%d %H:%M:%S", "%a %A %b %B", "%j %U %w %y", "%I:%M %p", "%d/%m/%Y %%", "%H%M%S"]:
    print(repr(time.strftime(fmt, moment)))
print(time.strftime("%Y-%m-%dT%H:%M:%S", (2024, 2, 29, 13, 5, 9, 3, 60, 0)))
print(type(time.time()).__name__, type(time.time_ns()).__name__, time.time_ns() > 10 ** 18)
print(type(time.gmtime()).__name__, time.gmtime().tm_year >= 2024)
