#!/usr/bin/env bash
# DVC's figures for the workloads where the issue quotes DVC, printed here and added to run-all's
# summary as a "dvc" column (seconds, median of BENCH_DVC_RUNS runs):
#   put_big            dvc add of the 1 GiB file + git commit of its .dvc file
#   put_small          dvc add of the 10,000-file tree + git commit
#   change             the same 10 changed + 10 added files as bench/ingest.sh: dvc add + git commit
#   pipeline_map       `dvc repro` of a dvc.yaml with one `tr a-z A-Z` stage per file; a full
#                      1,000-stage run is too slow, so BENCH_DVC_STAGES (50) stages are timed and
#                      the figure is scaled to BENCH_DATUMS (marked "~")
#   pipeline_overhead  `dvc repro` of stages running `true`, sampled the same way
# DVC runs stages one at a time (no -j), Tusk's pipelines at parallelism 2.
#
# DVC is installed with pip into a temporary virtualenv (python3 -m venv; BENCH_DVC_VENV names a
# virtualenv to reuse instead). When that fails the script prints "dvc: unavailable (reason)"
# and exits 0. Data comes from the same generators and seeds as ingest.sh and pipeline.sh.
#
#   BENCH_BIG_MB=1024  BENCH_SMALL_FILES=10000  BENCH_SMALL_DIRS=100  BENCH_SMALL_KB=4
#   BENCH_CHANGED_FILES=10  BENCH_ADDED_FILES=10  BENCH_DATUMS=1000  BENCH_OVERHEAD_DATUMS=200
#   BENCH_FILE_BYTES=4096  BENCH_DVC_STAGES=50  BENCH_DVC_RUNS=1  BENCH_DVC_VENV  BENCH_TIMEOUT=600
#   BENCH_IMAGE=/tmp/tusk-bench-dvc.img  BENCH_IMAGE_GB=8  BENCH_MOUNT=/tmp/tusk-bench-dvc
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIG_MB="${BENCH_BIG_MB:-1024}"
SMALL_FILES="${BENCH_SMALL_FILES:-10000}"
SMALL_DIRS="${BENCH_SMALL_DIRS:-100}"
SMALL_KB="${BENCH_SMALL_KB:-4}"
CHANGED_FILES="${BENCH_CHANGED_FILES:-10}"
ADDED_FILES="${BENCH_ADDED_FILES:-10}"
DATUMS="${BENCH_DATUMS:-1000}"
OVERHEAD_DATUMS="${BENCH_OVERHEAD_DATUMS:-200}"
FILE_BYTES="${BENCH_FILE_BYTES:-4096}"
STAGES="${BENCH_DVC_STAGES:-50}"
RUNS="${BENCH_DVC_RUNS:-1}"
COMMAND_TIMEOUT="${BENCH_TIMEOUT:-600}"
IMAGE="${BENCH_IMAGE:-/tmp/tusk-bench-dvc.img}"
IMAGE_GB="${BENCH_IMAGE_GB:-8}"
MOUNT_POINT="${BENCH_MOUNT:-/tmp/tusk-bench-dvc}"

BENCH_NAME="dvc.sh"
SCRATCH_FALLBACK="tusk-bench-dvc-run"
TUSK_BIN="${TUSK_BIN:-/bin/true}"  # lib.sh wants a binary; this script never runs Tusk
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
MAP_STAGES=$(( STAGES < DATUMS ? STAGES : DATUMS ))
NOOP_STAGES=$(( STAGES < OVERHEAD_DATUMS ? STAGES : OVERHEAD_DATUMS ))
KEYS=(put_big put_small change pipeline_map pipeline_overhead)

unavailable() {
  echo "dvc: unavailable ($1)"
  for key in "${KEYS[@]}"; do record_extra "$key" dvc unavailable; done
  exit 0
}

# --- install -------------------------------------------------------------------------------------
VENV="${BENCH_DVC_VENV:-$SCRATCH/dvc-venv}"
if [ ! -x "$VENV/bin/dvc" ]; then
  say "installing dvc with pip into $VENV"
  python3 -m venv "$VENV" >>"$LOG" 2>&1 || unavailable "python3 -m venv failed: $(tail -n 1 "$LOG")"
  timeout "$COMMAND_TIMEOUT" "$VENV/bin/pip" install -q dvc >>"$LOG" 2>&1 \
    || unavailable "pip install dvc failed: $(tail -n 1 "$LOG")"
fi
DVC="$VENV/bin/dvc"
DVC_VERSION="$("$DVC" --version 2>>"$LOG")" || unavailable "dvc --version failed: $(tail -n 1 "$LOG")"
export DVC_NO_ANALYTICS=1 GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@localhost GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@localhost

