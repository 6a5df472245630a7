#!/usr/bin/env bash
# The Pachyderm OpenCV beginner tutorial, twice on one daemon: first as a 1.x user would run it
# (hyphenated verbs, `atom` inputs, flush-commit) in the default project, then as a 2.x user
# (`create repo`, `put file repo@branch`, `pfs` inputs, `wait commit`) in a project of its own.
# Each run commits 3 generated images, creates `edges` (Canny of each image, glob /*) and
# `montage` (a cross of images and edges, both glob /, into one montage.png), adds 2 images, then
# 2 more, and checks after every commit that the edges outputs equal Canny run locally, that the
# montage has one row per image, that edges processed only the new images (3 0 0 3, 2 3 0 5,
# 2 5 0 7) and that montage ran once per commit (1 datum each).
EXAMPLE=opencv-edges
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
require_python cv2 numpy

step "drawing 7 small test images (fixed seed) into $WORK/images"
python3 "$EXAMPLE_DIR/make_images.py" "$WORK/images" >&2

start_tusk

# Images committed so far in the current run, so check_outputs knows what to expect.
SEEN="$WORK/seen"

# check_outputs LIST-EDGES-CMD GET-EDGES-CMD GET-MONTAGE-CMD: downloads the outputs with the
# given verbs (1.x or 2.x spelling) and compares them with the images committed so far.
check_outputs() {
  local list_edges="$1" get_edges="$2" get_montage="$3" out="$WORK/out" name
  rm -rf "$out" && mkdir -p "$out/edges"
  for name in $($list_edges | awk 'NR > 1 { sub("^/", "", $1); print $1 }'); do
    $get_edges "$name" >"$out/edges/$name" || fail "could not get edges file $name"
  done
  $get_montage >"$out/montage.png" || fail "could not get montage.png"
  python3 "$EXAMPLE_DIR/check_outputs.py" "$SEEN" "$out/edges" "$out/montage.png" >&2 \
    || fail "outputs after $(ls "$SEEN" | wc -l) images are wrong (see above)"
}

# expect_logged PIPELINE JOB-ID NAME...: the job's logs name exactly these images (edges.py
# prints one line per image it processes), so the job worked on the new datums only.
expect_logged() {
  local pipeline="$1" job="$2"; shift 2
  local logged expected
  logged="$(tusk logs -p "$pipeline" -j "$job" | sed -n 's/^edges: \([^ ]*\) -> .*/\1/p' | sort | paste -sd ' ')"
  expected="$(printf '%s\n' "$@" | sort | paste -sd ' ')"
  expect_eq "$logged" "$expected" "images processed by $pipeline job $job (from its logs)"
}

tusk_get_edges() { tusk get file "edges@master:/$1"; } # NAME (2.x spelling)

latest_job() { # PIPELINE: the id of its newest job
  tusk list job -p "$1" --raw | python3 -c '
import json, sys
jobs = sorted((json.loads(l) for l in sys.stdin if l.strip()), key=lambda j: j["created"])
print(jobs[-1]["job"]["id"])'
}

