"""Draws the example's input images: small synthetic scenes (shapes, lines, noise) in three batches.

Usage: python3 make_images.py OUTDIR
Writes OUTDIR/batch1 (3 images), OUTDIR/batch2 (2) and OUTDIR/batch3 (2). Every image comes from
a random generator seeded with a fixed number and the image's index, so reruns give the same bytes.
"""
import os
import sys

import cv2
import numpy as np

SEED = 1707
BATCHES = {
    "batch1": [("liberty.png", 120, 90), ("at-at.png", 100, 100), ("kitten.jpg", 128, 96)],
    "batch2": [("sunset.png", 96, 72), ("robot.jpg", 110, 80)],
    "batch3": [("tiger.png", 90, 120), ("galaxy.jpg", 104, 78)],
}


def scene(rng, width, height):
    """A colour gradient with a few filled shapes and lines: plenty of edges for Canny."""
    ys, xs = np.mgrid[0:height, 0:width]
    base = rng.integers(0, 255, size=3)
    img = np.zeros((height, width, 3), np.uint8)
    for c in range(3):
        img[:, :, c] = (base[c] + xs * (c + 1) // 2 + ys // (c + 1)) % 256
    for _ in range(int(rng.integers(3, 7))):
        colour = tuple(int(v) for v in rng.integers(0, 255, size=3))
        kind = int(rng.integers(0, 3))
        x, y = int(rng.integers(0, width)), int(rng.integers(0, height))
        if kind == 0:
            cv2.circle(img, (x, y), int(rng.integers(6, max(7, width // 4))), colour, -1)
        elif kind == 1:
            x2, y2 = int(rng.integers(0, width)), int(rng.integers(0, height))
            cv2.rectangle(img, (x, y), (x2, y2), colour, -1)
        else:
            x2, y2 = int(rng.integers(0, width)), int(rng.integers(0, height))
            cv2.line(img, (x, y), (x2, y2), colour, 2)
    noise = rng.normal(0, 6, img.shape)
    return np.clip(img.astype(np.float64) + noise, 0, 255).astype(np.uint8)


def main():
    out = sys.argv[1]
    index = 0
    for batch, images in BATCHES.items():
        os.makedirs(os.path.join(out, batch), exist_ok=True)
        for name, width, height in images:
            rng = np.random.default_rng(SEED + index)
            index += 1
            path = os.path.join(out, batch, name)
            if not cv2.imwrite(path, scene(rng, width, height)):
                sys.exit(f"make_images: could not write {path}")
    print(f"make_images: {index} images in {out}")


if __name__ == "__main__":
    main()
