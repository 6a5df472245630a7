#!/usr/bin/env bash
# Ingest benchmark: Tusk against the everyday baselines, alternating the two, median of N runs.
#
#   (a) put one big random file          vs  cp + sha256sum of the same file
#   (a') get that file to a local path    vs  cat of it to a file (same file system)
#   (b) put 10,000 files of 4 KiB         vs  git add -A && git commit in a fresh repository
#   (b') list that whole tree             vs  find -type f over the same tree on disk
#        (`tusk glob file 'repo@master:/**'`: `list file` has no recursive form, glob is how a
#        user lists a whole tree)
#   (b'') one CLI call making a new commit that changes 10 files and adds 10
#        (`tusk put file -r repo@master:/ -f change/`)  vs  git add -A && git commit of the
#        same change in the git repository of (b)
#   (c) object-store size after putting the big file and a copy with one byte inserted at the
#       front, against the naive size (both files stored whole)
#
# Each Tusk run starts a fresh `tusk serve` on an empty data directory (startup is not timed), so
# deduplication against an earlier run cannot flatter the numbers.
#
# Sizes come from the environment, so the script can be smoke-tested small:
#   BENCH_BIG_MB=1024  BENCH_SMALL_FILES=10000  BENCH_SMALL_DIRS=100  BENCH_SMALL_KB=4
#   BENCH_CHANGED_FILES=10  BENCH_ADDED_FILES=10  BENCH_RUNS=3  BENCH_TIMEOUT=600 (s per command)
#   BENCH_IMAGE=/tmp/tusk-bench.img  BENCH_IMAGE_GB=12  BENCH_MOUNT=/tmp/tusk-bench
#   BENCH_OBJECTS_SUBDIR=objects (where the server keeps objects inside its data dir)
#   TUSK_BIN=/path/to/tusk (skip the build)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIG_MB="${BENCH_BIG_MB:-1024}"
SMALL_FILES="${BENCH_SMALL_FILES:-10000}"
SMALL_DIRS="${BENCH_SMALL_DIRS:-100}"
SMALL_KB="${BENCH_SMALL_KB:-4}"
CHANGED_FILES="${BENCH_CHANGED_FILES:-10}"
ADDED_FILES="${BENCH_ADDED_FILES:-10}"
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

tusk_quiet() { "$TUSK" "$@" >>"$SCRATCH/commands.log" 2>&1 || { tail -n 30 "$SCRATCH/commands.log" >&2; fail "tusk $* failed"; }; }

# --- data --------------------------------------------------------------------------------------
say "preparing ${BIG_MB} MiB random file and ${SMALL_FILES} x ${SMALL_KB} KiB files in ${SMALL_DIRS} directories"
BIG="$SCRATCH/big"
seeded_bytes "$((BIG_MB * 1024 * 1024))" big >"$BIG"
TREE="$SCRATCH/tree"
python3 "$ROOT/bench/make_tree.py" "$TREE" "$SMALL_FILES" "$SMALL_DIRS" "$((SMALL_KB * 1024))"
CHANGE="$SCRATCH/change"
python3 "$ROOT/bench/make_change.py" "$CHANGE" "$SMALL_FILES" "$SMALL_DIRS" "$((SMALL_KB * 1024))" "$CHANGED_FILES" "$ADDED_FILES"
CHANGE_FILES="$(find "$CHANGE" -type f | wc -l)"
[ "$CHANGE_FILES" -eq "$((CHANGED_FILES + ADDED_FILES))" ] || fail "make_change.py wrote $CHANGE_FILES files"

big_copy_and_hash() { cp "$BIG" "$SCRATCH/copy" && sha256sum "$SCRATCH/copy" >/dev/null; }
big_cat() { cat "$BIG" >"$SCRATCH/out"; }
tusk_list_tree() { timeout "$COMMAND_TIMEOUT" "$TUSK" glob file 'bench@master:/**' >"$SCRATCH/listing"; }
find_tree() { find "$TREE" -type f >"$SCRATCH/listing"; }
listed_files() { grep -c ' file ' "$SCRATCH/listing" || true; }
tusk_commits() { "$TUSK" list commit bench@master --raw | grep -c . || true; }

