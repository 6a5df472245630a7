"""The transform of `quality_classifier`: labels every image sharp or blurry.

Trains scikit-learn's GaussianNB on /pfs/training/training.csv (the three measures and a label
per training image), then labels every combined record of /pfs/metrics_join. Writes
/pfs/out/<stem>.json ({"image", "label", "p_sharp"}) and /pfs/out/labels.csv.
"""
import sys

sys.dont_write_bytecode = True  # keep the example folder free of __pycache__

import csv
import glob
import json
import os

from sklearn.naive_bayes import GaussianNB

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from metrics import FEATURES, features  # noqa: E402

with open("/pfs/training/training.csv") as f:
    rows = list(csv.DictReader(f))
if not rows:
    sys.exit("quality_classifier: training.csv is empty")
model = GaussianNB()
model.fit([features({k: float(r[k]) for k in FEATURES}) for r in rows], [r["label"] for r in rows])
sharp = list(model.classes_).index("sharp")

lines = ["image,label,p_sharp"]
for path in sorted(glob.glob("/pfs/metrics_join/*.json")):
    with open(path) as f:
        record = json.load(f)
    x = [features(record)]
    label = str(model.predict(x)[0])
    p_sharp = float(model.predict_proba(x)[0][sharp])
    stem = os.path.splitext(os.path.basename(path))[0]
    with open(f"/pfs/out/{stem}.json", "w") as out:
        json.dump({"image": record["image"], "label": label, "p_sharp": round(p_sharp, 6)}, out, sort_keys=True)
    lines.append(f"{record['image']},{label},{p_sharp:.6f}")
    print(f"{record['image']}: {label} (p_sharp={p_sharp:.3f})")
with open("/pfs/out/labels.csv", "w") as out:
    out.write("\n".join(lines) + "\n")
