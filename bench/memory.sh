#!/usr/bin/env bash
# Memory benchmark: peak resident memory of `tusk serve` while it takes in and hands out one big
# file (default 4 GiB, target: peak RSS under 200 MiB).
#
#   A fresh daemon; `tusk put file` of the file, then `tusk get file` of it piped to sha256sum
#   (checked against the source, and nothing written to disk). The daemon's peak RSS is the
#   kernel's VmHWM from /proc/<pid>/status, read after each step; before the get the peak is
#   reset (`echo 5 > /proc/<pid>/clear_refs`) so each step's peak is its own. The CLI's own peak
#   (from /usr/bin/time, when installed) and both steps' times are printed for information.
#
# The data is non-repeating (seeded_bytes), so deduplication cannot make it cheap. Needs
# BENCH_MEMORY_MIN_FREE_GB (default 3 x the file size, 12 GiB for 4 GiB) free on the scratch
# file system and on the one holding the loop image, or it prints a skip line and exits 0.
#
#   BENCH_MEMORY_MB=4096  BENCH_MEMORY_MIN_FREE_GB  BENCH_TIMEOUT=600
#   BENCH_IMAGE=/tmp/tusk-bench-memory.img  BENCH_IMAGE_GB=16  BENCH_MOUNT=/tmp/tusk-bench-memory
#   TUSK_BIN=/path/to/tusk (skip the build)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE_MB="${BENCH_MEMORY_MB:-4096}"
MIN_FREE_GB="${BENCH_MEMORY_MIN_FREE_GB:-$(( (3 * SIZE_MB + 1023) / 1024 ))}"
COMMAND_TIMEOUT="${BENCH_TIMEOUT:-600}"
IMAGE="${BENCH_IMAGE:-/tmp/tusk-bench-memory.img}"
IMAGE_GB="${BENCH_IMAGE_GB:-16}"
MOUNT_POINT="${BENCH_MOUNT:-/tmp/tusk-bench-memory}"
TARGET_MIB=200

BENCH_NAME="memory.sh"
SCRATCH_FALLBACK="tusk-bench-memory-run"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
[[ "$SIZE_MB" =~ ^[0-9]+$ ]] && [ "$SIZE_MB" -gt 0 ] || fail "BENCH_MEMORY_MB must be a positive whole number"
label="serve_peak_RSS_MiB_put+get_${SIZE_MB}MiB"

# The loop image is sparse: its blocks come out of the file system that holds it.
free_here="$(free_gib "$SCRATCH")"
free_backing="$free_here"
if [ "$MOUNTED" -eq 1 ]; then free_backing="$(free_gib "$(dirname "$IMAGE")")"; fi
if [ "$free_here" -lt "$MIN_FREE_GB" ] || [ "$free_backing" -lt "$MIN_FREE_GB" ]; then
  reason="only ${free_here} GiB free on the scratch file system and ${free_backing} GiB under $(dirname "$IMAGE"); need ${MIN_FREE_GB} GiB"
  echo "memory: skipped ($reason)"
  record memory "tusk serve peak RSS, put + get of ${SIZE_MB} MiB" MiB "-" "-" "tusk<$TARGET_MIB" "skipped: $reason"
  exit 0
fi

SOURCE="$SCRATCH/big"
say "preparing ${SIZE_MB} MiB of non-repeating data"
source_hash="$(seeded_bytes "$((SIZE_MB * 1024 * 1024))" memory | tee "$SOURCE" | sha256sum | cut -d' ' -f1)"

status_mib() { awk -v key="$1:" '$1 == key { printf "%d\n", $2 / 1024 }' "/proc/$SERVER_PID/status"; }
reset_peak() { echo 5 >"/proc/$SERVER_PID/clear_refs" 2>/dev/null; }
CLIENT_PEAKS="$SCRATCH/client-peaks"
: >"$CLIENT_PEAKS"
client() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -a -o "$CLIENT_PEAKS" -f '%M' timeout "$COMMAND_TIMEOUT" "$TUSK" "$@"
  else
    timeout "$COMMAND_TIMEOUT" "$TUSK" "$@"
  fi
}
tusk_put() { client put file memory@master:/big -f "$SOURCE"; }
tusk_get_hash() { client get file memory@master:/big | sha256sum | cut -d' ' -f1 >"$SCRATCH/got-hash"; }

start_server
timeout "$COMMAND_TIMEOUT" "$TUSK" create repo memory >>"$LOG" 2>&1 || fail "create repo failed"
idle_mib="$(status_mib VmRSS)"
put_seconds="$(timed tusk_put)"
put_peak="$(status_mib VmHWM)"
peak_note="peak reset before the get"
reset_peak || peak_note="could not reset the peak (clear_refs); the get's figure is the peak of both steps"
get_seconds="$(timed tusk_get_hash)"
get_peak="$(status_mib VmHWM)"
stop_server
[ "$(cat "$SCRATCH/got-hash")" = "$source_hash" ] || fail "get file returned other bytes than were put"
peak=$(( put_peak > get_peak ? put_peak : get_peak ))
client_peak="$(awk 'BEGIN { m = 0 } $1 ~ /^[0-9]+$/ && $1 > m { m = $1 } END { if (m) printf "%d MiB\n", m / 1024; else print "unknown" }' "$CLIENT_PEAKS")"
mib_per_second() { python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]):.0f}')" "$1" "$2"; }

echo
echo "file system: $FILESYSTEM_NOTE"
echo "tusk serve RSS: ${idle_mib} MiB idle after start; peak ${put_peak} MiB through the put, ${get_peak} MiB during the get ($peak_note)"
echo "put ${put_seconds}s ($(mib_per_second "$SIZE_MB" "$put_seconds") MiB/s), get to sha256sum ${get_seconds}s ($(mib_per_second "$SIZE_MB" "$get_seconds") MiB/s); CLI peak RSS ${client_peak}"
echo "target: peak under ${TARGET_MIB} MiB"
echo
table_header
table_row "$label" "$peak" "-"
record memory "tusk serve peak RSS, put + get of ${SIZE_MB} MiB" MiB "$peak" "-" "tusk<$TARGET_MIB"
