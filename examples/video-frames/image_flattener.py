"""Step 2, `image_flattener`: splits every .mp4 into its frames.

Output: /pfs/out/<video>/<video>-frame-0000.png, one PNG per frame, in a directory named after
the video so the next steps can treat each video's frames as one datum.
"""
import argparse
import os
import sys

import cv2

parser = argparse.ArgumentParser(description="Flatten videos into frames")
parser.add_argument("-i", "--input", nargs="+", required=True)
parser.add_argument("-o", "--output", required=True)
args = parser.parse_args()

for root_dir in args.input:
    for dirpath, _, files in os.walk(root_dir):
        for name in sorted(files):
            stem, suffix = os.path.splitext(name)
            if suffix.lower() != ".mp4":
                print(f"skipping {name}: not an mp4")
                continue
            frames_dir = os.path.join(args.output, stem)
            os.makedirs(frames_dir, exist_ok=True)
            video = cv2.VideoCapture(os.path.join(dirpath, name))
            count = 0
            while True:
                ok, frame = video.read()
                if not ok:
                    break
                cv2.imwrite(os.path.join(frames_dir, f"{stem}-frame-{count:04d}.png"), frame)
                count += 1
            video.release()
            if count == 0:
                sys.exit(f"image_flattener: OpenCV read no frames from {name}")
            print(f"{name}: {count} frames -> {frames_dir}")
