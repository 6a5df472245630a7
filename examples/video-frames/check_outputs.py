"""Checks every output repo of the video-to-frame-traces DAG, as downloaded by run.sh.

Usage: python3 check_outputs.py RAW_DIR OUT_DIR
RAW_DIR holds every file committed to raw_videos_and_images so far; OUT_DIR/<pipeline>/ holds
what `tusk get file -r <pipeline>@master:/` returned. Expectations are derived from the raw
content (frame counts with ffprobe, edges with OpenCV run here). Exits non-zero with a message
naming the first difference.
"""
import json
import os
import re
import subprocess
import sys

import cv2
import numpy as np

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg"}
EXPECTED_FRAMES = {"highway": 8, "ocean": 6}  # make_content.sh: 4 fps x 2 s, 3 fps x 2 s
SIZE = (160, 120)


def fail(message):
    sys.exit(f"check_outputs: {message}")


def listing(directory):
    return sorted(os.listdir(directory)) if os.path.isdir(directory) else []


def probe(path):
    """codec, width, height and decoded frame count of a video or gif, read by ffprobe."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
         "stream=codec_name,width,height,nb_read_frames", "-of", "json", path],
        capture_output=True, text=True)
    if out.returncode != 0:
        fail(f"ffprobe cannot read {path}: {out.stderr.strip()}")
    stream = json.loads(out.stdout)["streams"][0]
    return stream["codec_name"], (stream["width"], stream["height"]), int(stream["nb_read_frames"])


def same_bytes(a, b):
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def expect_set(actual, expected, what):
    if sorted(actual) != sorted(expected):
        fail(f"{what}: expected {sorted(expected)}, got {sorted(actual)}")


def canny(path):
    img = cv2.imread(path)
    if img is None:
        fail(f"{path} is not a readable image")
    return cv2.Canny(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY), 100, 200)


raw_dir, out_dir = sys.argv[1:3]
raw = listing(raw_dir)
videos = {os.path.splitext(n)[0]: n for n in raw if os.path.splitext(n)[1].lower() not in IMAGE_SUFFIXES}
images = {os.path.splitext(n)[0]: n for n in raw if os.path.splitext(n)[1].lower() in IMAGE_SUFFIXES}
frames = {}
for stem, name in videos.items():
    _, size, count = probe(os.path.join(raw_dir, name))
    if count != EXPECTED_FRAMES.get(stem) or size != SIZE:
        fail(f"test video {name} has {count} frames of {size}, make_content.sh should make {EXPECTED_FRAMES.get(stem)} of {SIZE}")
    frames[stem] = count

# 1. video_mp4_converter: one H.264 .mp4 per video; an .mp4 input passes through unchanged.
out = os.path.join(out_dir, "video_mp4_converter")
expect_set(listing(out), [f"{s}.mp4" for s in videos], "files of video_mp4_converter")
for stem, name in videos.items():
    codec, size, count = probe(os.path.join(out, f"{stem}.mp4"))
    if (size, count) != (SIZE, frames[stem]):
        fail(f"video_mp4_converter/{stem}.mp4 has {count} frames of {size}, expected {frames[stem]} of {SIZE}")
    if name.lower().endswith(".mp4"):
        if not same_bytes(os.path.join(raw_dir, name), os.path.join(out, f"{stem}.mp4")):
            fail(f"video_mp4_converter/{stem}.mp4 should be a copy of the input {name}")
    elif codec != "h264":
        fail(f"video_mp4_converter/{stem}.mp4 is {codec}, expected h264 converted from {name}")

# 2. image_flattener: <video>/<video>-frame-NNNN.png, one per frame.
out = os.path.join(out_dir, "image_flattener")
expect_set(listing(out), list(videos), "directories of image_flattener")
for stem, count in frames.items():
    names = [f"{stem}-frame-{i:04d}.png" for i in range(count)]
    expect_set(listing(os.path.join(out, stem)), names, f"frames in image_flattener/{stem}")
    for name in names:
        img = cv2.imread(os.path.join(out, stem, name))
        if img is None or (img.shape[1], img.shape[0]) != SIZE:
            fail(f"image_flattener/{stem}/{name} is not a {SIZE} image")

# 3. image_tracer: <image>_edges.png and <video>_edges/<frame>.png, equal to Canny here.
out = os.path.join(out_dir, "image_tracer")
expect_set(listing(out), [f"{s}_edges.png" for s in images] + [f"{s}_edges" for s in videos], "entries of image_tracer")
for stem, name in images.items():
    traced = cv2.imread(os.path.join(out, f"{stem}_edges.png"), cv2.IMREAD_GRAYSCALE)
    if traced is None or not np.array_equal(traced, canny(os.path.join(raw_dir, name))):
        fail(f"image_tracer/{stem}_edges.png is not the Canny edges of {name}")
for stem in videos:
    frame_names = listing(os.path.join(out_dir, "image_flattener", stem))
    expect_set(listing(os.path.join(out, f"{stem}_edges")), frame_names, f"traced frames in image_tracer/{stem}_edges")
    for name in frame_names:
        traced = cv2.imread(os.path.join(out, f"{stem}_edges", name), cv2.IMREAD_GRAYSCALE)
        if traced is None or not np.array_equal(traced, canny(os.path.join(out_dir, "image_flattener", stem, name))):
            fail(f"image_tracer/{stem}_edges/{name} is not the Canny edges of image_flattener/{stem}/{name}")

# 4. movie_gifer: <video>_original.gif and <video>_edges.gif with one frame per video frame.
out = os.path.join(out_dir, "movie_gifer")
gifs = [f"{s}_original.gif" for s in videos] + [f"{s}_edges.gif" for s in videos]
expect_set(listing(out), gifs, "files of movie_gifer")
for stem in videos:
    for gif in (f"{stem}_original.gif", f"{stem}_edges.gif"):
        codec, size, count = probe(os.path.join(out, gif))
        if (codec, size, count) != ("gif", SIZE, frames[stem]):
            fail(f"movie_gifer/{gif} is {codec} {size} with {count} frames, expected gif {SIZE} with {frames[stem]}")

# 5. content_shuffler: originals/ and edges/, byte copies of their sources.
out = os.path.join(out_dir, "content_shuffler")
expect_set(listing(out), ["edges", "originals"], "directories of content_shuffler")
originals = {n: os.path.join(raw_dir, n) for n in images.values()}
originals.update({f"{s}_original.gif": os.path.join(out_dir, "movie_gifer", f"{s}_original.gif") for s in videos})
edges = {f"{s}_edges.png": os.path.join(out_dir, "image_tracer", f"{s}_edges.png") for s in images}
edges.update({f"{s}_edges.gif": os.path.join(out_dir, "movie_gifer", f"{s}_edges.gif") for s in videos})
for folder, expected in (("originals", originals), ("edges", edges)):
    expect_set(listing(os.path.join(out, folder)), list(expected), f"content_shuffler/{folder}")
    for name, source in expected.items():
        if not same_bytes(os.path.join(out, folder, name), source):
            fail(f"content_shuffler/{folder}/{name} differs from {source}")

# 6. content_collager: collage/index.html with one row per item, original beside its edges.
out = os.path.join(out_dir, "content_collager", "collage")
everything = dict(originals, **edges)
expect_set(listing(os.path.join(out, "static")), list(everything), "content_collager/collage/static")
for name, source in everything.items():
    if not same_bytes(os.path.join(out, "static", name), source):
        fail(f"content_collager/collage/static/{name} differs from {source}")
with open(os.path.join(out, "index.html")) as page:
    text = page.read()
rows = [re.findall(r'src="\./static/([^"]+)"', row) for row in re.findall(r"<tr>(.*?)</tr>", text, re.S)]
rows = [row for row in rows if row]
want = sorted([[images[s], f"{s}_edges.png"] for s in images] + [[f"{s}_original.gif", f"{s}_edges.gif"] for s in videos])
if sorted(rows) != want:
    fail(f"index.html rows (original, edges): expected {want}, got {sorted(rows)}")
print(f"check_outputs: {len(videos)} videos ({sum(frames.values())} frames) and {len(images)} images went through all six steps")
