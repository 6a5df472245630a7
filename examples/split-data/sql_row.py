#!/usr/bin/env python3
"""sql_rows: one datum is one split-file of /users.sql (glob /users.sql/*). Pachyderm serves each
split-file of a `--split sql` dump as the dump's header (the statements up to COPY ... FROM stdin;),
the row(s), then the footer (\\. and what follows), so each datum is a loadable pg_dump on its own
(`psql < $users`). Checks that shape and writes /pfs/out/<id>.txt with the row's name."""
import os
import pathlib
import re
import sys

path = pathlib.Path(os.environ["users"])
lines = path.read_text().splitlines()
copy = [i for i, line in enumerate(lines) if re.match(r"COPY \S+ \(.*\) FROM stdin;$", line)]
if len(copy) != 1 or not any(line.startswith("CREATE TABLE") for line in lines[: copy[0]]):
    sys.exit(f"{path}: not a loadable dump (no CREATE TABLE ... COPY ... FROM stdin; header)")
try:
    end = lines.index("\\.", copy[0])
except ValueError:
    sys.exit(f"{path}: no \\. after the rows (footer missing)")
rows = lines[copy[0] + 1 : end]
if not rows:
    sys.exit(f"{path}: no row between COPY and \\.")
for row in rows:
    user_id, name, city = row.split("\t")
    pathlib.Path("/pfs/out", f"{user_id}.txt").write_text(f"{name} {city}\n")
    print(f"{path.name}: row {user_id}")
