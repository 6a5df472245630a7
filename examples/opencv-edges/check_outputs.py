"""Checks the outputs of the edges and montage pipelines, as downloaded by run.sh.

Usage: python3 check_outputs.py INPUT_DIR EDGES_DIR MONTAGE_PNG
INPUT_DIR holds every image committed so far, EDGES_DIR what `get file` returned from the edges
repo. Every input must have an edges output of the same name and size that equals Canny run
here, and the montage must be a readable PNG with one row (image + edges) per input.
Exits non-zero with a message naming the first difference.
"""
import os
import sys

import cv2
import numpy as np

CELL = 96 + 2 * 2  # montage.py: TILE + 2 * PAD


def fail(message):
    sys.exit(f"check_outputs: {message}")


input_dir, edges_dir, montage_png = sys.argv[1:4]
inputs = sorted(os.listdir(input_dir))
outputs = sorted(os.listdir(edges_dir))
if inputs != outputs:
    fail(f"edges repo holds {outputs}, expected one output per input {inputs}")

for name in inputs:
    original = cv2.imread(os.path.join(input_dir, name))
    edges = cv2.imread(os.path.join(edges_dir, name), cv2.IMREAD_GRAYSCALE)
    if edges is None:
        fail(f"edges/{name} is not a readable image")
    if edges.shape != original.shape[:2]:
        fail(f"edges/{name} is {edges.shape[1]}x{edges.shape[0]}, its input is {original.shape[1]}x{original.shape[0]}")
    expected = cv2.Canny(cv2.cvtColor(original, cv2.COLOR_BGR2GRAY), 100, 200)
    if name.endswith(".png"):
        if not np.array_equal(edges, expected):
            fail(f"edges/{name} differs from Canny(images/{name})")
    else:  # JPEG is lossy: compare with what the same encoder makes of the expected edges
        ok, encoded = cv2.imencode(os.path.splitext(name)[1], expected)
        decoded = cv2.imdecode(encoded, cv2.IMREAD_GRAYSCALE)
        if not ok or np.abs(decoded.astype(int) - edges.astype(int)).mean() > 1.0:
            fail(f"edges/{name} differs from Canny(images/{name}) beyond JPEG noise")
    if expected.max() == 0:
        fail(f"images/{name} has no edges at all; the test data is too plain")

montage = cv2.imread(montage_png)
if montage is None:
    fail(f"{montage_png} is not a readable image")
want = (CELL * len(inputs), 2 * CELL, 3)
if montage.shape != want:
    fail(f"montage.png is {montage.shape}, expected {want} ({len(inputs)} rows of image + edges)")
print(f"check_outputs: {len(inputs)} edge images and a {want[1]}x{want[0]} montage are right")
