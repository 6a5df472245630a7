#!/usr/bin/env python3
"""map: one datum is one document (glob /*). Counts its words and writes, for every word,
/pfs/out/<word>/<document> holding that count.

Pachyderm 2 forbids two datums writing the same output path (the "single datum provenance" rule), so
the document name is part of every path; the merged output of all datums then holds one file per
(word, document), and `get file map@master:/<word>/*` prints one count line per document.
"""
import collections
import os
import pathlib
import re

INPUT = pathlib.Path("/pfs/documents")
OUTPUT = pathlib.Path("/pfs/out")
WORD = re.compile(r"[a-z]+")

for document in sorted(p for p in INPUT.rglob("*") if p.is_file()):
    counts = collections.Counter(WORD.findall(document.read_text().lower()))
    for word, count in counts.items():
        target = OUTPUT / word / document.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"{count}\n")
    print(f"{document.name}: {sum(counts.values())} words, {len(counts)} distinct (datum {os.environ.get('PACH_DATUM_ID', '?')[:12]})")
