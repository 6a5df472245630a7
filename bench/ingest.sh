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

say() { printf '==> %s\n' "$*" >&2; }
fail() { printf 'ingest.sh: %s\n' "$*" >&2; exit 1; }
# Wall-clock stamps from bash itself (no process start inside the timed window).
[ -n "${EPOCHREALTIME:-}" ] || { echo "ingest.sh: needs bash 5 (EPOCHREALTIME)" >&2; exit 1; }
elapsed() { awk -v start="${1/,/.}" -v end="${2/,/.}" 'BEGIN { printf "%.3f\n", end - start }'; }
median() { python3 "$ROOT/bench/median.py" "$@"; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- the binary ------------------------------------------------------------------------------
if [ -n "${TUSK_BIN:-}" ]; then
  TUSK="$TUSK_BIN"
else
  say "swift build -c release --product tusk (no-op when up to date)"
  (cd "$ROOT" && swift build -c release --product tusk) >&2
  TUSK="$(cd "$ROOT" && swift build -c release --show-bin-path)/tusk"
fi
[ -x "$TUSK" ] || fail "no tusk binary at $TUSK"

# --- scratch file system ---------------------------------------------------------------------
MOUNTED=0
SCRATCH=""
FILESYSTEM_NOTE=""
SERVER_PID=""

stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}

cleanup() {
  local status=$?
  stop_server
  if [ -n "$SCRATCH" ]; then rm -rf "$SCRATCH"; fi
  if [ "$MOUNTED" -eq 1 ]; then
    umount "$MOUNT_POINT" 2>/dev/null || true
    rmdir "$MOUNT_POINT" 2>/dev/null || true
    rm -f "$IMAGE"
  fi
  exit "$status"
}
trap cleanup EXIT INT TERM

mount_scratch() {
  [ "$(id -u)" -eq 0 ] || return 1
  command -v mkfs.ext4 >/dev/null 2>&1 || return 1
  if mountpoint -q "$MOUNT_POINT" 2>/dev/null; then
    say "$MOUNT_POINT is already a mount point; using it as is"
    return 0
  fi
  rm -f "$IMAGE"
  truncate -s "${IMAGE_GB}G" "$IMAGE" || return 1
  mkfs.ext4 -q -F "$IMAGE" || { rm -f "$IMAGE"; return 1; }
  mkdir -p "$MOUNT_POINT"
  if ! mount -o loop "$IMAGE" "$MOUNT_POINT" 2>/dev/null; then
    rm -f "$IMAGE"
    return 1
  fi
  MOUNTED=1
}

if mount_scratch; then
  SCRATCH="$MOUNT_POINT/run"
  FILESYSTEM_NOTE="journaled ext4 on a loop file ($IMAGE mounted at $MOUNT_POINT)"
else
  SCRATCH="${TMPDIR:-/tmp}/tusk-bench-run"
  FILESYSTEM_NOTE="$(df -T "${TMPDIR:-/tmp}" | awk 'NR==2 {print $2}') under ${TMPDIR:-/tmp} (could not mount a loop ext4; numbers for many small files may suffer)"
  say "note: $FILESYSTEM_NOTE"
fi
rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"
export PACH_CONFIG="$SCRATCH/pach-config.json"

# --- a fresh daemon per Tusk run --------------------------------------------------------------
DATA_DIR="$SCRATCH/tusk-data"

start_server() {
  stop_server
  rm -rf "$DATA_DIR"
  local grpc_port http_port
  grpc_port="$(free_port)"
  http_port="$(free_port)"
  "$TUSK" serve --data-dir "$DATA_DIR" --port "$grpc_port" --http-port "$http_port" \
    >>"$SCRATCH/serve.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    port_open "$grpc_port" && break
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$SCRATCH/serve.log" >&2; fail "tusk serve exited during startup"; }
    sleep 0.1
  done
  port_open "$grpc_port" || fail "tusk serve did not listen on port $grpc_port within 60 s"
  export PACHD_ADDRESS="localhost:$grpc_port"
}

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
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }

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
