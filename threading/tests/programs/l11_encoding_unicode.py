#!/usr/bin/env python3
# -*- coding: utf-8 -*-
# Checks: a #! line and a coding declaration are accepted; non-ASCII text in str literals,
# comments (é ü 漢) and identifiers; len counts code points; ord/chr round-trip beyond ASCII.
grüße = "Grüße, 世界"
print(grüße, len(grüße))
print(grüße.upper(), grüße[-2:])
print([ord(c) for c in "é€𝄞"])
print(chr(233) + chr(8364) + chr(119070))
print(repr("tab\tand é"), ascii("é"))
print("\u00e9" == "é", "\U0001d11e" == "𝄞")
print("ÄÖÜ".lower(), "straße".upper())
