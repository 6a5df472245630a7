"""The `train` pipeline (glob /): fits a classifier on every CSV in /pfs/training.

Writes /pfs/out/model.pkl (the pickled scikit-learn model, which the service loads),
/pfs/out/model.json (the same linear model as plain numbers, so batch scoring needs only numpy)
and /pfs/out/meta.json with the training accuracy and the id of the training commit it learned
from ($training_COMMIT, which Pachyderm sets for the input named `training`), so a prediction
can name its training data.
"""
import csv
import glob
import json
import os
import pickle

from sklearn.linear_model import LogisticRegression

features, labels = [], []
for path in sorted(glob.glob("/pfs/training/**/*.csv", recursive=True)):
    with open(path) as f:
        for row in csv.DictReader(f):
            features.append([float(row["x"]), float(row["y"])])
            labels.append(int(row["label"]))

model = LogisticRegression(random_state=0).fit(features, labels)
accuracy = float(model.score(features, labels))

with open("/pfs/out/model.pkl", "wb") as f:
    pickle.dump(model, f)
with open("/pfs/out/model.json", "w") as f:
    json.dump({"coef": model.coef_[0].tolist(), "intercept": float(model.intercept_[0]),
               "classes": [int(c) for c in model.classes_]}, f, indent=2)
meta = {
    "accuracy": round(accuracy, 4),
    "samples": len(labels),
    "training_commit": os.environ["training_COMMIT"],
    "job": os.environ.get("PACH_JOB_ID", ""),
}
with open("/pfs/out/meta.json", "w") as f:
    json.dump(meta, f, indent=2, sort_keys=True)
print(f"train: {len(labels)} samples, accuracy {accuracy:.3f}, training commit {meta['training_commit']}")
