"""Checks the outputs of the image-quality DAG, as downloaded by run.sh.

Usage: python3 check_outputs.py DATA_DIR IMAGES_DIR OUT_DIR
DATA_DIR/truth.csv gives each image's true label; IMAGES_DIR holds the images committed so far;
OUT_DIR/<pipeline>/ what `tusk get file -r <pipeline>@master:/` returned. Each measure must
equal the one computed here, the join must hold the three measures of every image, and the
classifier must label every image correctly. Exits non-zero naming the first difference.
"""
import sys

sys.dont_write_bytecode = True  # keep the example folder free of __pycache__

import csv
import json
import math
import os

import cv2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from metrics import FEATURES, MEASURES  # noqa: E402


def fail(message):
    sys.exit(f"check_outputs: {message}")


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as error:
        fail(f"cannot read {path}: {error}")


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


data_dir, images_dir, out_dir = sys.argv[1:4]
truth = {r["image"]: r["label"] for r in csv.DictReader(open(os.path.join(data_dir, "truth.csv")))}
images = sorted(os.listdir(images_dir))
stems = {os.path.splitext(n)[0]: n for n in images}
expected = {}
for stem, name in stems.items():
    gray = cv2.imread(os.path.join(images_dir, name), cv2.IMREAD_GRAYSCALE)
    expected[stem] = {metric: MEASURES[metric](gray) for metric in FEATURES}

for metric in FEATURES:
    directory = os.path.join(out_dir, metric)
    files = sorted(os.listdir(directory)) if os.path.isdir(directory) else []
    if files != sorted(f"{s}.json" for s in stems):
        fail(f"{metric} holds {files}, expected one <image>.json per image {sorted(stems)}")
    for stem, name in stems.items():
        record = load(os.path.join(directory, f"{stem}.json"))
        if record.get("image") != name or not close(record.get(metric, float("nan")), expected[stem][metric]):
            fail(f"{metric}/{stem}.json is {record}, expected image {name} and {metric} {expected[stem][metric]}")

directory = os.path.join(out_dir, "metrics_join")
files = sorted(os.listdir(directory)) if os.path.isdir(directory) else []
if files != sorted(f"{s}.json" for s in stems):
    fail(f"metrics_join holds {files}, expected one joined record per image")
for stem, name in stems.items():
    record = load(os.path.join(directory, f"{stem}.json"))
    if record.get("image") != name or set(record) != {"image", *FEATURES}:
        fail(f"metrics_join/{stem}.json is {record}, expected the image name and the three measures")
    for metric in FEATURES:
        if not close(record[metric], expected[stem][metric]):
            fail(f"metrics_join/{stem}.json has {metric} {record[metric]}, expected {expected[stem][metric]}")

directory = os.path.join(out_dir, "quality_classifier")
files = sorted(os.listdir(directory)) if os.path.isdir(directory) else []
if files != sorted([f"{s}.json" for s in stems] + ["labels.csv"]):
    fail(f"quality_classifier holds {files}, expected labels.csv and one <image>.json per image")
labels = {r["image"]: r["label"] for r in csv.DictReader(open(os.path.join(directory, "labels.csv")))}
if sorted(labels) != images:
    fail(f"labels.csv labels {sorted(labels)}, expected {images}")
for stem, name in stems.items():
    record = load(os.path.join(directory, f"{stem}.json"))
    if record.get("label") != truth[name] or labels[name] != truth[name]:
        fail(f"{name} is {truth[name]} but was labelled {record.get('label')} (labels.csv: {labels[name]})")
    p_sharp = record.get("p_sharp", -1)
    if not (0 <= p_sharp <= 1) or (p_sharp > 0.5) != (truth[name] == "sharp"):
        fail(f"{name}: p_sharp {p_sharp} does not agree with its label {truth[name]}")
summary = ", ".join(f"{n}={labels[n]}" for n in images)
print(f"check_outputs: measures, joined records and labels right for {len(images)} images: {summary}")
