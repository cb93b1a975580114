"""Writes the expected output of program.py under each TZ of ZONES, from python3.

    python3 threading/tests/time_module/regen.py

CPython 3.11 is the oracle; nothing is edited by hand. The last line of the
program looks at the current time and prints only a derived fact.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# file stem -> TZ value (POSIX rules: no tz database needed)
ZONES = {
    "utc": "UTC0",
    "new_york": "EST5EDT,M3.2.0,M11.1.0",
    "sydney": "AEST-10AEDT,M10.1.0,M4.1.0/3",
}

for stem, tz in ZONES.items():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["TZ"] = tz
    out = subprocess.run(
        [sys.executable, os.path.join(HERE, "program.py")],
        env=env, capture_output=True, check=True,
    ).stdout
    with open(os.path.join(HERE, stem + ".stdout"), "wb") as f:
        f.write(out)
    print(f"{stem}.stdout: TZ={tz}, {len(out)} bytes")
