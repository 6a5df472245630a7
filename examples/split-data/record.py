#!/usr/bin/env python3
"""records: one datum is one split-file of /sales.csv (glob /sales.csv/*). Pachyderm applies the
header recorded by `put file --header-records 1` to every split-file, so each datum reads as a
complete little CSV: the header line, then its record(s). Writes /pfs/out/<id>.json per record."""
import csv
import json
import os
import pathlib
import sys

EXPECTED_HEADER = ["id", "region", "amount"]

path = pathlib.Path(os.environ["data"])  # Pachyderm sets $<input name> to the datum's path
with path.open(newline="") as handle:
    reader = csv.DictReader(handle)
    if reader.fieldnames != EXPECTED_HEADER:
        sys.exit(f"{path}: expected the CSV header {EXPECTED_HEADER} first, got {reader.fieldnames}")
    rows = list(reader)
if not rows:
    sys.exit(f"{path}: no record after the header")
for row in rows:
    record = {"id": int(row["id"]), "region": row["region"], "amount": float(row["amount"])}
    pathlib.Path("/pfs/out", f"{record['id']}.json").write_text(json.dumps(record, sort_keys=True) + "\n")
    print(f"{path.name}: record {record['id']}")
