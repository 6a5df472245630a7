#!/usr/bin/env bash
# Image quality with a join: six generated images (three sharp, three Gaussian-blurred; fixed
# seed) go into an `images` repo; three pipelines measure sharpness per image (variance of the
# Laplacian, Sobel gradient magnitude, high-frequency share of the FFT), each writing
# /<image>.json; `metrics_join` joins the three outputs on the image name captured by the glob
# "/(*).json" (join_on "$1"), one datum and one combined record per image; `quality_classifier`
# trains scikit-learn's GaussianNB on a labelled training set (its own repo) and labels every
# image. Checks: each measure equals the one computed here, every image is labelled right, and
# the datum counts; then a seventh image is committed and only its datums must be processed.
EXAMPLE=image-quality
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
require_python cv2 numpy sklearn

METRICS=(laplacian_variance sobel fft_blur)
PIPELINES=("${METRICS[@]}" metrics_join quality_classifier)

step "making 7 test images (3 sharp, 4 blurred) and a 24-image labelled training set (fixed seeds)"
python3 "$EXAMPLE_DIR/make_data.py" "$WORK/data-local"

start_tusk

check_all() {
  download_outputs "$WORK/out" "${PIPELINES[@]}"
  python3 "$EXAMPLE_DIR/check_outputs.py" "$WORK/data-local" "$WORK/committed" "$WORK/out" >&2 \
    || fail "outputs are wrong (see above)"
}

step "create the images and training repos; commit the training set and the first 6 images"
tusk create repo images
tusk create repo training
tusk put file training@master:/training.csv -f "$WORK/data-local/training/training.csv"
mkdir -p "$WORK/committed" && cp "$WORK"/data-local/batch1/* "$WORK/committed/"
sources=()
for f in "$WORK"/committed/*; do sources+=(-f "$f"); done
tusk put file images@master "${sources[@]}"
expect_eq "$(tusk list file images@master --raw | wc -l | tr -d ' ')" 6 "files in images@master"

step "create the metric pipelines, the join and the classifier"
for pipeline in "${PIPELINES[@]}"; do
  render_spec "$EXAMPLE_DIR/$pipeline.json" | tusk create pipeline -f -
done
tusk wait commit quality_classifier@master >&2
tusk list job >&2
check_all
for metric in "${METRICS[@]}"; do expect_jobs "$metric" "6 0 0 6 success"; done
expect_jobs metrics_join "6 0 0 6 success"   # one datum per image name found in all three inputs
expect_jobs quality_classifier "1 0 0 1 success"
tusk get file quality_classifier@master:/labels.csv >&2

step "commit a seventh image: each metric and the join process 1 datum and skip 6"
cp "$WORK/data-local/batch2/photo-7.png" "$WORK/committed/"
tusk put file images@master:/photo-7.png -f "$WORK/committed/photo-7.png"
tusk wait commit quality_classifier@master >&2
check_all
for metric in "${METRICS[@]}"; do expect_jobs "$metric" "6 0 0 6 success" "1 6 0 7 success"; done
expect_jobs metrics_join "6 0 0 6 success" "1 6 0 7 success"
expect_jobs quality_classifier "1 0 0 1 success" "1 0 0 1 success"
expect_contains "$(tusk get file quality_classifier@master:/labels.csv)" "photo-7.png,blurry," "labels.csv after the second commit"

step "OK: measures, join and labels are right, and only new datums were processed"
