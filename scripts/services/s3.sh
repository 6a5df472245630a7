#!/usr/bin/env bash
# Starts or stops a moto S3-compatible server for scripts and tests, with its state in DIR.
#
#   bash scripts/services/s3.sh start DIR   # prints the endpoint, e.g. http://127.0.0.1:41234
#   bash scripts/services/s3.sh stop DIR
#
# It listens on 127.0.0.1, or on $TUSK_SERVICE_HOST when set (the cross-host test's bridge).
# moto accepts any credentials; tests use AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test.
# Point the Swift tests at it with TUSK_TEST_S3_ENDPOINT=<endpoint>. DIR holds moto.pid,
# moto.log and endpoint; starting twice with the same DIR prints the running server's endpoint.
set -euo pipefail

usage() {
  echo "usage: $0 start DIR | stop DIR" >&2
  exit 2
}
[ $# -eq 2 ] || usage
command=$1
dir=$2

running() {
  [ -f "$dir/moto.pid" ] && kill -0 "$(cat "$dir/moto.pid")" 2>/dev/null
}

case "$command" in
  start)
    mkdir -p "$dir"
    if running && [ -f "$dir/endpoint" ]; then
      cat "$dir/endpoint"
      exit 0
    fi
    if ! python3 -c 'import moto.server, flask, flask_cors' 2>/dev/null; then
      echo "s3.sh: the moto S3 server is not installed for python3; run: pip install 'moto[server]'" >&2
      exit 1
    fi
    host="${TUSK_SERVICE_HOST:-127.0.0.1}"
    port=$(python3 -c 'import socket, sys; s = socket.socket(); s.bind((sys.argv[1], 0)); print(s.getsockname()[1]); s.close()' "$host")
    nohup python3 -m moto.server -H "$host" -p "$port" >"$dir/moto.log" 2>&1 </dev/null &
    echo $! >"$dir/moto.pid"
    for _ in $(seq 1 600); do
      if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
        echo "http://$host:$port" | tee "$dir/endpoint"
        exit 0
      fi
      if ! running; then
        echo "s3.sh: moto exited before listening; its log:" >&2
        tail -n 40 "$dir/moto.log" >&2
        rm -f "$dir/moto.pid"
        exit 1
      fi
      sleep 0.1
    done
    echo "s3.sh: moto did not listen on $host:$port within 60 s; see $dir/moto.log" >&2
    kill "$(cat "$dir/moto.pid")" 2>/dev/null || true
    rm -f "$dir/moto.pid"
    exit 1
    ;;
  stop)
    if running; then
      pid=$(cat "$dir/moto.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/moto.pid" "$dir/endpoint"
    ;;
  *)
    usage
    ;;
esac
