#!/usr/bin/env bash
# Makes the tutorial's raw content locally (no downloads): two 2-second 160x120 test videos,
# one QuickTime .MOV (needs converting) and one .mp4 (passes through), and three small images
# drawn by make_images.py. Usage: bash make_content.sh OUTDIR
#   OUTDIR/batch1: highway.MOV (4 fps, 8 frames), ocean.mp4 (3 fps, 6 frames), liberty.png, robot.jpg
#   OUTDIR/batch2: kitten.png
set -euo pipefail
out="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$out/batch1" "$out/batch2"
ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }
ff -f lavfi -i "testsrc=size=160x120:rate=4:duration=2" -c:v mpeg4 -q:v 5 -pix_fmt yuv420p \
  -fflags +bitexact -flags:v +bitexact "$out/batch1/highway.MOV"
ff -f lavfi -i "testsrc2=size=160x120:rate=3:duration=2" -c:v libx264 -preset ultrafast -threads 1 \
  -pix_fmt yuv420p -fflags +bitexact -flags:v +bitexact "$out/batch1/ocean.mp4"
python3 "$here/make_images.py" "$out"
