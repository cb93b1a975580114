# Checks: the native time module's calendar against CPython under three TZ settings (POSIX
# TZ strings, so no tz database is needed): localtime/gmtime/mktime round trips, strftime's
# directives (the C library's), asctime/ctime, struct_time's zone fields, CPython's errors.
import time
print(time.tzname, time.timezone, time.altzone, time.daylight)
for secs in (0, 1709210096, 1720000000.75, -86400 * 400):
    t = time.localtime(secs)
    print(tuple(t), t.tm_zone, t.tm_gmtoff, time.mktime(t))
    print(time.strftime("%a %A %b %B %c|%d %H %I %j %m %M %p %S %U %w %W|%x %X %y %Y %Z %z %% %e %-d %G %V %u", t))
    print(time.asctime(t), "|", time.ctime(secs))
g = time.gmtime(1709210096)
print(tuple(g), g.tm_zone, g.tm_gmtoff, g.tm_year, g[1], g[-1])
print(time.strftime("%Y-%m-%d %H:%M:%S", g), time.strftime("%Y", (2020, 0, 0, 0, 0, 0, 0, 0, 0)))
print(time.mktime((2024, 2, 29, 12, 0, 0, 0, 0, -1)), time.mktime((2024, 7, 1, 12, 0, 0, 0, 0, -1)))
s = time.struct_time((2001, 2, 3, 4, 5, 6, 5, 34, 0, 'XYZ', 3600))
print(s.tm_zone, s.tm_gmtoff, tuple(s), time.strftime("%Z", s))
for bad in ([1] * 9, (1,) * 8, (2000, 13, 1, 0, 0, 0, 0, 1, 0), (2000, 1, 1, 24, 0, 0, 0, 1, 0)):
    try:
        time.strftime("%Y", bad)
    except Exception as e:
        print(type(e).__name__, e)
for bad in ("x", 2**70, 1e30, float("nan")):
    try:
        time.localtime(bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    time.mktime((1,) * 8)
except Exception as e:
    print(type(e).__name__, e)
now = time.localtime()
print(type(now).__name__, len(now), time.strftime("%Y") == time.strftime("%Y", now) or "new year")
