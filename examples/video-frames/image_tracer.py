"""Step 3, `image_tracer`: Canny edges of every still image and every video frame.

A top-level image <name>.<ext> becomes /pfs/out/<name>_edges.png; the frames of a video in
directory <video>/ become /pfs/out/<video>_edges/<frame>.png (one traced frame per frame).
"""
import argparse
import os
import sys

import cv2

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg"}

parser = argparse.ArgumentParser(description="Trace images")
parser.add_argument("-i", "--input", nargs="+", required=True)
parser.add_argument("-o", "--output", required=True)
args = parser.parse_args()

for root_dir in args.input:
    if not os.path.exists(root_dir):
        continue  # a union datum only holds one of the inputs
    for dirpath, _, files in os.walk(root_dir):
        for name in sorted(files):
            stem, suffix = os.path.splitext(name)
            if suffix.lower() not in IMAGE_SUFFIXES:
                continue
            img = cv2.imread(os.path.join(dirpath, name))
            if img is None:
                sys.exit(f"image_tracer: cannot read {os.path.join(dirpath, name)}")
            edges = cv2.Canny(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY), 100, 200)
            relative = os.path.relpath(dirpath, root_dir)
            if relative == ".":
                target = os.path.join(args.output, f"{stem}_edges.png")
            else:
                target = os.path.join(args.output, f"{relative}_edges", f"{stem}.png")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            cv2.imwrite(target, edges)
            print(f"traced {os.path.join(relative, name)} -> {target}")
