#!/usr/bin/env bash
# Ingest benchmark: Tusk against the everyday baselines, alternating the two, median of N runs.
#
#   (a) put one big random file        vs  cp + sha256sum of the same file
#   (b) put 10,000 files of 4 KiB      vs  git add -A && git commit in a fresh repository
#   (c) object-store size after putting the big file and a copy with one byte inserted at the
#       front, against the naive size (both files stored whole)
#
# Each Tusk run starts a fresh `tusk serve` on an empty data directory (startup is not timed), so
# deduplication against an earlier run cannot flatter the numbers.
#
# Sizes come from the environment, so the script can be smoke-tested small:
#   BENCH_BIG_MB=1024  BENCH_SMALL_FILES=10000  BENCH_SMALL_DIRS=100  BENCH_SMALL_KB=4
#   BENCH_RUNS=3  BENCH_TIMEOUT=600 (seconds per command)
#   BENCH_IMAGE=/tmp/tusk-bench.img  BENCH_IMAGE_GB=12  BENCH_MOUNT=/tmp/tusk-bench
#   BENCH_OBJECTS_SUBDIR=objects (where the server keeps objects inside its data dir)
#   TUSK_BIN=/path/to/tusk (skip the build)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIG_MB="${BENCH_BIG_MB:-1024}"
SMALL_FILES="${BENCH_SMALL_FILES:-10000}"
SMALL_DIRS="${BENCH_SMALL_DIRS:-100}"
SMALL_KB="${BENCH_SMALL_KB:-4}"
RUNS="${BENCH_RUNS:-3}"
COMMAND_TIMEOUT="${BENCH_TIMEOUT:-600}"
IMAGE="${BENCH_IMAGE:-/tmp/tusk-bench.img}"
IMAGE_GB="${BENCH_IMAGE_GB:-12}"
MOUNT_POINT="${BENCH_MOUNT:-/tmp/tusk-bench}"
OBJECTS_SUBDIR="${BENCH_OBJECTS_SUBDIR:-objects}"

BENCH_NAME="ingest.sh"
SCRATCH_FALLBACK="tusk-bench-run"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

# Runs a command with a time limit and prints its wall time in seconds (output goes to a log).
timed() {
  sync
  local start end
  start="$EPOCHREALTIME"
  local limit=(timeout "$COMMAND_TIMEOUT")
  # Shell functions (the baselines) cannot go through timeout(1); they call plain cp/sha256sum/git.
  if declare -F "$1" >/dev/null; then limit=(); fi
  if ! "${limit[@]}" "$@" >>"$SCRATCH/commands.log" 2>&1; then
    tail -n 30 "$SCRATCH/commands.log" >&2
    fail "command failed or exceeded ${COMMAND_TIMEOUT}s: $*"
  fi
  end="$EPOCHREALTIME"
  elapsed "$start" "$end"
}

tusk_quiet() { "$TUSK" "$@" >>"$SCRATCH/commands.log" 2>&1 || { tail -n 30 "$SCRATCH/commands.log" >&2; fail "tusk $* failed"; }; }

# --- data --------------------------------------------------------------------------------------
say "preparing ${BIG_MB} MiB random file and ${SMALL_FILES} x ${SMALL_KB} KiB files in ${SMALL_DIRS} directories"
BIG="$SCRATCH/big"
head -c "$((BIG_MB * 1024 * 1024))" /dev/urandom >"$BIG"
TREE="$SCRATCH/tree"
python3 "$ROOT/bench/make_tree.py" "$TREE" "$SMALL_FILES" "$SMALL_DIRS" "$((SMALL_KB * 1024))"

big_copy_and_hash() { cp "$BIG" "$SCRATCH/copy" && sha256sum "$SCRATCH/copy" >/dev/null; }

git_add_commit() {
  local repository="$1"
  git -C "$repository" add -A && git -C "$repository" commit -q -m "bench"
}
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@localhost
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@localhost

