#!/usr/bin/env bash
# The Tusk tour: sets up and builds, starts `tusk serve` on a fresh data directory (embedded
# SQLite metadata + local object store), then walks through the versioned file system the way a
# pachctl user would (project, repo, put a picture, a text and a directory, list, get, history)
# and runs a pipeline over that repo: its first job, its output, then one more input file that
# the next job processes alone while it skips the rest, and the pipeline's logs.
#
#   bash scripts/demo.sh                 # start a private daemon, run the tour, stop the daemon
#   bash scripts/demo.sh --keep-running  # leave the daemon running afterwards (prints how to use it)
#   bash scripts/demo.sh --reuse         # use a daemon already listening on localhost:30650
#   TUSK_BIN=/path/to/tusk bash scripts/demo.sh   # use that binary instead of building one
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KEEP_RUNNING=0
REUSE=0
for argument in "$@"; do
  case "$argument" in
    --keep-running) KEEP_RUNNING=1 ;;
    --reuse) REUSE=1 ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "demo.sh: unknown option '$argument' (known: --keep-running, --reuse)" >&2; exit 2 ;;
  esac
done

if [ -t 1 ]; then BOLD=$'\033[1m'; CYAN=$'\033[36m'; PLAIN=$'\033[0m'; else BOLD=""; CYAN=""; PLAIN=""; fi
say() { printf '\n%s==> %s%s\n' "$BOLD" "$*" "$PLAIN"; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

if [ -n "${TUSK_BIN:-}" ]; then
  say "setup: tools and Python packages (using TUSK_BIN=$TUSK_BIN, no build)"
  bash "$ROOT/scripts/setup.sh" --no-build
  TUSK="$TUSK_BIN"
else
  say "setup: tools, Python packages and the release build"
  bash "$ROOT/scripts/setup.sh"
  TUSK="$(cd "$ROOT" && swift build -c release --show-bin-path)/tusk"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tusk-demo.XXXXXX")"
# The tour writes its client configuration here, never into your ~/.pachyderm.
export PACH_CONFIG="$WORK/config.json"
SERVER_PID=""
PROJECT="demo"

cleanup() {
  local status=$?
  if [ "$status" -ne 0 ] && [ -f "$WORK/serve.log" ]; then
    echo "--- last lines of the server log ($WORK/serve.log) ---" >&2
    tail -n 40 "$WORK/serve.log" >&2 || true
  fi
  if [ "$KEEP_RUNNING" -eq 0 ]; then
    if [ -n "$SERVER_PID" ]; then
      kill "$SERVER_PID" 2>/dev/null || true
      wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
  fi
  exit "$status"
}
trap cleanup EXIT

if [ "$REUSE" -eq 1 ]; then
  if ! port_open 30650; then
    echo "demo.sh: --reuse given but nothing listens on localhost:30650; start 'tusk serve' first or drop --reuse" >&2
    exit 1
  fi
  export PACHD_ADDRESS="localhost:30650"
  PROJECT="demo-$(date +%Y%m%d%H%M%S)"
  say "reusing the daemon on $PACHD_ADDRESS (project $PROJECT)"
else
  GRPC_PORT=30650
  HTTP_PORT=30080
  if port_open "$GRPC_PORT"; then GRPC_PORT="$(free_port)"; fi
  if port_open "$HTTP_PORT"; then HTTP_PORT="$(free_port)"; fi
  DATA_DIR="$WORK/data"
  say "starting: tusk serve --data-dir $DATA_DIR --port $GRPC_PORT --http-port $HTTP_PORT"
  "$TUSK" serve --data-dir "$DATA_DIR" --port "$GRPC_PORT" --http-port "$HTTP_PORT" >"$WORK/serve.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    if port_open "$GRPC_PORT"; then break; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "demo.sh: tusk serve exited during startup" >&2
      exit 1
    fi
    sleep 0.1
  done
  if ! port_open "$GRPC_PORT"; then
    echo "demo.sh: tusk serve did not accept connections on port $GRPC_PORT within 60 s" >&2
    exit 1
  fi
  export PACHD_ADDRESS="localhost:$GRPC_PORT"
  if command -v curl >/dev/null 2>&1; then
    printf 'healthz: %s\n' "$(curl -fsS "http://localhost:$HTTP_PORT/healthz" 2>&1 || echo unavailable)"
  fi
fi

# Every step prints the command, then what it answered.
step() {
  printf '\n%s$ tusk %s%s\n' "$CYAN" "$*" "$PLAIN"
  "$TUSK" "$@"
}

cd "$WORK"
python3 - <<'PYTHON'
import struct, zlib
def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
width, height = 64, 64
rows = b"".join(b"\x00" + bytes(v for x in range(width) for v in (x * 4, y * 4, 160)) for y in range(height))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
open("liberty.png", "wb").write(png)
import os
os.makedirs("photos/2024", exist_ok=True)
for name, text in (("photos/README.txt", "holiday pictures\n"), ("photos/2024/beach.txt", "sand\n"), ("photos/2024/hills.txt", "green\n")):
    open(name, "w").write(text)
PYTHON

say "a project, chosen as the default for the following commands"
step create project "$PROJECT" --description "the Tusk tour"
step config update context --project "$PROJECT"

say "a repo, and three commits: a picture, text from stdin, a directory"
step create repo images --description "pictures and notes"
step put file images@master:/liberty.png -f liberty.png
printf '\n%s$ echo "Tusk keeps every version" | tusk put file images@master:/notes/hello.txt%s\n' "$CYAN" "$PLAIN"
echo "Tusk keeps every version" | "$TUSK" put file images@master:/notes/hello.txt
step put file -r images@master:/photos -f photos

say "what is in the repo now"
step list repo
step list file images@master
step list file images@master:/photos

say "reading back"
step get file images@master:/liberty.png -o liberty-copy.png
if cmp -s liberty.png liberty-copy.png; then
  echo "liberty-copy.png is byte-identical to liberty.png ($(wc -c <liberty.png) bytes)"
else
  echo "demo.sh: the file read back differs from the one put" >&2
  exit 1
fi
step get file images@master:/notes/hello.txt

say "history: every put made a commit"
step list commit images@master
step inspect commit 'images@master^1'
printf '\n%s$ tusk list file images@master^1%s   (the repo as it was one commit ago)\n' "$CYAN" "$PLAIN"
"$TUSK" list file 'images@master^1'

# --- pipelines -------------------------------------------------------------------------------
# One datum per top-level entry of images (glob /*); each datum writes /pfs/out/<entry>.txt with
# the size of every file below that entry. The script is given as stdin lines, as in Pachyderm.
# The spec names the tour's project: `create pipeline` sends the file as it is, and a pipeline
# without a project lands in "default".
cat >sizes.json <<'SPEC'
{
  "pipeline": {"name": "sizes", "project": "@PROJECT@"},
  "description": "bytes of every file, one summary per top-level entry of images",
  "transform": {
    "cmd": ["sh"],
    "stdin": [
      "name=$(basename \"$images\")",
      "find \"$images\" -type f | sort | while read -r file; do",
      "  printf '%8d bytes  %s\\n' \"$(wc -c < \"$file\")\" \"${file#/pfs/images}\"",
      "done > \"/pfs/out/$name.txt\"",
      "echo \"summarised ${images#/pfs/images} (datum $PACH_DATUM_ID)\""
    ]
  },
  "input": {"pfs": {"repo": "images", "glob": "/*"}}
}
SPEC
sed -i "s/@PROJECT@/$PROJECT/" sizes.json

# Prints "state processed skipped total id" of the newest job of a pipeline.
newest_job() {
  "$TUSK" list job -p "$1" --raw | python3 -c '
import json, sys
jobs = [json.loads(line) for line in sys.stdin if line.strip()]
if not jobs:
    sys.exit("demo.sh: the pipeline has no job")
job = max(jobs, key=lambda job: job.get("created", ""))
print(job.get("state", "?"), job.get("data_processed", 0), job.get("data_skipped", 0),
      job.get("data_total", 0), job["job"]["id"])
'
}

say "a pipeline: one datum per top-level entry of images, each writes a size summary to /pfs/out"
printf '\n%s$ cat sizes.json%s\n' "$CYAN" "$PLAIN"
cat sizes.json
step create pipeline -f sizes.json
step wait commit sizes@master
step list pipeline
step list job

say "its output: one file per datum in the output repo 'sizes'"
step list file sizes@master
step get file sizes@master:/photos.txt

read -r STATE PROCESSED SKIPPED TOTAL FIRST_JOB < <(newest_job sizes)
if [ "$STATE" != "JOB_SUCCESS" ] || [ "$PROCESSED" != "$TOTAL" ]; then
  echo "demo.sh: the first job of 'sizes' ended $STATE with $PROCESSED of $TOTAL datums processed" >&2
  exit 1
fi

say "one more input file: the next job processes that datum and skips the $TOTAL it has already seen"
printf '\n%s$ echo "a kitten, curled up" | tusk put file images@master:/kitten.txt%s\n' "$CYAN" "$PLAIN"
echo "a kitten, curled up" | "$TUSK" put file images@master:/kitten.txt
step wait commit sizes@master
step list job -p sizes
read -r STATE PROCESSED SKIPPED TOTAL SECOND_JOB < <(newest_job sizes)
if [ "$STATE" != "JOB_SUCCESS" ] || [ "$PROCESSED" != "1" ] || [ "$SKIPPED" != "$((TOTAL - 1))" ]; then
  echo "demo.sh: the second job of 'sizes' ended $STATE with $PROCESSED processed and $SKIPPED skipped of $TOTAL; expected 1 processed and $((TOTAL - 1)) skipped" >&2
  exit 1
fi
echo "job $SECOND_JOB: $PROCESSED datum processed, $SKIPPED skipped (their outputs reused from job $FIRST_JOB)"
step list datum "sizes@$SECOND_JOB"
step get file sizes@master:/kitten.txt.txt

say "what the user code printed, kept by the daemon"
step logs --pipeline sizes

say "done"
cat <<SUMMARY
The tour created project '$PROJECT', made it the default in $PACH_CONFIG, created repo 'images',
made three commits (a PNG picture, a text file from stdin, a directory of three files), listed
and read them back byte-identical, and walked the commit history with master^1. Then pipeline
'sizes' summarised every top-level entry of images into its output repo; after one more input
file, its second job processed 1 datum and skipped $SKIPPED.
SUMMARY
if [ -n "$SERVER_PID" ] && [ "$KEEP_RUNNING" -eq 1 ]; then
  cat <<RUNNING

The daemon keeps running (pid $SERVER_PID, data in $WORK/data, log in $WORK/serve.log).
Use it with:
  export PACHD_ADDRESS=$PACHD_ADDRESS PACH_CONFIG=$PACH_CONFIG
  $TUSK list file images@master
Stop it with: kill $SERVER_PID
RUNNING
elif [ -n "$SERVER_PID" ]; then
  echo "Stopping the daemon and removing $WORK."
fi
