# Shared by every example's run.sh (sourced, not run). Before sourcing, a script sets
#   EXAMPLE (its name, for messages).
# It provides:
#   ROOT, EXAMPLE_DIR         the repository root and the example's own directory
#   TUSK / tusk ...           the binary ($TUSK_BIN, else the release build) and a wrapper
#   WORK                      a private scratch directory, removed on exit
#   start_tusk                a fresh `tusk serve` on free ports with its own data directory;
#                             exports PACHD_ADDRESS and PACH_CONFIG so `tusk` verbs reach it
#   render_spec FILE          prints a spec with @EXAMPLE_DIR@ replaced by the example's path
#                             (embedded transforms run on this host, so code is found there)
#   step / fail / expect_eq / expect_file_eq / expect_contains
#   download_outputs DIR PIPELINE...  downloads each PIPELINE@master into DIR/PIPELINE (DIR emptied first)
#   job_counts PIPELINE       one line per job of PIPELINE, oldest first: "processed skipped failed total state"
#   expect_jobs PIPELINE LINE...  asserts job_counts equals the given lines
#   require_python MODULE...  fails with an install hint when a Python module is missing
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXAMPLE_DIR="$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)"
: "${EXAMPLE:=$(basename "$EXAMPLE_DIR")}"

step() { printf '\n[%s] ==> %s\n' "$EXAMPLE" "$*" >&2; }
fail() { printf '\n[%s] FAILED: %s\n' "$EXAMPLE" "$*" >&2; exit 1; }

# --- the binary ------------------------------------------------------------------------------
if [ -n "${TUSK_BIN:-}" ]; then
  TUSK="$TUSK_BIN"
else
  step "swift build -c release --product tusk (no-op when up to date)"
  (cd "$ROOT" && swift build -c release --product tusk) >&2
  TUSK="$(cd "$ROOT" && swift build -c release --show-bin-path)/tusk"
fi
[ -x "$TUSK" ] || fail "no tusk binary at $TUSK (set TUSK_BIN or run scripts/setup.sh)"
tusk() { "$TUSK" "$@"; }

# --- scratch and daemon ----------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/tusk-example-$EXAMPLE.XXXXXX")"
SERVER_PID=""
export PACH_CONFIG="$WORK/config.json"

cleanup() {
  local status=$?
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -f "$WORK/serve.log" ]; then
    echo "--- last lines of the server log ---" >&2
    tail -n 30 "$WORK/serve.log" >&2 || true
  fi
  if [ "${KEEP_WORK:-0}" = 1 ]; then echo "[$EXAMPLE] kept $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_tusk() {
  local grpc_port http_port
  grpc_port="$(free_port)"
  http_port="$(free_port)"
  "$TUSK" serve --data-dir "$WORK/data" --port "$grpc_port" --http-port "$http_port" >"$WORK/serve.log" 2>&1 &
  SERVER_PID=$!
  export PACHD_ADDRESS="localhost:$grpc_port"
  export TUSK_HTTP_PORT="$http_port"
  local tries=0
  until port_open "$grpc_port"; do
    tries=$((tries + 1))
    kill -0 "$SERVER_PID" 2>/dev/null || fail "tusk serve exited at start (see log above)"
    [ "$tries" -lt 300 ] || fail "tusk serve did not listen on $grpc_port within 30 s"
    sleep 0.1
  done
  step "tusk serve on $PACHD_ADDRESS (data in $WORK/data)"
}

render_spec() { sed "s#@EXAMPLE_DIR@#$EXAMPLE_DIR#g" "$1"; }

# --- checks ----------------------------------------------------------------------------------
expect_eq() { # ACTUAL EXPECTED WHAT
  [ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"
}
expect_file_eq() { # REPO@COMMIT:/PATH EXPECTED-CONTENT
  local actual
  actual="$("$TUSK" get file "$1")" || fail "could not read $1"
  [ "$actual" = "$2" ] || fail "$1: expected content
$2
got
$actual"
}
expect_contains() { # HAYSTACK NEEDLE WHAT
  case "$1" in *"$2"*) ;; *) fail "$3: '$2' not found in: $1" ;; esac
}

download_outputs() { # DIR PIPELINE...
  local directory="$1" pipeline
  shift
  rm -rf "$directory" && mkdir -p "$directory"
  for pipeline in "$@"; do
    "$TUSK" get file -r "$pipeline@master:/" -o "$directory/$pipeline" || fail "could not download $pipeline@master"
  done
}

job_counts() { # PIPELINE
  "$TUSK" list job --pipeline "$1" --raw | python3 -c '
import json, sys
jobs = [json.loads(line) for line in sys.stdin if line.strip()]
jobs.sort(key=lambda j: j.get("created", ""))
for j in jobs:
    n = lambda key: int(j.get(key, 0))
    state = j.get("state", "").replace("JOB_", "").lower()
    print(n("data_processed"), n("data_skipped"), n("data_failed"), n("data_total"), state)
'
}
expect_jobs() { # PIPELINE "processed skipped failed total state"...
  local pipeline="$1"; shift
  local expected actual
  expected="$(printf '%s\n' "$@")"
  actual="$(job_counts "$pipeline")"
  [ "$actual" = "$expected" ] || fail "jobs of $pipeline (processed skipped failed total state), oldest first: expected
$expected
got
$actual"
  step "jobs of $pipeline as expected: $(echo "$actual" | paste -sd ';' -)"
}

require_python() {
  local module
  for module in "$@"; do
    python3 -c "import $module" 2>/dev/null \
      || fail "python3 module '$module' is missing; run 'bash scripts/setup.sh --no-build' (installs the examples' packages)"
  done
}
