"""Draws the tutorial's still images: small synthetic scenes with clear outlines (fixed seed).

Usage: python3 make_images.py OUTDIR  ->  OUTDIR/batch1/{liberty.png,robot.jpg}, OUTDIR/batch2/kitten.png
"""
import os
import sys

import cv2
import numpy as np

IMAGES = [("batch1", "liberty.png", 128, 96), ("batch1", "robot.jpg", 112, 84), ("batch2", "kitten.png", 96, 96)]


def scene(rng, width, height):
    img = np.full((height, width, 3), rng.integers(30, 90, size=3), np.uint8)
    for _ in range(4):
        colour = tuple(int(v) for v in rng.integers(120, 255, size=3))
        x, y = int(rng.integers(10, width - 10)), int(rng.integers(10, height - 10))
        if rng.integers(0, 2):
            cv2.circle(img, (x, y), int(rng.integers(6, 20)), colour, -1)
        else:
            cv2.rectangle(img, (x - 12, y - 9), (x + 12, y + 9), colour, -1)
    return img


for index, (batch, name, width, height) in enumerate(IMAGES):
    os.makedirs(os.path.join(sys.argv[1], batch), exist_ok=True)
    rng = np.random.default_rng(2023 + index)
    cv2.imwrite(os.path.join(sys.argv[1], batch, name), scene(rng, width, height))
