#!/usr/bin/env python3
"""binning: sees every day at once (glob /) and bins each day into the 3-day rolling windows that
contain it: /pfs/out/<start>_to_<end>/<day>.txt, one window starting on every day present. The
files are symlinks to the input, so the bins cost no copy."""
import datetime
import os
import pathlib

SALES = pathlib.Path("/pfs/sales")
OUT = pathlib.Path("/pfs/out")
WINDOW = 3

days = sorted(datetime.date.fromisoformat(p.stem) for p in SALES.glob("*.txt"))
for start in days:
    end = start + datetime.timedelta(days=WINDOW - 1)
    window = OUT / f"{start.isoformat()}_to_{end.isoformat()}"
    window.mkdir(parents=True, exist_ok=True)
    for day in days:
        if start <= day <= end:
            os.symlink(SALES / f"{day.isoformat()}.txt", window / f"{day.isoformat()}.txt")
print(f"binned {len(days)} days into {len(days)} windows")
