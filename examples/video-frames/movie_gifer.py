"""Step 4, `movie_gifer`: one animated gif per directory of frames, made with ffmpeg.

Frames of <video>/ (from image_flattener) become /pfs/out/<video>_original.gif; traced frames
of <video>_edges/ (from image_tracer) become /pfs/out/<video>_edges.gif. Top-level files (the
traced still images, which the glob also hands to this pipeline) are ignored.
"""
import argparse
import os
import subprocess
import sys

FPS = "4"

parser = argparse.ArgumentParser(description="Convert frames to gifs")
parser.add_argument("-i", "--input", nargs="+", required=True)
parser.add_argument("-o", "--output", required=True)
args = parser.parse_args()

for root_dir in args.input:
    if not os.path.exists(root_dir):
        continue  # a union datum only holds one of the inputs
    for entry in sorted(os.listdir(root_dir)):
        frames_dir = os.path.join(root_dir, entry)
        if not os.path.isdir(frames_dir):
            print(f"skipping {entry}: not a directory of frames")
            continue
        name = entry if entry.endswith("_edges") else f"{entry}_original"
        target = os.path.join(args.output, f"{name}.gif")
        done = subprocess.run(
            ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-framerate", FPS,
             "-pattern_type", "glob", "-i", os.path.join(frames_dir, "*.png"), target])
        if done.returncode != 0:
            sys.exit(f"movie_gifer: ffmpeg failed on {frames_dir}")
        print(f"{frames_dir} -> {target}")
