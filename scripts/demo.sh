#!/usr/bin/env bash
# The Tusk tour: sets up and builds, starts `tusk serve` on a fresh data directory (embedded
# SQLite metadata + local object store), then walks through the versioned file system the way a
# pachctl user would: project, repo, put a picture, a text and a directory, list, get, history.
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

say "done"
cat <<SUMMARY
The tour created project '$PROJECT', made it the default in $PACH_CONFIG, created repo 'images',
made three commits (a PNG picture, a text file from stdin, a directory of three files), listed
and read them back byte-identical, and walked the commit history with master^1.
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
