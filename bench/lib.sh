# Shared by the benchmark scripts (sourced, not run). Before sourcing, a script sets
#   BENCH_NAME (for messages), ROOT, IMAGE, IMAGE_GB, MOUNT_POINT, SCRATCH_FALLBACK (a directory
#   name under $TMPDIR used when no loop file system can be mounted).
# It provides: say/fail, elapsed/median/ratio, free_port/port_open, TUSK (the binary), a scratch
# directory SCRATCH on a journaled ext4 loop file when possible (FILESYSTEM_NOTE says which),
# cleanup on exit, and start_server (a fresh `tusk serve` on DATA_DIR, PACHD_ADDRESS exported).

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
