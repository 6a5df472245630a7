#!/usr/bin/env bash
# Datum throughput with 1, 2 and 3 `tusk worker` processes: a daemon started with
# `--remote-workers` hands every datum to the workers through the metadata database; each datum
# waits BENCH_WORKER_SLEEP seconds (standing in for I/O-bound work such as fetching a video or
# calling a model server, so the figure shows how datums spread over workers rather than how
# fast two cores run three copies of a CPU-bound program) and writes one output file.
# Baseline in the same run: `make -jN` running the same recipes, N = number of workers.
#
# Each worker runs one datum at a time (--slots 1), as one Pachyderm worker pod does; the
# pipeline's parallelism_spec is 3, so the number of workers is what limits the throughput.
# Stores: the embedded SQLite file and objects directory shared by processes on this host, or,
# with BENCH_POSTGRES_URL (a server, e.g. from scripts/services/postgres.sh) and
# BENCH_S3_ENDPOINT (e.g. from scripts/services/s3.sh, with AWS_* credentials), a fresh
# PostgreSQL database and S3 prefix for every run.
#
#   BENCH_WORKER_DATUMS=120  BENCH_WORKER_SLEEP=0.25  BENCH_RUNS=3  TUSK_BIN=/path/to/tusk
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATUMS="${BENCH_WORKER_DATUMS:-120}"
SLEEP="${BENCH_WORKER_SLEEP:-0.25}"
RUNS="${BENCH_RUNS:-3}"
COMMAND_TIMEOUT="${BENCH_TIMEOUT:-600}"
IMAGE="${BENCH_IMAGE:-/tmp/tusk-bench-workers.img}"
IMAGE_GB="${BENCH_IMAGE_GB:-2}"
MOUNT_POINT="${BENCH_MOUNT:-/tmp/tusk-bench-workers}"

BENCH_NAME="workers.sh"
SCRATCH_FALLBACK="tusk-bench-workers-run"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

for variable in DATUMS RUNS; do
  [[ "${!variable}" =~ ^[0-9]+$ ]] && [ "${!variable}" -gt 0 ] || fail "BENCH_${variable} must be a positive whole number"
done
command -v make >/dev/null 2>&1 || fail "make is not installed (apt-get install make)"

INPUTS="$SCRATCH/inputs"
mkdir -p "$INPUTS"
for index in $(seq -w 1 "$DATUMS"); do echo "$index" >"$INPUTS/n$index"; done

WORKER_PIDS=()
stop_workers() {
  for pid in "${WORKER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${WORKER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  WORKER_PIDS=()
}
trap 'stop_workers; cleanup' EXIT INT TERM

start_cluster() {
  local workers="$1"
  stop_workers
  local metadata storage
  metadata="$DATA_DIR/metadata.sqlite"
  storage="$DATA_DIR/objects"
  RUN_NUMBER=$((${RUN_NUMBER:-0} + 1))
  if [ -n "${BENCH_POSTGRES_URL:-}" ]; then
    local database="tusk_bench_$$_$RUN_NUMBER"
    psql "$BENCH_POSTGRES_URL" -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE $database" >>"$LOG" 2>&1 \
      || fail "cannot create database $database on $BENCH_POSTGRES_URL"
    metadata="$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit((p.scheme, p.netloc, "/" + sys.argv[2], p.query, "")))' "$BENCH_POSTGRES_URL" "$database")"
  fi
  if [ -n "${BENCH_S3_ENDPOINT:-}" ]; then
    storage="s3://tusk-bench/run-$$-$RUN_NUMBER?endpoint=$BENCH_S3_ENDPOINT"
  fi
  start_server --remote-workers --metadata "$metadata" --storage "$storage"
  for index in $(seq 1 "$workers"); do
    "$TUSK" worker --metadata "$metadata" --storage "$storage" --id "bench-$index" --slots 1 \
      --scratch "$SCRATCH/worker-$index" >>"$SCRATCH/worker-$index.log" 2>&1 &
    WORKER_PIDS+=($!)
  done
  timeout "$COMMAND_TIMEOUT" "$TUSK" create repo numbers >>"$LOG" 2>&1
  timeout "$COMMAND_TIMEOUT" "$TUSK" put file -r numbers@master:/ -f "$INPUTS" >>"$LOG" 2>&1
}

cat >"$SCRATCH/spec.json" <<SPEC
{"pipeline": {"name": "slow"}, "parallelism_spec": {"constant": 3},
 "transform": {"cmd": ["sh", "-c", "sleep $SLEEP; for f in /pfs/numbers/*; do cp \"\$f\" /pfs/out/; done"]},
 "input": {"pfs": {"repo": "numbers", "glob": "/*"}}}
SPEC

run_pipeline() {
  timeout "$COMMAND_TIMEOUT" "$TUSK" create pipeline -f "$SCRATCH/spec.json" &&
    timeout "$COMMAND_TIMEOUT" "$TUSK" wait commit slow@master
}

make_run() {
  local jobs="$1" out="$SCRATCH/make-out"
  rm -rf "$out"
  mkdir -p "$out"
  make -s -j"$jobs" -f "$SCRATCH/Makefile" OUT="$out" >>"$LOG" 2>&1
}
{
  printf 'all:'
  for file in "$INPUTS"/*; do printf ' $(OUT)/%s' "$(basename "$file")"; done
  printf '\n'
  printf '$(OUT)/%%: %s/%%\n\tsleep %s; cp $< $@\n' "$INPUTS" "$SLEEP"
} >"$SCRATCH/Makefile"

say "$DATUMS datums of 'sleep $SLEEP', 1 to 3 workers, $RUNS runs each ($FILESYSTEM_NOTE)"
table_header
one_worker=""
for workers in 1 2 3; do
  tusk_times=()
  make_times=()
  for _ in $(seq 1 "$RUNS"); do
    start_cluster "$workers"
    tusk_times+=("$(timed run_pipeline)")
    processed="$("$TUSK" list job -p slow --raw | python3 -c 'import json,sys; print(json.JSONDecoder().raw_decode(sys.stdin.read().lstrip())[0].get("data_processed", 0))')"
    [ "$processed" = "$DATUMS" ] || fail "the job processed $processed datums, expected $DATUMS"
    make_times+=("$(timed make_run "$workers")")
  done
  stop_workers
  tusk_median="$(median "${tusk_times[@]}")"
  make_median="$(median "${make_times[@]}")"
  [ -n "$one_worker" ] || one_worker="$tusk_median"
  per_second="$(python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]):.1f}')" "$DATUMS" "$tusk_median")"
  speedup="$(ratio "$one_worker" "$tusk_median")"
  table_row "$DATUMS datums, $workers worker(s) / make -j$workers" "$tusk_median" "$make_median"
  printf '    %s datums/s, %sx the 1-worker throughput\n' "$per_second" "$speedup"
  record "workers_$workers" "$DATUMS x sleep $SLEEP on $workers worker(s) / make -j$workers" s "$tusk_median" "$make_median" "-" "$per_second datums/s, ${speedup}x one worker"
done