# --- (a) one big file --------------------------------------------------------------------------
tusk_big=()
base_big=()
for run in $(seq 1 "$RUNS"); do
  start_server
  tusk_quiet create repo bench
  tusk_big+=("$(timed "$TUSK" put file bench@master:/big -f "$BIG")")
  stop_server
  rm -f "$SCRATCH/copy"
  base_big+=("$(timed big_copy_and_hash)")
  rm -f "$SCRATCH/copy"
  say "(a) run $run: tusk ${tusk_big[-1]}s, cp+sha256sum ${base_big[-1]}s"
done

# --- (b) many small files ----------------------------------------------------------------------
tusk_small=()
base_small=()
for run in $(seq 1 "$RUNS"); do
  start_server
  tusk_quiet create repo bench
  tusk_small+=("$(timed "$TUSK" put file -r bench@master:/ -f "$TREE")")
  stop_server
  rm -rf "$SCRATCH/git"
  mkdir -p "$SCRATCH/git"
  cp -r "$TREE/." "$SCRATCH/git/"
  git -C "$SCRATCH/git" init -q
  base_small+=("$(timed git_add_commit "$SCRATCH/git")")
  rm -rf "$SCRATCH/git"
  say "(b) run $run: tusk ${tusk_small[-1]}s, git add+commit ${base_small[-1]}s"
done

# --- (c) storage with a one-byte insertion at the front ----------------------------------------
say "(c) storing the big file and a copy with one byte inserted at the front"
SHIFTED="$SCRATCH/big-shifted"
{ printf 'X'; cat "$BIG"; } >"$SHIFTED"
start_server
tusk_quiet create repo bench
tusk_quiet put file bench@master:/big -f "$BIG"
tusk_quiet put file bench@master:/big-shifted -f "$SHIFTED"
stop_server
OBJECTS="$DATA_DIR/$OBJECTS_SUBDIR"
if [ ! -d "$OBJECTS" ]; then
  say "note: $OBJECTS does not exist; measuring the whole data directory $DATA_DIR instead"
  OBJECTS="$DATA_DIR"
fi
stored_bytes="$(du -sb "$OBJECTS" | awk '{print $1}')"
naive_bytes="$(( $(stat -c %s "$BIG") + $(stat -c %s "$SHIFTED") ))"
gib() { python3 -c "import sys; print(f'{int(sys.argv[1]) / 2**30:.3f}')" "$1"; }

# --- report ------------------------------------------------------------------------------------
big_label="put_${BIG_MB}MiB_vs_cp_sha256sum"
small_label="put_${SMALL_FILES}x${SMALL_KB}KiB_vs_git_add_commit"
storage_label="storage_GiB_big+shifted_vs_naive"
tusk_big_median="$(median "${tusk_big[@]}")"
base_big_median="$(median "${base_big[@]}")"
tusk_small_median="$(median "${tusk_small[@]}")"
base_small_median="$(median "${base_small[@]}")"

echo
echo "file system: $FILESYSTEM_NOTE"
echo "runs per workload: $RUNS (alternating Tusk and baseline); times in seconds; ratio = tusk / baseline (below 1 is better for Tusk)"
echo "runs (a) tusk: ${tusk_big[*]} | baseline: ${base_big[*]}"
echo "runs (b) tusk: ${tusk_small[*]} | baseline: ${base_small[*]}"
echo
printf '%-44s %12s %16s %7s\n' workload tusk_median baseline_median ratio
printf '%-44s %12s %16s %7s\n' "$big_label" "$tusk_big_median" "$base_big_median" "$(ratio "$tusk_big_median" "$base_big_median")"
printf '%-44s %12s %16s %7s\n' "$small_label" "$tusk_small_median" "$base_small_median" "$(ratio "$tusk_small_median" "$base_small_median")"
printf '%-44s %12s %16s %7s\n' "$storage_label" "$(gib "$stored_bytes")" "$(gib "$naive_bytes")" "$(ratio "$stored_bytes" "$naive_bytes")"
