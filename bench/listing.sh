#!/usr/bin/env bash
# Listing benchmark: one directory of a repository of (up to) 1,000,000 files.
#
#   Build: DIRS directories of PER_DIR tiny files (default 1,000 x 1,000), put as tar archives of
#   BATCH_DIRS directories each, one `tusk put file --untar` call (one commit) per archive. Every
#   file holds the same two bytes, so the store keeps one chunk and the build measures metadata.
#   If the build would pass BENCH_LISTING_BUDGET seconds, it stops after the last whole batch
#   and the output says how many files the repository holds (scaled down).
#   Timed: `tusk list file repo@master:/<root>/dNNNN/` of the middle directory (absolute target
#   under 0.1 s), alternating with `ls -l` of the same directory of PER_DIR files on disk.
#
# Sizes from the environment:
#   BENCH_LISTING_DIRS=1000  BENCH_LISTING_PER_DIR=1000  BENCH_LISTING_BATCH_DIRS=100
#   BENCH_LISTING_BUDGET=180 (seconds for the build)  BENCH_LISTING_RUNS=5  BENCH_TIMEOUT=600
#   BENCH_IMAGE=/tmp/tusk-bench-listing.img  BENCH_IMAGE_GB=4  BENCH_MOUNT=/tmp/tusk-bench-listing
#   TUSK_BIN=/path/to/tusk (skip the build)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIRS="${BENCH_LISTING_DIRS:-1000}"
PER_DIR="${BENCH_LISTING_PER_DIR:-1000}"
BATCH_DIRS="${BENCH_LISTING_BATCH_DIRS:-100}"
BUDGET="${BENCH_LISTING_BUDGET:-180}"
RUNS="${BENCH_LISTING_RUNS:-5}"
COMMAND_TIMEOUT="${BENCH_TIMEOUT:-600}"
IMAGE="${BENCH_IMAGE:-/tmp/tusk-bench-listing.img}"
IMAGE_GB="${BENCH_IMAGE_GB:-4}"
MOUNT_POINT="${BENCH_MOUNT:-/tmp/tusk-bench-listing}"

BENCH_NAME="listing.sh"
SCRATCH_FALLBACK="tusk-bench-listing-run"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
for variable in DIRS PER_DIR BATCH_DIRS BUDGET RUNS; do
  [[ "${!variable}" =~ ^[0-9]+$ ]] && [ "${!variable}" -gt 0 ] \
    || fail "BENCH_LISTING_${variable} must be a positive whole number, not '${!variable}'"
done
tusk_quiet() { timeout "$COMMAND_TIMEOUT" "$TUSK" "$@" >>"$LOG" 2>&1 || { tail -n 30 "$LOG" >&2; fail "tusk $* failed"; }; }

# --- build the repository, batch by batch, within the budget -------------------------------------
start_server
tusk_quiet create repo many
ARCHIVE="$SCRATCH/batch.tar"
built=0
batches=0
build_started="$EPOCHREALTIME"
spent=0
while [ "$built" -lt "$DIRS" ]; do
  count=$(( DIRS - built < BATCH_DIRS ? DIRS - built : BATCH_DIRS ))
  python3 "$ROOT/bench/make_tar.py" "$ARCHIVE" "$built" "$count" "$PER_DIR"
  tusk_quiet put file --untar many@master:/files -f "$ARCHIVE"
  built=$(( built + count ))
  batches=$(( batches + 1 ))
  spent="$(elapsed "$build_started" "$EPOCHREALTIME")"
  say "built $((built * PER_DIR)) files in $built directories, ${spent}s so far"
  if [ "$built" -lt "$DIRS" ] && awk -v s="$spent" -v b="$batches" -v limit="$BUDGET" 'BEGIN { exit !(s + s / b > limit) }'; then
    say "stopping the build: another batch would pass the ${BUDGET}s budget"
    break
  fi
done
rm -f "$ARCHIVE"
FILES=$(( built * PER_DIR ))
build_peak_mib="$(awk '/^VmHWM/ { printf "%d\n", $2 / 1024 }' "/proc/$SERVER_PID/status")"

# Tusk puts an archive's entries under the destination path (/files); Pachyderm 2.x puts them
# at their own paths from the root. Find out which, so the listed directory exists either way.
middle="$(printf 'd%04d' $(( built / 2 )))"
if "$TUSK" inspect file "many@master:/files/$middle" >/dev/null 2>&1; then
  LISTED="/files/$middle/"
else
  LISTED="/$middle/"
fi
count_listed() { timeout "$COMMAND_TIMEOUT" "$TUSK" list file "many@master:$LISTED" | tail -n +2 | grep -c . || true; }
[ "$(count_listed)" -eq "$PER_DIR" ] || fail "many@master:$LISTED lists $(count_listed) entries, expected $PER_DIR"

# The baseline lists the same directory on disk.
ON_DISK="$SCRATCH/on-disk/$middle"
mkdir -p "$ON_DISK"
(cd "$ON_DISK" && for number in $(seq 0 $(( PER_DIR - 1 ))); do printf 'x\n' >"$(printf 'f%04d' "$number")"; done)

tusk_list_dir() { timeout "$COMMAND_TIMEOUT" "$TUSK" list file "many@master:$LISTED" >"$SCRATCH/listing"; }
ls_dir() { ls -l "$ON_DISK" >"$SCRATCH/listing"; }
tusk_runs=(); ls_runs=()
for _ in $(seq 1 "$RUNS"); do
  tusk_runs+=("$(timed tusk_list_dir)")
  ls_runs+=("$(timed ls_dir)")
done
stop_server

# --- report ------------------------------------------------------------------------------------
tusk_median="$(median "${tusk_runs[@]}")"
ls_median="$(median "${ls_runs[@]}")"
scale_note=""
if [ "$FILES" -lt $(( DIRS * PER_DIR )) ]; then
  scale_note="scaled down: $FILES of $(( DIRS * PER_DIR )) files built within the ${BUDGET}s budget"
fi
label="list_1_dir_of_${PER_DIR}_in_${FILES}_file_repo_vs_ls"
echo
echo "file system: $FILESYSTEM_NOTE"
echo "repository: $FILES files in $built directories of $PER_DIR, built in ${spent}s with $batches put file --untar calls ($(python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]):.0f}')" "$FILES" "$spent") files/s); tusk serve peak RSS during the build ${build_peak_mib} MiB"
[ -z "$scale_note" ] || echo "$scale_note"
echo "listed: tusk list file many@master:$LISTED against ls -l of the same $PER_DIR files on disk; target: tusk under 0.1 s"
echo "runs tusk: ${tusk_runs[*]} | ls: ${ls_runs[*]}"
echo
table_header
table_row "$label" "$tusk_median" "$ls_median"
record list_dir "list 1 dir of $PER_DIR in a ${FILES}-file repo (ls -l)" s "$tusk_median" "$ls_median" "tusk<0.1" "$scale_note"
