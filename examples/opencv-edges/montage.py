"""The `montage` transform: one picture of every image next to its edges.

Input: the whole `images` repo at /pfs/images and the whole `edges` repo at /pfs/edges (a cross
of two `glob: /` inputs, so one datum sees everything). Output: /pfs/out/montage.png, one row per
image (sorted by name), the original on the left and its edges on the right, each scaled into a
TILE x TILE cell on a sky-blue background (the colour of the tutorial's ImageMagick montage).
"""
import os
import sys

import cv2
import numpy as np

TILE = 96
PAD = 2
SKY_BLUE = (235, 206, 135)  # BGR


def files_under(root):
    found = {}
    for dirpath, _, filenames in os.walk(root):
        for filename in filenames:
            path = os.path.join(dirpath, filename)
            found[os.path.relpath(path, root)] = path
    return found


def cell(img):
    """The image scaled to fit TILE x TILE (aspect kept), centred on the background."""
    if img.ndim == 2:
        img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    h, w = img.shape[:2]
    scale = TILE / max(h, w)
    small = cv2.resize(img, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    out = np.full((TILE + 2 * PAD, TILE + 2 * PAD, 3), SKY_BLUE, np.uint8)
    sh, sw = small.shape[:2]
    top, left = PAD + (TILE - sh) // 2, PAD + (TILE - sw) // 2
    out[top:top + sh, left:left + sw] = small
    return out


images = files_under("/pfs/images")
edges = files_under("/pfs/edges")
if not images:
    sys.exit("montage: no images under /pfs/images")
rows = []
for name in sorted(images):
    original = cv2.imread(images[name])
    if original is None:
        sys.exit(f"montage: cannot read {images[name]}")
    if name not in edges:
        sys.exit(f"montage: no edges for {name} under /pfs/edges")
    edge = cv2.imread(edges[name], cv2.IMREAD_GRAYSCALE)
    if edge is None:
        sys.exit(f"montage: cannot read {edges[name]}")
    rows.append(np.hstack([cell(original), cell(edge)]))
cv2.imwrite("/pfs/out/montage.png", np.vstack(rows))
print(f"montage: {len(rows)} rows")
