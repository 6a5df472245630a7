#!/usr/bin/env bash
# Sets up, builds and runs every test of Tusk: starts a throw-away PostgreSQL server and an S3
# server (moto) for the scale-out tests, runs the Swift unit and integration tests (debug, the
# PostgreSQL and S3 drivers against those servers), then the release binary against the Python
# suites (official pachyderm-sdk client, the CLI, the browser console, the scale-out and
# cross-host tests), then the SDK and CLI suites again on PostgreSQL + S3 with datums on remote
# `tusk worker` processes, then the ten example workflows (examples/run-all). Exits non-zero if
# any step fails. Safe to run repeatedly and from any directory.
#
#   bash scripts/test.sh                 # everything
#   TUSK_PYTEST_ARGS="-k cli" bash scripts/test.sh   # extra arguments for pytest
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '\n==> %s\n' "$*" >&2; }
started=$SECONDS
phase() { say "[$((SECONDS - started))s] $*"; }

phase "setup (tools and Python packages)"
bash "$ROOT/scripts/setup.sh" --no-build

phase "PostgreSQL and S3 (moto) servers for the scale-out tests"
SERVICES="$(mktemp -d "${TMPDIR:-/tmp}/tusk-test-services.XXXXXX")"
chmod 755 "$SERVICES"
stop_services() {
  bash "$ROOT/scripts/services/postgres.sh" stop "$SERVICES/postgres" >/dev/null 2>&1 || true
  bash "$ROOT/scripts/services/s3.sh" stop "$SERVICES/s3" >/dev/null 2>&1 || true
  rm -rf "$SERVICES"
}
trap stop_services EXIT
TUSK_TEST_POSTGRES_URL="$(bash "$ROOT/scripts/services/postgres.sh" start "$SERVICES/postgres")"
TUSK_TEST_S3_ENDPOINT="$(bash "$ROOT/scripts/services/s3.sh" start "$SERVICES/s3")"
export TUSK_TEST_POSTGRES_URL TUSK_TEST_S3_ENDPOINT
echo "PostgreSQL: $TUSK_TEST_POSTGRES_URL  S3: $TUSK_TEST_S3_ENDPOINT" >&2

phase "swift build --build-tests (debug)"
swift build --build-tests

phase "swift test (debug)"
swift test --skip-build

phase "swift build -c release --product tusk"
swift build -c release --product tusk
TUSK_BIN="$(swift build -c release --show-bin-path)/tusk"
export TUSK_BIN
if [ ! -x "$TUSK_BIN" ]; then
  echo "test.sh: the release build did not produce $TUSK_BIN" >&2
  exit 1
fi

phase "python3 -m pytest -q tests/ (TUSK_BIN=$TUSK_BIN)"
status=0
# shellcheck disable=SC2086  # TUSK_PYTEST_ARGS is a list of words on purpose
python3 -m pytest -q tests/ ${TUSK_PYTEST_ARGS:-} || status=$?
if [ "$status" -eq 5 ]; then
  echo "test.sh: pytest collected no tests; that counts as a failure" >&2
  exit 1
fi
if [ "$status" -ne 0 ]; then
  echo "test.sh: the Python compatibility suite failed (pytest exit status $status)" >&2
  exit "$status"
fi

phase "the SDK and CLI suites on PostgreSQL + S3 with datums on two tusk worker processes"
database="tusk_suite_$(date +%s)_$$"
psql "$TUSK_TEST_POSTGRES_URL" -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE $database"
scaled_url="${TUSK_TEST_POSTGRES_URL/\/postgres?//$database?}"
export AWS_ACCESS_KEY_ID=tusk-test AWS_SECRET_ACCESS_KEY=tusk-test-secret
status=0
TUSK_SERVE_ARGS="--metadata $scaled_url --storage s3://tusk-suite/objects?endpoint=$TUSK_TEST_S3_ENDPOINT --remote-workers --worker-lease-timeout 5s" \
  python3 -m pytest -q -m "not slow" tests/sdk tests/cli || status=$?
if [ "$status" -ne 0 ]; then
  echo "test.sh: the suites failed on PostgreSQL + S3 with remote workers (pytest exit status $status)" >&2
  exit "$status"
fi
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY

phase "examples: the ten seed workflows end to end (examples/run-all)"
if ! bash "$ROOT/examples/run-all"; then
  echo "test.sh: an example failed (see its output above)" >&2
  exit 1
fi

phase "all tests passed"
