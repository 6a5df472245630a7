"""Writes the example's input data with a fixed seed: no downloads.

    make_data.py OUT_DIR

OUT_DIR/training-v1/points.csv   200 labelled points (x,y,label): class 0 around (-2,-2),
                                 class 1 around (2,2)
OUT_DIR/training-v2/points.csv   the same points with the labels flipped (class 1 around
                                 (-2,-2)), the "new training data" that must retrain the model
OUT_DIR/inference-1/*.csv        three points to classify, one "x,y" line per file
OUT_DIR/inference-2/*.csv        one more point
OUT_DIR/expected.json            the label each inference point must get from each model
"""
import json
import os
import sys

import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(20240716)

rows = []
for label, centre in ((0, (-2.0, -2.0)), (1, (2.0, 2.0))):
    points = rng.normal(loc=centre, scale=0.8, size=(100, 2))
    rows += [(float(x), float(y), label) for x, y in points]
order = rng.permutation(len(rows))
rows = [rows[i] for i in order]


def write_training(name, flip):
    os.makedirs(os.path.join(out, name), exist_ok=True)
    with open(os.path.join(out, name, "points.csv"), "w") as f:
        f.write("x,y,label\n")
        for x, y, label in rows:
            f.write(f"{x:.4f},{y:.4f},{1 - label if flip else label}\n")


write_training("training-v1", flip=False)
write_training("training-v2", flip=True)

# Points far from the boundary (the line x + y = 0), so every sane model agrees.
points = {
    "inference-1": {"a": (-3.0, -2.5), "b": (2.5, 3.0), "c": (3.0, 1.5)},
    "inference-2": {"d": (-1.5, -3.0)},
}
expected = {}
for folder, named in points.items():
    os.makedirs(os.path.join(out, folder), exist_ok=True)
    for name, (x, y) in named.items():
        with open(os.path.join(out, folder, f"{name}.csv"), "w") as f:
            f.write(f"{x},{y}\n")
        v1 = 1 if x + y > 0 else 0
        expected[name] = {"x": x, "y": y, "v1": v1, "v2": 1 - v1}
with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump(expected, f, indent=2, sort_keys=True)
