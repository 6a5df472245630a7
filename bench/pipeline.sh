#!/usr/bin/env bash
# Pipeline benchmark: Tusk's embedded pipelines against `make -j2` doing the same work, alternating
# the two in one run, median of N runs.
#
#   (a) a map over N small files (`tr a-z A-Z`), one datum per file (glob /*), timed from
#       `tusk create pipeline` to the output commit finished, against a Makefile with one rule
#       per file run by `make -j2` into an empty output directory
#   (b) one more input file: time from `tusk put file` to the output commit finished (the job must
#       process exactly 1 datum and skip N), against `make -j2` bringing the outputs up to date
#   (c) datum overhead: M datums running `true` against `make -j2` with M `true` recipes
#
# Each Tusk run starts a fresh `tusk serve` on an empty data directory; putting the input files
# and starting the daemon are not timed. Each make run starts from an empty output directory.
#
# Sizes come from the environment, so the script can be smoke-tested small:
#   BENCH_DATUMS=1000  BENCH_FILE_BYTES=4096  BENCH_OVERHEAD_DATUMS=200  BENCH_RUNS=3
#   BENCH_PARALLELISM=2 (the pipeline's parallelism_spec.constant and make's -j)
#   BENCH_TIMEOUT=600 (seconds per command)
#   BENCH_IMAGE=/tmp/tusk-bench-pipeline.img  BENCH_IMAGE_GB=4  BENCH_MOUNT=/tmp/tusk-bench-pipeline
#   TUSK_BIN=/path/to/tusk (skip the build)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATUMS="${BENCH_DATUMS:-1000}"
FILE_BYTES="${BENCH_FILE_BYTES:-4096}"
OVERHEAD_DATUMS="${BENCH_OVERHEAD_DATUMS:-200}"
RUNS="${BENCH_RUNS:-3}"
PARALLELISM="${BENCH_PARALLELISM:-2}"
COMMAND_TIMEOUT="${BENCH_TIMEOUT:-600}"
IMAGE="${BENCH_IMAGE:-/tmp/tusk-bench-pipeline.img}"
IMAGE_GB="${BENCH_IMAGE_GB:-4}"
MOUNT_POINT="${BENCH_MOUNT:-/tmp/tusk-bench-pipeline}"

BENCH_NAME="pipeline.sh"
SCRATCH_FALLBACK="tusk-bench-pipeline-run"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
milliseconds_each() { python3 -c "import sys; print(f'{float(sys.argv[1]) * 1000 / int(sys.argv[2]):.2f}')" "$1" "$2"; }

for variable in DATUMS FILE_BYTES OVERHEAD_DATUMS RUNS PARALLELISM COMMAND_TIMEOUT; do
  [[ "${!variable}" =~ ^[0-9]+$ ]] && [ "${!variable}" -gt 0 ] \
    || fail "BENCH_${variable} must be a positive whole number, not '${!variable}'"
done
command -v make >/dev/null 2>&1 || fail "make is not installed (apt-get install make)"
limited() { timeout "$COMMAND_TIMEOUT" "$@"; }
tusk_quiet() { limited "$TUSK" "$@" >>"$LOG" 2>&1 || { tail -n 30 "$LOG" >&2; fail "tusk $* failed"; }; }

# --- data --------------------------------------------------------------------------------------
# N+1 files from a fixed seed: the first N are the pipeline's input, the last one is added later.
say "preparing $((DATUMS + 1)) files of ${FILE_BYTES} bytes and ${OVERHEAD_DATUMS} empty files"
GENERATED="$SCRATCH/generated"
python3 "$ROOT/bench/make_tree.py" "$GENERATED" "$((DATUMS + 1))" 1 "$FILE_BYTES"
INPUTS="$SCRATCH/inputs"
mkdir -p "$INPUTS"
find "$GENERATED" -type f -name '*.bin' -print0 | sort -z | head -z -n "$DATUMS" | xargs -0 mv -t "$INPUTS"
EXTRA="$(find "$GENERATED" -type f -name '*.bin' | head -n 1)"
[ -n "$EXTRA" ] || fail "the generator left no extra file"
EXTRA_NAME="$(basename "$EXTRA")"
[ "$(find "$INPUTS" -type f | wc -l)" -eq "$DATUMS" ] || fail "expected $DATUMS input files in $INPUTS"
# `put file` with several sources and a destination directory puts each under its base name,
# so the repo root holds one file per datum and glob /* gives N datums.
find "$INPUTS" -type f | sort >"$SCRATCH/inputs.list"

OVERHEAD_INPUTS="$SCRATCH/overhead-inputs"
mkdir -p "$OVERHEAD_INPUTS"
for number in $(seq 1 "$OVERHEAD_DATUMS"); do : >"$OVERHEAD_INPUTS/t$number"; done
find "$OVERHEAD_INPUTS" -type f | sort >"$SCRATCH/overhead.list"

