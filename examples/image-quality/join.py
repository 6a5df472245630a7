"""The transform of `metrics_join`: one combined record per image.

A datum of the join holds the three metric files of one image (matched on the image's name by
`join_on`): /pfs/laplacian_variance/<stem>.json, /pfs/sobel/<stem>.json, /pfs/fft_blur/<stem>.json.
They are merged into /pfs/out/<stem>.json.
"""
import glob
import json
import os
import sys

INPUTS = ["laplacian_variance", "sobel", "fft_blur"]

records = {}
for name in INPUTS:
    for path in glob.glob(f"/pfs/{name}/*.json"):
        stem = os.path.splitext(os.path.basename(path))[0]
        with open(path) as f:
            records.setdefault(stem, {}).update(json.load(f))
if not records:
    sys.exit("metrics_join: the datum holds no metric files")
for stem, record in records.items():
    missing = [name for name in INPUTS if name not in record]
    if missing:
        sys.exit(f"metrics_join: {stem} lacks {missing}; the join should have matched all three")
    with open(f"/pfs/out/{stem}.json", "w") as out:
        json.dump(record, out, sort_keys=True)
    print(f"joined {stem}")
