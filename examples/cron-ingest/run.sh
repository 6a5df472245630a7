#!/usr/bin/env bash
# Cron ingest: three cron pipelines run sensor.py, which writes one (fake, reproducible) sensor
# reading per tick file. `readings` ticks "@every 2s" and its cron repo readings_tick keeps every
# tick; `latest` ticks "@every 2s" with "overwrite": true, so latest_tick keeps only the newest;
# `ondemand` ticks "@every 1h" and is triggered by hand with `tusk run cron`. After at least 3
# ticks (polled with a 30 s deadline) it stops the two ticking pipelines and checks: the files
# of every commit of each cron repo (all ticks so far vs only the newest), one job per tick
# commit with its datum counts (accumulating: 1 processed + k-1 skipped; overwrite: 1 + 0), the
# readings in the outputs; that each `run cron` adds exactly one tick and one job; that stopped
# pipelines start no more jobs and their cron repos get no more ticks; and, last, that tick
# files are named like Pachyderm's (RFC 3339, whole seconds) and exactly 2 s apart.
EXAMPLE=cron-ingest
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
require_python pachyderm_sdk

start_tusk

# --- helpers of this example ---------------------------------------------------------------
count_lines() { awk 'NR > 1' | wc -l | tr -d ' '; } # rows of a CLI table (without its header)
done_ticks() { # PIPELINE: successful jobs that processed a tick
  job_counts "$1" | awk '$4 > 0 && $5 == "success"' | wc -l | tr -d ' '
}
tick_commits() { tusk list commit "$1_tick@master" --all | count_lines; } # PIPELINE
job_total() { job_counts "$1" | wc -l | tr -d ' '; } # PIPELINE
check_history() { # PIPELINE accumulate|overwrite MIN_TICKS
  python3 "$EXAMPLE_DIR/check_cron.py" history "$1" "$2" "$3" >&2 \
    || fail "cron pipeline $1 ($2): tick repo, jobs or output wrong (see above)"
}

# --- 1. two ticking pipelines -----------------------------------------------------------------
step "create pipelines readings (@every 2s) and latest (@every 2s, overwrite)"
render_spec "$EXAMPLE_DIR/readings.json" | tusk create pipeline -f -
render_spec "$EXAMPLE_DIR/latest.json" | tusk create pipeline -f -
repos="$(tusk list repo --raw | python3 -c 'import json, sys; print(" ".join(sorted(json.loads(l)["repo"]["name"] for l in sys.stdin)))')"
expect_eq "$repos" "latest latest_tick readings readings_tick" "repos (each cron input gets <pipeline>_<input name>)"

step "waiting for 3 ticks of each (30 s deadline)"
deadline=$((SECONDS + 30))
until [ "$(done_ticks readings)" -ge 3 ] && [ "$(done_ticks latest)" -ge 3 ]; do
  [ "$SECONDS" -lt "$deadline" ] || fail "within 30 s: readings ran $(done_ticks readings) tick jobs, latest $(done_ticks latest); expected 3 each"
  sleep 0.5
done
tusk list file readings_tick@master >&2
tusk list file latest_tick@master >&2
expect_eq "$(tusk list file latest_tick@master | count_lines)" 1 "files in latest_tick@master (overwrite keeps the newest tick only)"
[ "$(tusk list file readings_tick@master | count_lines)" -ge 3 ] \
  || fail "readings_tick@master holds $(tusk list file readings_tick@master | count_lines) tick files; without overwrite it keeps all (>= 3)"

# --- 2. run cron by hand -----------------------------------------------------------------------
step "create pipeline ondemand (@every 1h) and trigger it twice with run cron"
render_spec "$EXAMPLE_DIR/ondemand.json" | tusk create pipeline -f -
tusk wait commit ondemand@master >/dev/null
expect_eq "$(tusk list file ondemand_tick@master | count_lines)" 0 "ticks in ondemand_tick@master before run cron"
for run in 1 2; do
  before="$(job_total ondemand)"
  tusk run cron ondemand
  tusk wait commit ondemand@master >/dev/null
  expect_eq "$(job_total ondemand)" "$((before + 1))" "jobs of ondemand after run cron #$run (exactly one more)"
  expect_eq "$(tusk list file ondemand_tick@master | count_lines)" "$run" "ticks in ondemand_tick@master after run cron #$run"
  expect_eq "$(tusk list file ondemand@master | count_lines)" "$run" "readings in ondemand@master after run cron #$run"
done
expect_jobs ondemand "0 0 0 0 success" "1 0 0 1 success" "1 1 0 2 success"
check_history ondemand accumulate 2

# --- 3. stop the ticking pipelines ----------------------------------------------------------
step "stop pipeline readings and latest (each right after its newest job finished)"
for pipeline in readings latest; do
  tusk wait commit "$pipeline@master" >/dev/null
  tusk stop pipeline "$pipeline"
  expect_eq "$(tusk inspect pipeline "$pipeline" --raw | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["state"], d.get("stopped", False))')" \
    "PIPELINE_PAUSED True" "state of $pipeline after stop pipeline"
done
sleep 1 # let a job that had started as the pipeline stopped be recorded before taking stock
snapshot() { echo "$(job_total readings) $(tick_commits readings) $(job_total latest) $(tick_commits latest)"; }
stock="$(snapshot)"
step "stopped: jobs/tick commits = $stock (readings jobs, readings_tick commits, latest jobs, latest_tick commits); watching 5 s (2+ tick intervals)"
until_time=$((SECONDS + 5))
while [ "$SECONDS" -lt "$until_time" ]; do
  now="$(snapshot)"
  [ "$now" = "$stock" ] || fail "after stop pipeline, jobs/tick commits went from '$stock' to '$now' (readings jobs, readings_tick commits, latest jobs, latest_tick commits)"
  sleep 1
done

# --- 4. the whole history, now that it no longer moves --------------------------------------
step "readings: every tick kept, one job per tick (1 processed, the earlier ticks skipped)"
check_history readings accumulate 3
step "latest: only the newest tick kept, one job per tick (1 processed, 0 skipped)"
check_history latest overwrite 3

# --- 5. tick names ------------------------------------------------------------------------------
step "tick files are named by RFC 3339 time in whole seconds, as Pachyderm's cron names them, 2 s apart"
for pipeline in readings:2 latest:2 ondemand; do
  python3 "$EXAMPLE_DIR/check_cron.py" tick-names ${pipeline/:/ } >&2 || fail "tick file names of ${pipeline%:*} (see above)"
done

step "OK: cron ticks accumulate or overwrite, run cron adds one job, stopped pipelines stay stopped"