cat >"$SCRATCH/upper.json" <<SPEC
{
  "pipeline": {"name": "upper"},
  "description": "tr a-z A-Z over every file, one datum per file",
  "parallelism_spec": {"constant": $PARALLELISM},
  "transform": {"cmd": ["sh", "-c", "tr a-z A-Z < \"\$images\" > \"/pfs/out/\${images##*/}\""]},
  "input": {"pfs": {"repo": "images", "glob": "/*"}}
}
SPEC
cat >"$SCRATCH/noop.json" <<SPEC
{
  "pipeline": {"name": "noop"},
  "description": "datum overhead: every datum runs true",
  "parallelism_spec": {"constant": $PARALLELISM},
  "transform": {"cmd": ["true"]},
  "input": {"pfs": {"repo": "empties", "glob": "/*"}}
}
SPEC

# One explicit rule per input file, plus an `all` target naming every output.
write_makefile() {
  local input_dir="$1" output_dir="$2" makefile="$3" path name
  {
    printf 'all:'
    for path in "$input_dir"/*; do printf ' %s/%s' "$output_dir" "${path##*/}"; done
    printf '\n\n'
    for path in "$input_dir"/*; do
      name="${path##*/}"
      printf '%s/%s: %s\n\ttr a-z A-Z < %s > %s/%s\n' "$output_dir" "$name" "$path" "$path" "$output_dir" "$name"
    done
  } >"$makefile"
}

write_overhead_makefile() {
  local makefile="$1" number
  {
    printf '.PHONY: all'
    for number in $(seq 1 "$OVERHEAD_DATUMS"); do printf ' t%d' "$number"; done
    printf '\nall:'
    for number in $(seq 1 "$OVERHEAD_DATUMS"); do printf ' t%d' "$number"; done
    printf '\n'
    for number in $(seq 1 "$OVERHEAD_DATUMS"); do printf 't%d:\n\ttrue\n' "$number"; done
  } >"$makefile"
}

# --- the timed steps -----------------------------------------------------------------------------
tusk_create_and_wait() {
  limited "$TUSK" create pipeline -f "$1" && limited "$TUSK" wait commit "$2@master"
}
tusk_put_one_and_wait() {
  limited "$TUSK" put file "images@master:/$EXTRA_NAME" -f "$EXTRA" && limited "$TUSK" wait commit upper@master
}
make_run() { limited make -j"$PARALLELISM" -f "$1"; }

# The newest job of a pipeline, as "state processed skipped total".
newest_job() {
  limited "$TUSK" list job -p "$1" --raw | python3 -c '
import json, sys
jobs = [json.loads(line) for line in sys.stdin if line.strip()]
if not jobs:
    print("none 0 0 0")
else:
    job = max(jobs, key=lambda job: job.get("created", ""))
    print(job.get("state", "?"), job.get("data_processed", 0), job.get("data_skipped", 0), job.get("data_total", 0))
'
}

expect_job() {
  local pipeline="$1" processed="$2" skipped="$3" state got_processed got_skipped total
  read -r state got_processed got_skipped total < <(newest_job "$pipeline")
  if [ "$state" != "JOB_SUCCESS" ] || [ "$got_processed" != "$processed" ] || [ "$got_skipped" != "$skipped" ]; then
    limited "$TUSK" list job -p "$pipeline" >&2 || true
    fail "$pipeline: newest job is $state with $got_processed processed, $got_skipped skipped of $total; expected JOB_SUCCESS with $processed processed, $skipped skipped"
  fi
  echo "$got_processed $got_skipped"
}

# Spot-checks one output against tr on the host.
check_tusk_output() {
  local name="$1" local_input="$2"
  cmp -s <(limited "$TUSK" get file "upper@master:/$name") <(tr a-z A-Z <"$local_input") \
    || fail "upper@master:/$name differs from tr a-z A-Z of its input"
}

MAKE_INPUTS="$SCRATCH/make-inputs"
MAKE_OUTPUTS="$SCRATCH/make-outputs"

