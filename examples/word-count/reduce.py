#!/usr/bin/env python3
"""reduce: one datum holds all of map's output (glob /). Sums the per-document counts of every
word into /pfs/out/<word>."""
import pathlib

INPUT = pathlib.Path("/pfs/map")
OUTPUT = pathlib.Path("/pfs/out")

words = 0
for word_dir in sorted(p for p in INPUT.iterdir() if p.is_dir()):
    total = sum(int(f.read_text().strip()) for f in word_dir.iterdir() if f.is_file())
    (OUTPUT / word_dir.name).write_text(f"{total}\n")
    words += 1
print(f"reduced {words} words")
