"""The `edges` transform: Canny edge detection of every image under /pfs/images.

Each output is written to /pfs/out under the same relative path (and so the same name and
format) as its input, as in the Pachyderm OpenCV tutorial. With `glob: /*` a datum holds one
image, but the script walks the whole input so it also works with a coarser glob.
"""
import os
import sys

import cv2

IN_DIR = "/pfs/images"
OUT_DIR = "/pfs/out"


def make_edges(path):
    img = cv2.imread(path)
    if img is None:
        sys.exit(f"edges: {path} is not an image OpenCV can read")
    gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    edges = cv2.Canny(gray, 100, 200)
    target = os.path.join(OUT_DIR, os.path.relpath(path, IN_DIR))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if not cv2.imwrite(target, edges):
        sys.exit(f"edges: could not write {target}")
    print(f"edges: {os.path.relpath(path, IN_DIR)} -> {target}")


for dirpath, _, filenames in os.walk(IN_DIR):
    for filename in sorted(filenames):
        make_edges(os.path.join(dirpath, filename))
