"""The `predict` pipeline: a cross of `train` (glob /, the model) and `inference` (glob /*).

Each datum is one inference file ("x,y"); it scores it with the exported linear model
(model.json: coefficients, intercept, classes; numpy only, so each datum starts fast) and
writes /pfs/out/<name>.json with the label and the lineage of the answer: the model commit
($train_COMMIT) and the training commit the model was fitted on (from the model's meta.json).
"""
import glob
import json
import os

import numpy as np

with open("/pfs/train/model.json") as f:
    model = json.load(f)
with open("/pfs/train/meta.json") as f:
    meta = json.load(f)
coef, intercept = np.array(model["coef"]), model["intercept"]

for path in sorted(glob.glob("/pfs/inference/*")):
    name = os.path.splitext(os.path.basename(path))[0]
    with open(path) as f:
        x, y = (float(v) for v in f.read().strip().split(","))
    label = model["classes"][int(float(coef @ np.array([x, y]) + intercept) > 0)]
    result = {
        "input": os.path.basename(path),
        "x": x,
        "y": y,
        "label": label,
        "model_commit": os.environ["train_COMMIT"],
        "training_commit": meta["training_commit"],
    }
    with open(f"/pfs/out/{name}.json", "w") as f:
        json.dump(result, f, sort_keys=True)
        f.write("\n")
    print(f"predict: {name} ({x}, {y}) -> {label}")
