"""Checks the predictions downloaded from predict@<commit> against the labels expected.

    check_predictions.py DIR EXPECTED_JSON MODEL(v1|v2) MODEL_COMMIT TRAINING_COMMIT NAME...

DIR must hold exactly NAME.json for each NAME; each must carry the label the given model must
give (from make_data.py's expected.json) and the lineage: the model commit and the training
commit. Exits 1 with one line per difference.
"""
import json
import os
import sys

folder, expected_path, model, model_commit, training_commit, *names = sys.argv[1:]
with open(expected_path) as f:
    expected = json.load(f)

problems = []
found = sorted(os.listdir(folder))
wanted = sorted(f"{name}.json" for name in names)
if found != wanted:
    problems.append(f"files: expected {wanted}, got {found}")
for name in names:
    path = os.path.join(folder, f"{name}.json")
    if not os.path.exists(path):
        continue
    with open(path) as f:
        result = json.load(f)
    want = expected[name][model]
    if result.get("label") != want:
        problems.append(f"{name}: point ({expected[name]['x']}, {expected[name]['y']}) labelled {result.get('label')}, expected {want} from model {model}")
    if result.get("model_commit") != model_commit:
        problems.append(f"{name}: model_commit {result.get('model_commit')}, expected {model_commit}")
    if result.get("training_commit") != training_commit:
        problems.append(f"{name}: training_commit {result.get('training_commit')}, expected {training_commit}")

for line in problems:
    print(f"check_predictions: {line}", file=sys.stderr)
if problems:
    sys.exit(1)
print(f"check_predictions: {len(names)} predictions right for model {model} (model commit {model_commit}, training commit {training_commit})")