# --- data (the same seeds as ingest.sh and pipeline.sh) ----------------------------------------
say "preparing data"
BIG="$SCRATCH/big"
seeded_bytes "$((BIG_MB * 1024 * 1024))" big >"$BIG"
TREE="$SCRATCH/tree"
python3 "$ROOT/bench/make_tree.py" "$TREE" "$SMALL_FILES" "$SMALL_DIRS" "$((SMALL_KB * 1024))"
CHANGE="$SCRATCH/change"
python3 "$ROOT/bench/make_change.py" "$CHANGE" "$SMALL_FILES" "$SMALL_DIRS" "$((SMALL_KB * 1024))" "$CHANGED_FILES" "$ADDED_FILES"
INPUTS="$SCRATCH/inputs"
python3 "$ROOT/bench/make_tree.py" "$INPUTS" "$MAP_STAGES" 1 "$FILE_BYTES"

REPO="$SCRATCH/repo"
new_repo() {
  rm -rf "$REPO" && mkdir -p "$REPO" && (cd "$REPO" && git init -q && "$DVC" init -q && git commit -q -m init)
}
dvc_add_commit() {
  (cd "$REPO" && "$DVC" add -q "$1" && git add "$1.dvc" .gitignore && git commit -q -m "$1")
}
dvc_repro() { (cd "$REPO" && "$DVC" repro -q); }

map_yaml() {
  local path name
  echo "stages:"
  for path in "$REPO"/in/*; do
    name="${path##*/}"
    printf '  %s:\n    cmd: tr a-z A-Z < in/%s > out/%s\n    deps: [in/%s]\n    outs: [out/%s]\n' \
      "${name%.bin}" "$name" "$name" "$name" "$name"
  done
}
noop_yaml() {
  echo "stages:"
  for number in $(seq 1 "$NOOP_STAGES"); do printf '  t%d:\n    cmd: "true"\n' "$number"; done
}

# --- runs --------------------------------------------------------------------------------------
big=(); small=(); change=(); map=(); noop=()
for run in $(seq 1 "$RUNS"); do
  new_repo; cp "$BIG" "$REPO/big"
  big+=("$(timed dvc_add_commit big)")
  new_repo; cp -r "$TREE" "$REPO/tree"
  small+=("$(timed dvc_add_commit tree)")
  cp -r "$CHANGE/." "$REPO/tree/"
  change+=("$(timed dvc_add_commit tree)")
  new_repo; mkdir -p "$REPO/in" "$REPO/out"; cp "$INPUTS"/*/* "$REPO/in/"; map_yaml >"$REPO/dvc.yaml"
  map+=("$(timed dvc_repro)")
  [ "$(find "$REPO/out" -name "*.bin" | wc -l)" -eq "$MAP_STAGES" ] || fail "dvc repro wrote $(find "$REPO/out" -name "*.bin" | wc -l) outputs, expected $MAP_STAGES"
  new_repo; noop_yaml >"$REPO/dvc.yaml"
  noop+=("$(timed dvc_repro)")
  say "run $run: add big ${big[-1]}s, add tree ${small[-1]}s, change ${change[-1]}s, $MAP_STAGES tr stages ${map[-1]}s, $NOOP_STAGES true stages ${noop[-1]}s"
done
rm -rf "$REPO"

# --- report ------------------------------------------------------------------------------------
scaled() { python3 -c "import sys; print(f'{float(sys.argv[1]) * int(sys.argv[2]) / int(sys.argv[3]):.3f}')" "$@"; }
big_median="$(median "${big[@]}")"; small_median="$(median "${small[@]}")"; change_median="$(median "${change[@]}")"
map_median="$(median "${map[@]}")"; noop_median="$(median "${noop[@]}")"
map_estimate="$(scaled "$map_median" "$DATUMS" "$MAP_STAGES")"
noop_estimate="$(scaled "$noop_median" "$OVERHEAD_DATUMS" "$NOOP_STAGES")"
echo
echo "file system: $FILESYSTEM_NOTE; DVC $DVC_VERSION; runs: $RUNS; seconds"
echo "pipelines: $MAP_STAGES of $DATUMS tr stages and $NOOP_STAGES of $OVERHEAD_DATUMS true stages timed, scaled linearly (~); DVC runs stages one at a time"
echo "per stage: tr $(scaled "$map_median" 1000 "$MAP_STAGES") ms, true $(scaled "$noop_median" 1000 "$NOOP_STAGES") ms"
printf '%-48s %12s\n' workload dvc_median
printf '%-48s %12s\n' "dvc_add_commit_${BIG_MB}MiB" "$big_median" "dvc_add_commit_${SMALL_FILES}x${SMALL_KB}KiB" "$small_median" \
  "dvc_add_commit_${CHANGED_FILES}_changed_${ADDED_FILES}_added" "$change_median" \
  "dvc_repro_${DATUMS}_tr_stages" "~$map_estimate (from $MAP_STAGES)" "dvc_repro_${OVERHEAD_DATUMS}_true_stages" "~$noop_estimate (from $NOOP_STAGES)"
record_extra put_big dvc "$big_median"
record_extra put_small dvc "$small_median"
record_extra change dvc "$change_median"
record_extra pipeline_map dvc "~$map_estimate"
record_extra pipeline_overhead dvc "~$noop_estimate"