git_add_commit() {
  local repository="$1"
  git -C "$repository" add -A && git -C "$repository" commit -q -m "bench"
}
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@localhost
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@localhost

# --- (a) one big file --------------------------------------------------------------------------
tusk_big=(); base_big=(); tusk_get=(); base_get=()
for run in $(seq 1 "$RUNS"); do
  start_server
  tusk_quiet create repo bench
  tusk_big+=("$(timed "$TUSK" put file bench@master:/big -f "$BIG")")
  # Both timed reads write 1 GiB into memory freed by removing a 1 GiB file just before (the
  # baseline's `rm copy`, here an untimed copy of the same size): on this VM the first touch of
  # memory that has been free for a while costs about 4 s per GiB in the hypervisor (free page
  # reporting), and without this the cost would fall on whichever side runs first after a put.
  cat "$BIG" >"$SCRATCH/out"
  rm -f "$SCRATCH/out"
  tusk_get+=("$(timed "$TUSK" get file bench@master:/big -o "$SCRATCH/out")")
  if [ "$run" -eq 1 ]; then cmp -s "$BIG" "$SCRATCH/out" || fail "get file returned other bytes than were put"; fi
  rm -f "$SCRATCH/out"
  stop_server
  rm -f "$SCRATCH/copy"
  base_big+=("$(timed big_copy_and_hash)")
  rm -f "$SCRATCH/copy"
  base_get+=("$(timed big_cat)")
  rm -f "$SCRATCH/out"
  say "(a) run $run: put tusk ${tusk_big[-1]}s, cp+sha256sum ${base_big[-1]}s; get tusk ${tusk_get[-1]}s, cat ${base_get[-1]}s"
done

