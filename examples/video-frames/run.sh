#!/usr/bin/env bash
# Pachyderm 2.x's beginner tutorial, "video to frame traces": in the project
# video-to-frame-traces, a raw_videos_and_images repo receives a .MOV and an .mp4 (2-second
# 160x120 test videos made with ffmpeg) and two images; six pipelines convert the videos to mp4,
# split them into frames, trace edges of every image and frame (a union input), turn frames into
# gifs, shuffle everything into originals/ and edges/, and build an HTML collage. The script
# checks every output repo (mp4s read by ffprobe, frame counts, edges equal to OpenCV's Canny run
# here, gif frame counts, byte-equal copies, the collage's rows) and every job's datum counts,
# then commits one more image and checks that only its datums are processed.
EXAMPLE=video-frames
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
require_python cv2 numpy
command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || fail "ffmpeg and ffprobe are needed (apt-get install ffmpeg)"

PIPELINES=(video_mp4_converter image_flattener image_tracer movie_gifer content_shuffler content_collager)

step "making the raw content: highway.MOV, ocean.mp4, liberty.png, robot.jpg (+ kitten.png later)"
bash "$EXAMPLE_DIR/make_content.sh" "$WORK/content"

start_tusk

# check_all: downloads every output repo and compares it with the raw content committed so far.
check_all() {
  download_outputs "$WORK/out" "${PIPELINES[@]}"
  python3 "$EXAMPLE_DIR/check_outputs.py" "$WORK/raw" "$WORK/out" >&2 || fail "outputs are wrong (see above)"
}

step "1. create the project video-to-frame-traces and make it the context's project"
tusk create project video-to-frame-traces
tusk config update context --project video-to-frame-traces
expect_contains "$(tusk list project)" "video-to-frame-traces" "list project"

step "2. create the input repo and put the two videos and two images in one commit"
tusk create repo raw_videos_and_images
mkdir -p "$WORK/raw" && cp "$WORK"/content/batch1/* "$WORK/raw/"
tusk put file raw_videos_and_images@master \
  -f "$WORK/raw/highway.MOV" -f "$WORK/raw/ocean.mp4" -f "$WORK/raw/liberty.png" -f "$WORK/raw/robot.jpg"
expect_eq "$(tusk list file raw_videos_and_images@master --raw | wc -l | tr -d ' ')" 4 "files in raw_videos_and_images@master"

step "3-8. create the six pipelines from their YAML specs"
for pipeline in "${PIPELINES[@]}"; do
  render_spec "$EXAMPLE_DIR/$pipeline.yaml" | tusk create pipeline -f -
done
tusk wait commit content_collager@master >&2
tusk list job >&2
check_all
# glob /* on 4 files; /* on 2 mp4s; union of 2 images (/*.{png,jpg,jpeg}) and 2 frame folders;
# union of /*/ on image_flattener (2 folders) and image_tracer (2 folders + 2 traced images,
# since Pachyderm cleans the trailing slash away); union of / (1) and 2 + 2 images; / (1).
expect_jobs video_mp4_converter "4 0 0 4 success"
expect_jobs image_flattener "2 0 0 2 success"
expect_jobs image_tracer "4 0 0 4 success"
expect_jobs movie_gifer "6 0 0 6 success"
expect_jobs content_shuffler "5 0 0 5 success"
expect_jobs content_collager "1 0 0 1 success"
tusk list job --pipeline content_collager >&2

step "9. add kitten.png: only its datums run; the videos' frames and gifs are reused"
cp "$WORK/content/batch2/kitten.png" "$WORK/raw/"
tusk put file raw_videos_and_images@master:/kitten.png -f "$WORK/raw/kitten.png"
tusk wait commit content_collager@master >&2
check_all
expect_jobs video_mp4_converter "4 0 0 4 success" "1 4 0 5 success"
expect_jobs image_flattener "2 0 0 2 success" "0 2 0 2 success"
expect_jobs image_tracer "4 0 0 4 success" "1 4 0 5 success"
expect_jobs movie_gifer "6 0 0 6 success" "1 6 0 7 success"
expect_jobs content_shuffler "5 0 0 5 success" "2 5 0 7 success"
expect_jobs content_collager "1 0 0 1 success" "1 0 0 1 success"
tusk list job --pipeline content_collager >&2

step "OK: the video-to-frame-traces DAG produced the right mp4s, frames, traces, gifs and collage"