# ============================== 1.x: the tutorial as written for Pachyderm 1.7 ================
step "1.x: create-repo images; commit 3 images with start-commit / put-file / finish-commit"
tusk create-repo images
rm -rf "$SEEN" && mkdir -p "$SEEN"
commit="$(tusk start-commit images master)"
for f in "$WORK"/images/batch1/*; do
  tusk put-file images "$commit" "$(basename "$f")" -f "$f"
  cp "$f" "$SEEN/"
done
tusk finish-commit images "$commit"
expect_eq "$(tusk list-file images master | awk 'NR > 1' | wc -l | tr -d ' ')" 3 "files in images@master"

step "1.x: create-pipeline -f edges.1x.json and montage.1x.json (atom inputs), flush-commit"
render_spec "$EXAMPLE_DIR/edges.1x.json" >"$WORK/edges.1x.json"
render_spec "$EXAMPLE_DIR/montage.1x.json" >"$WORK/montage.1x.json"
tusk create-pipeline -f "$WORK/edges.1x.json"
tusk create-pipeline -f "$WORK/montage.1x.json"
# Pachyderm 1.x: flush-commit waits for every commit caused by images/<commit>, which includes
# the output commits that creating the pipelines started on it.
flushed="$(tusk flush-commit "images/$commit")"
echo "$flushed" >&2
expect_contains "$flushed" "edges" "flush-commit images/$commit (commits it caused)"
expect_contains "$flushed" "montage" "flush-commit images/$commit (commits it caused)"
tusk list-job >&2
check_outputs "tusk list-file edges master" "tusk get-file edges master" "tusk get-file montage master montage.png"

for batch in batch2 batch3; do
  step "1.x: commit the 2 images of $batch, flush-commit, check"
  commit="$(tusk start-commit images master)"
  for f in "$WORK/images/$batch"/*; do
    tusk put-file images "$commit" "$(basename "$f")" -f "$f"
    cp "$f" "$SEEN/"
  done
  tusk finish-commit images "$commit"
  flushed="$(tusk flush-commit "images/$commit")"
  echo "$flushed" >&2
  expect_contains "$flushed" "montage" "flush-commit images/$commit (commits it caused)"
  check_outputs "tusk list-file edges master" "tusk get-file edges master" "tusk get-file montage master montage.png"
  expect_logged edges "$(latest_job edges)" $(ls "$WORK/images/$batch")
done

step "1.x: list-job shows the tutorial's progress column (processed + skipped / total)"
listing="$(tusk list-job -p edges)"
echo "$listing" >&2
expect_contains "$listing" "2 + 5 / 7" "list-job -p edges, third job"
expect_contains "$listing" "2 + 3 / 5" "list-job -p edges, second job"
expect_contains "$listing" "3 + 0 / 3" "list-job -p edges, first job"
expect_jobs edges "3 0 0 3 success" "2 3 0 5 success" "2 5 0 7 success"
expect_jobs montage "1 0 0 1 success" "1 0 0 1 success" "1 0 0 1 success"

# ============================== 2.x: the same tutorial with Pachyderm 2.x's grammar ============
step "2.x: create project opencv and make it the context's project"
tusk create project opencv
tusk config update context --project opencv
expect_eq "$(tusk list repo --raw | wc -l | tr -d ' ')" 0 "repos in the new project opencv"

step "2.x: create repo images; commit 3 images inside start commit / finish commit"
tusk create repo images
rm -rf "$SEEN" && mkdir -p "$SEEN"
tusk start commit images@master >/dev/null
for f in "$WORK"/images/batch1/*; do
  tusk put file "images@master:/$(basename "$f")" -f "$f"
  cp "$f" "$SEEN/"
done
tusk finish commit images@master

step "2.x: create pipeline edges.json and montage.json (pfs inputs), wait commit montage@master"
render_spec "$EXAMPLE_DIR/edges.json" | tusk create pipeline -f -
render_spec "$EXAMPLE_DIR/montage.json" | tusk create pipeline -f -
tusk wait commit montage@master >&2
tusk list job >&2
check_outputs "tusk list file edges@master" "tusk_get_edges" "tusk get file montage@master:/montage.png"

for batch in batch2 batch3; do
  step "2.x: put file images@master with the 2 images of $batch (one commit), wait, check"
  sources=()
  for f in "$WORK/images/$batch"/*; do sources+=(-f "$f"); cp "$f" "$SEEN/"; done
  tusk put file images@master "${sources[@]}"
  tusk wait commit montage@master >&2
  check_outputs "tusk list file edges@master" "tusk_get_edges" "tusk get file montage@master:/montage.png"
  expect_logged edges "$(latest_job edges)" $(ls "$WORK/images/$batch")
done
expect_jobs edges "3 0 0 3 success" "2 3 0 5 success" "2 5 0 7 success"
expect_jobs montage "1 0 0 1 success" "1 0 0 1 success" "1 0 0 1 success"

step "the 1.x run in project default is untouched by the 2.x run"
expect_eq "$(tusk list job --project default -p edges --raw | wc -l | tr -d ' ')" 3 "edges jobs in project default"

step "OK: both tutorial runs (1.x and 2.x) produced the right edges, montages and datum counts"
