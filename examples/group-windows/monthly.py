#!/usr/bin/env python3
"""monthly: one datum per month (a group input: the glob captures year and month, group_by joins
them), holding every day file of that month. Writes /pfs/out/<YYYY-MM>.txt with the group key
Pachyderm passes in $PACH_DATUM_sales_GROUP_BY, the number of days and the month's total."""
import os
import pathlib

days = sorted(pathlib.Path("/pfs/sales").rglob("*.txt"))
months = {day.name[:7] for day in days}
if len(months) != 1:
    raise SystemExit(f"a datum of monthly must hold one month, got {sorted(months)}")
month = months.pop()
total = sum(int(line) for day in days for line in day.read_text().split())
key = os.environ.get("PACH_DATUM_sales_GROUP_BY", "")
pathlib.Path("/pfs/out", f"{month}.txt").write_text(f"key={key} days={len(days)} total={total}\n")
print(f"{month}: {len(days)} days, total {total}")
