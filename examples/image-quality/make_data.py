"""Makes the example's data with fixed seeds.

Usage: python3 make_data.py OUTDIR
  OUTDIR/batch1/photo-1.png .. photo-6.png   the first commit (three sharp, three blurred)
  OUTDIR/batch2/photo-7.png                  the second commit (blurred)
  OUTDIR/truth.csv                           image,label for the checks (not given to Pachyderm)
  OUTDIR/training/training.csv               labelled measures of 24 other images (training set)
Blurred images are Gaussian-blurred (sigma 2.5 or more) copies of scenes like the sharp ones,
so the two classes are far apart on every measure and the labels are robust.
"""
import sys

sys.dont_write_bytecode = True  # keep the example folder free of __pycache__

import csv
import os

import cv2
import numpy as np

from metrics import FEATURES, MEASURES

SIZE = 96


def scene(rng):
    """Shapes, lines, some text and fine noise: plenty of high-frequency detail."""
    img = np.full((SIZE, SIZE), int(rng.integers(60, 120)), np.uint8)
    for _ in range(int(rng.integers(4, 8))):
        shade = int(rng.integers(0, 256))
        x, y = (int(v) for v in rng.integers(0, SIZE, size=2))
        kind = int(rng.integers(0, 3))
        if kind == 0:
            cv2.circle(img, (x, y), int(rng.integers(5, 22)), shade, -1)
        elif kind == 1:
            x2, y2 = (int(v) for v in rng.integers(0, SIZE, size=2))
            cv2.rectangle(img, (x, y), (x2, y2), shade, -1)
        else:
            x2, y2 = (int(v) for v in rng.integers(0, SIZE, size=2))
            cv2.line(img, (x, y), (x2, y2), shade, 1)
    cv2.putText(img, "Q" + str(int(rng.integers(10, 99))), (8, 60), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 255, 2)
    noise = rng.normal(0, 8, img.shape)
    return np.clip(img + noise, 0, 255).astype(np.uint8)


def blur(img, rng):
    return cv2.GaussianBlur(img, (0, 0), float(rng.uniform(2.5, 4.0)))


def main():
    out = sys.argv[1]
    rng = np.random.default_rng(4242)
    truth = []
    plan = [("batch1", 1, "sharp"), ("batch1", 2, "blurry"), ("batch1", 3, "sharp"),
            ("batch1", 4, "blurry"), ("batch1", 5, "sharp"), ("batch1", 6, "blurry"),
            ("batch2", 7, "blurry")]
    for batch, number, label in plan:
        os.makedirs(os.path.join(out, batch), exist_ok=True)
        img = scene(rng)
        if label == "blurry":
            img = blur(img, rng)
        name = f"photo-{number}.png"
        cv2.imwrite(os.path.join(out, batch, name), img)
        truth.append((name, label))
    with open(os.path.join(out, "truth.csv"), "w") as f:
        f.write("image,label\n" + "".join(f"{n},{l}\n" for n, l in truth))

    training_rng = np.random.default_rng(777)
    os.makedirs(os.path.join(out, "training"), exist_ok=True)
    with open(os.path.join(out, "training", "training.csv"), "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(FEATURES + ["label"])
        for i in range(24):
            img = scene(training_rng)
            label = "blurry" if i % 2 else "sharp"
            if label == "blurry":
                img = blur(img, training_rng)
            writer.writerow([repr(MEASURES[m](img)) for m in FEATURES] + [label])


if __name__ == "__main__":
    main()
