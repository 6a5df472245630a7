"""Step 1, `video_mp4_converter`: makes every video an .mp4.

Images are skipped, .mp4 videos are copied as they are, other videos (.MOV, .avi, ...) are
re-encoded to H.264 in an .mp4 container with ffmpeg. Output: /pfs/out/<name>.mp4.
"""
import argparse
import os
import shutil
import subprocess
import sys

VIDEO_SUFFIXES = {".mov", ".avi", ".mkv", ".webm", ".m4v", ".mpg", ".mpeg", ".wmv"}

parser = argparse.ArgumentParser(description="Convert videos to MP4")
parser.add_argument("-i", "--input", nargs="+", required=True)
parser.add_argument("-o", "--output", required=True)
args = parser.parse_args()

for root_dir in args.input:
    for dirpath, _, files in os.walk(root_dir):
        for name in sorted(files):
            source = os.path.join(dirpath, name)
            stem, suffix = os.path.splitext(name)
            target = os.path.join(args.output, stem + ".mp4")
            if suffix.lower() == ".mp4":
                print(f"copying {name}: already an mp4")
                shutil.copyfile(source, target)
            elif suffix.lower() in VIDEO_SUFFIXES:
                print(f"converting {name} -> {stem}.mp4")
                done = subprocess.run(
                    ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", source,
                     "-c:v", "libx264", "-preset", "ultrafast", "-threads", "1", "-pix_fmt", "yuv420p",
                     "-an", target])
                if done.returncode != 0:
                    sys.exit(f"ffmpeg could not convert {source}")
            else:
                print(f"skipping {name}: not a video")
