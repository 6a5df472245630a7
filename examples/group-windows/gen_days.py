#!/usr/bin/env python3
"""Writes one sales file per day for the group-windows example, the same every run (fixed seed).

    gen_days.py OUT_DIR FIRST_DAY DAYS     e.g. gen_days.py out 2026-01-26 12

Each file OUT_DIR/<YYYY-MM-DD>.txt holds a few sale amounts (whole euros), one a line.
"""
import datetime
import pathlib
import random
import sys

out, first, days = pathlib.Path(sys.argv[1]), datetime.date.fromisoformat(sys.argv[2]), int(sys.argv[3])
out.mkdir(parents=True, exist_ok=True)
for offset in range(days):
    day = first + datetime.timedelta(days=offset)
    rng = random.Random(day.toordinal())
    amounts = [rng.randint(5, 400) for _ in range(rng.randint(3, 6))]
    (out / f"{day.isoformat()}.txt").write_text("".join(f"{a}\n" for a in amounts))
