"""The transform of the three metric pipelines: `python3 measure.py <metric>`.

For every image under /pfs/images it writes /pfs/out/<image name without extension>.json with
{"image": <file name>, "<metric>": <value>}. With `glob: /*` a datum is one image.
"""
import sys

sys.dont_write_bytecode = True  # keep the example folder free of __pycache__

import json
import os

import cv2

from metrics import MEASURES

metric = sys.argv[1]
measure = MEASURES[metric]
for dirpath, _, files in os.walk("/pfs/images"):
    for name in sorted(files):
        gray = cv2.imread(os.path.join(dirpath, name), cv2.IMREAD_GRAYSCALE)
        if gray is None:
            sys.exit(f"{metric}: {name} is not an image")
        value = measure(gray)
        stem = os.path.splitext(name)[0]
        with open(f"/pfs/out/{stem}.json", "w") as out:
            json.dump({"image": name, metric: value}, out)
        print(f"{metric}({name}) = {value:.6g}")
