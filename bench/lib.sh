# Shared by the benchmark scripts (sourced, not run). Before sourcing, a script sets
#   BENCH_NAME (for messages), ROOT, IMAGE, IMAGE_GB, MOUNT_POINT, SCRATCH_FALLBACK (a directory
#   name under $TMPDIR used when no loop file system can be mounted), and may set COMMAND_TIMEOUT.
# It provides: say/fail, elapsed/median/ratio, free_port/port_open, TUSK (the binary), a scratch
# directory SCRATCH on a journaled ext4 loop file when possible (FILESYSTEM_NOTE says which),
# cleanup on exit, start_server [FLAGS...] (a fresh `tusk serve` on DATA_DIR with any extra
# serve flags, PACHD_ADDRESS exported),
# timed (wall time of one step), seeded_bytes (reproducible random data), free_gib, and
# table_row/record (one line per workload here, one row for run-all's summary).

say() { printf '==> %s\n' "$*" >&2; }
fail() { printf '%s: %s\n' "$BENCH_NAME" "$*" >&2; exit 1; }
# Wall-clock stamps from bash itself (no process start inside the timed window).
[ -n "${EPOCHREALTIME:-}" ] || fail "needs bash 5 (EPOCHREALTIME)"
elapsed() { awk -v start="${1/,/.}" -v end="${2/,/.}" 'BEGIN { printf "%.3f\n", end - start }'; }
median() { python3 "$ROOT/bench/median.py" "$@"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }
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
  SCRATCH="${TMPDIR:-/tmp}/$SCRATCH_FALLBACK"
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
  "$TUSK" serve --data-dir "$DATA_DIR" --port "$grpc_port" --http-port "$http_port" "$@" \
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

# --- timing ------------------------------------------------------------------------------------
COMMAND_TIMEOUT="${COMMAND_TIMEOUT:-${BENCH_TIMEOUT:-600}}"
LOG="$SCRATCH/commands.log"

# Runs one step and prints its wall time in seconds; the step's own output goes to the log.
# Commands run under timeout(1); shell functions cannot, so they bound their commands themselves
# (or are plain cp/cat/git/find calls).
timed() {
  sync
  local start end
  local limit=(timeout "$COMMAND_TIMEOUT")
  if declare -F "$1" >/dev/null; then limit=(); fi
  start="$EPOCHREALTIME"
  if ! "${limit[@]}" "$@" >>"$LOG" 2>&1; then
    tail -n 30 "$LOG" >&2
    fail "step failed or exceeded ${COMMAND_TIMEOUT}s: $*"
  fi
  end="$EPOCHREALTIME"
  elapsed "$start" "$end"
}

# --- data ----------------------------------------------------------------------------------------
# seeded_bytes BYTES SEED: BYTES of pseudo-random data on stdout, identical for the same SEED and
# never repeating within a stream (the AES-128-CTR key stream of a key derived from SEED), so no
# store can deduplicate it and every run measures the same bytes.
seeded_bytes() {
  local key
  key="$(printf 'tusk-bench-%s' "$2" | sha256sum | cut -c1-32)"
  { openssl enc -aes-128-ctr -K "$key" -iv 00000000000000000000000000000000 -nosalt -in /dev/zero 2>/dev/null || true; } \
    | head -c "$1"
}

# free_gib DIR: the space available to DIR's file system, in whole GiB.
free_gib() { df -B1 --output=avail "$1" | awk 'NR==2 { printf "%d\n", $1 / 2^30 }'; }

# --- reporting -----------------------------------------------------------------------------------
table_header() { printf '%-48s %12s %16s %7s\n' workload tusk_median baseline_median ratio; }
# table_row LABEL TUSK BASELINE: one line with both medians and their ratio ("-" when no baseline).
table_row() {
  local shown_ratio="-"
  [ "$3" != "-" ] && shown_ratio="$(ratio "$2" "$3")"
  printf '%-48s %12s %16s %7s\n' "$1" "$2" "$3" "$shown_ratio"
}
# record KEY LABEL UNIT TUSK BASELINE TARGET [NOTE]: one row for run-all's summary table, appended
# to $BENCH_RESULTS when run-all set it. KEY names the workload across scripts (bench/dvc.sh adds
# its column by KEY); TARGET is "ratio<=X", "tusk<X" or "tusk<=X" (bench/summary.py checks it);
# BASELINE may be "-".
record() {
  [ -n "${BENCH_RESULTS:-}" ] || return 0
  printf 'row\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" "${7:-}" >>"$BENCH_RESULTS"
}
# record_extra KEY COLUMN VALUE: an extra figure for a row of the summary (e.g. dvc 12.3).
record_extra() {
  [ -n "${BENCH_RESULTS:-}" ] || return 0
  printf 'extra\t%s\t%s\t%s\n' "$1" "$2" "$3" >>"$BENCH_RESULTS"
}