# --- (a) + (b) the map, then one added file ------------------------------------------------------
tusk_map=(); make_map=(); tusk_add=(); make_add=(); incremental_counts=()
for run in $(seq 1 "$RUNS"); do
  start_server
  tusk_quiet create repo images
  tusk_quiet put file images@master:/ -i "$SCRATCH/inputs.list"
  tusk_map+=("$(timed tusk_create_and_wait "$SCRATCH/upper.json" upper)")
  expect_job upper "$DATUMS" 0 >/dev/null
  check_tusk_output "$(basename "$(head -n 1 "$SCRATCH/inputs.list")")" "$(head -n 1 "$SCRATCH/inputs.list")"
  tusk_add+=("$(timed tusk_put_one_and_wait)")
  incremental_counts+=("$(expect_job upper 1 "$DATUMS")")
  check_tusk_output "$EXTRA_NAME" "$EXTRA"
  stop_server

  rm -rf "$MAKE_INPUTS" "$MAKE_OUTPUTS"
  cp -r "$INPUTS" "$MAKE_INPUTS"
  mkdir -p "$MAKE_OUTPUTS"
  write_makefile "$MAKE_INPUTS" "$MAKE_OUTPUTS" "$SCRATCH/Makefile"
  make_map+=("$(timed make_run "$SCRATCH/Makefile")")
  [ "$(find "$MAKE_OUTPUTS" -type f | wc -l)" -eq "$DATUMS" ] || fail "make wrote $(find "$MAKE_OUTPUTS" -type f | wc -l) outputs, expected $DATUMS"
  cp "$EXTRA" "$MAKE_INPUTS/"
  write_makefile "$MAKE_INPUTS" "$MAKE_OUTPUTS" "$SCRATCH/Makefile"
  make_add+=("$(timed make_run "$SCRATCH/Makefile")")
  [ "$(find "$MAKE_OUTPUTS" -type f | wc -l)" -eq "$((DATUMS + 1))" ] || fail "make did not bring the outputs up to date"
  rm -rf "$MAKE_INPUTS" "$MAKE_OUTPUTS"
  say "run $run: map tusk ${tusk_map[-1]}s, make ${make_map[-1]}s; one more file tusk ${tusk_add[-1]}s (processed+skipped ${incremental_counts[-1]/ /+}), make ${make_add[-1]}s"
done

# --- (c) datum overhead ------------------------------------------------------------------------
tusk_overhead=(); make_overhead=()
write_overhead_makefile "$SCRATCH/Makefile.overhead"
for run in $(seq 1 "$RUNS"); do
  start_server
  tusk_quiet create repo empties
  tusk_quiet put file empties@master:/ -i "$SCRATCH/overhead.list"
  tusk_overhead+=("$(timed tusk_create_and_wait "$SCRATCH/noop.json" noop)")
  expect_job noop "$OVERHEAD_DATUMS" 0 >/dev/null
  stop_server
  make_overhead+=("$(timed make_run "$SCRATCH/Makefile.overhead")")
  say "overhead run $run: tusk ${tusk_overhead[-1]}s, make ${make_overhead[-1]}s for $OVERHEAD_DATUMS tasks"
done

# --- report ------------------------------------------------------------------------------------
tusk_map_median="$(median "${tusk_map[@]}")"
make_map_median="$(median "${make_map[@]}")"
tusk_add_median="$(median "${tusk_add[@]}")"
make_add_median="$(median "${make_add[@]}")"
tusk_overhead_median="$(median "${tusk_overhead[@]}")"
make_overhead_median="$(median "${make_overhead[@]}")"

echo
echo "file system: $FILESYSTEM_NOTE"
echo "runs per workload: $RUNS (alternating Tusk and make); parallelism $PARALLELISM (make -j$PARALLELISM); times in seconds; ratio = tusk / make (below 1 is better for Tusk)"
echo "runs (a) tusk: ${tusk_map[*]} | make: ${make_map[*]}"
echo "runs (b) tusk: ${tusk_add[*]} | make: ${make_add[*]}"
echo "runs (c) tusk: ${tusk_overhead[*]} | make: ${make_overhead[*]}"
echo "jobs after adding one file, processed skipped per run: $(IFS=,; echo "${incremental_counts[*]}") (expected 1 $DATUMS)"
echo "datum overhead per task: tusk $(milliseconds_each "$tusk_overhead_median" "$OVERHEAD_DATUMS") ms, make $(milliseconds_each "$make_overhead_median" "$OVERHEAD_DATUMS") ms"
echo
printf '%-44s %12s %16s %7s\n' workload tusk_median baseline_median ratio
printf '%-44s %12s %16s %7s\n' "pipeline_${DATUMS}_datums_tr_vs_make_j${PARALLELISM}" "$tusk_map_median" "$make_map_median" "$(ratio "$tusk_map_median" "$make_map_median")"
printf '%-44s %12s %16s %7s\n' "add_1_file_put_to_output_vs_make_j${PARALLELISM}" "$tusk_add_median" "$make_add_median" "$(ratio "$tusk_add_median" "$make_add_median")"
printf '%-44s %12s %16s %7s\n' "datum_overhead_${OVERHEAD_DATUMS}_true_vs_make_j${PARALLELISM}" "$tusk_overhead_median" "$make_overhead_median" "$(ratio "$tusk_overhead_median" "$make_overhead_median")"

record pipeline_map "${DATUMS}-datum tr pipeline vs make -j${PARALLELISM}" s "$tusk_map_median" "$make_map_median" "ratio<=2.0"
record pipeline_add "add 1 file: put to output commit (make -j${PARALLELISM} catching up)" s "$tusk_add_median" "$make_add_median" "tusk<0.5"
record pipeline_overhead "${OVERHEAD_DATUMS} datums of true vs make -j${PARALLELISM}" s "$tusk_overhead_median" "$make_overhead_median" "ratio<=5.0"
