#!/usr/bin/env python3
"""analysis: one datum per window (glob /* over binning). Writes /pfs/out/<window>.txt with the
number of days in the window and their total sales."""
import os
import pathlib

window = pathlib.Path(os.environ["binning"])  # the datum's path: /pfs/binning/<window>
days = sorted(window.glob("*.txt"))
total = sum(int(line) for day in days for line in day.read_text().split())
pathlib.Path("/pfs/out", f"{window.name}.txt").write_text(f"days={len(days)} total={total}\n")
print(f"{window.name}: {len(days)} days, total {total}")