# --- (b) many small files ----------------------------------------------------------------------
tusk_small=(); base_small=(); tusk_list=(); base_list=(); tusk_change=(); base_change=()
for run in $(seq 1 "$RUNS"); do
  start_server
  tusk_quiet create repo bench
  tusk_small+=("$(timed "$TUSK" put file -r bench@master:/ -f "$TREE")")
  tusk_list+=("$(timed tusk_list_tree)")
  [ "$(listed_files)" -eq "$SMALL_FILES" ] || fail "glob file listed $(listed_files) files, expected $SMALL_FILES"
  # The tree's contents went to / (pachctl: -r with a path puts the directory's contents
  # there); the change goes over it in one call the same way.
  tusk_change+=("$(timed "$TUSK" put file -r bench@master:/ -f "$CHANGE")")
  [ "$(tusk_commits)" -eq 2 ] || fail "expected 2 commits on bench@master after the change, found $(tusk_commits)"
  if [ "$run" -eq 1 ]; then
    tusk_list_tree
    [ "$(listed_files)" -eq "$((SMALL_FILES + ADDED_FILES))" ] || fail "after the change glob file listed $(listed_files) files"
    changed_path="$(cd "$CHANGE" && find . -type f -name 'f*' | sort | head -n 1)"
    cmp -s <("$TUSK" get file "bench@master:/${changed_path#./}") "$CHANGE/${changed_path#./}" \
      || fail "bench@master:/${changed_path#./} does not hold the changed content"
  fi
  stop_server
  rm -rf "$SCRATCH/git"
  mkdir -p "$SCRATCH/git"
  cp -r "$TREE/." "$SCRATCH/git/"
  git -C "$SCRATCH/git" init -q
  base_small+=("$(timed git_add_commit "$SCRATCH/git")")
  base_list+=("$(timed find_tree)")
  cp -r "$CHANGE/." "$SCRATCH/git/"
  base_change+=("$(timed git_add_commit "$SCRATCH/git")")
  [ -z "$(git -C "$SCRATCH/git" status --porcelain)" ] || fail "git left changes uncommitted"
  rm -rf "$SCRATCH/git"
  say "(b) run $run: put tusk ${tusk_small[-1]}s, git ${base_small[-1]}s; list tusk ${tusk_list[-1]}s, find ${base_list[-1]}s; change $CHANGE_FILES tusk ${tusk_change[-1]}s, git ${base_change[-1]}s"
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
gib4() { python3 -c "import sys; print(f'{float(sys.argv[1]) / 2**30:.4f}')" "$1"; }
big_label="put_${BIG_MB}MiB_vs_cp_sha256sum"
get_label="get_${BIG_MB}MiB_to_file_vs_cat"
small_label="put_${SMALL_FILES}x${SMALL_KB}KiB_vs_git_add_commit"
list_label="list_${SMALL_FILES}_file_tree_glob_vs_find"
change_label="commit_${CHANGED_FILES}_changed_${ADDED_FILES}_added_vs_git"
storage_label="storage_GiB_big+shifted_vs_naive"
tusk_big_median="$(median "${tusk_big[@]}")"; base_big_median="$(median "${base_big[@]}")"
tusk_get_median="$(median "${tusk_get[@]}")"; base_get_median="$(median "${base_get[@]}")"
tusk_small_median="$(median "${tusk_small[@]}")"; base_small_median="$(median "${base_small[@]}")"
tusk_list_median="$(median "${tusk_list[@]}")"; base_list_median="$(median "${base_list[@]}")"
tusk_change_median="$(median "${tusk_change[@]}")"; base_change_median="$(median "${base_change[@]}")"
echo
echo "file system: $FILESYSTEM_NOTE"
echo "runs per workload: $RUNS (alternating Tusk and baseline); times in seconds; ratio = tusk / baseline (below 1 is better for Tusk)"
echo "runs (a) put tusk: ${tusk_big[*]} | baseline: ${base_big[*]}"
echo "runs (a') get tusk: ${tusk_get[*]} | baseline: ${base_get[*]}"
echo "runs (b) put tusk: ${tusk_small[*]} | baseline: ${base_small[*]}"
echo "runs (b') list tusk: ${tusk_list[*]} | baseline: ${base_list[*]}"
echo "runs (b'') change tusk: ${tusk_change[*]} | baseline: ${base_change[*]}"
echo
table_header
table_row "$big_label" "$tusk_big_median" "$base_big_median"
table_row "$get_label" "$tusk_get_median" "$base_get_median"
table_row "$small_label" "$tusk_small_median" "$base_small_median"
table_row "$list_label" "$tusk_list_median" "$base_list_median"
table_row "$change_label" "$tusk_change_median" "$base_change_median"
table_row "$storage_label" "$(gib "$stored_bytes")" "$(gib "$naive_bytes")"

record put_big "put ${BIG_MB} MiB file vs cp+sha256sum" s "$tusk_big_median" "$base_big_median" "ratio<=1.0"
record get_big "get ${BIG_MB} MiB file to a file vs cat" s "$tusk_get_median" "$base_get_median" "ratio<=1.2"
record put_small "put ${SMALL_FILES} x ${SMALL_KB} KiB files vs git add+commit" s "$tusk_small_median" "$base_small_median" "ratio<=0.5"
record change "${CHANGED_FILES} changed + ${ADDED_FILES} added, one call vs git add+commit" s "$tusk_change_median" "$base_change_median" "ratio<=1.0"
record storage "stored: ${BIG_MB} MiB + 1-byte-shifted copy (vs both whole)" GiB "$(gib4 "$stored_bytes")" "$(gib4 "$naive_bytes")" "tusk<=$(gib4 "$(( BIG_MB * 1024 * 1024 * 102 / 100 ))")"
record list_tree "list the ${SMALL_FILES}-file tree (glob /**) vs find" s "$tusk_list_median" "$base_list_median" "ratio<=2.0"
