#!/usr/bin/env bash
# Sets up, builds and runs every test of Tusk: the Swift unit and integration tests (debug), then
# the release binary against the Python compatibility suite (official pachyderm-sdk client and the
# CLI), then the ten example workflows (examples/run-all). Exits non-zero if any step fails. Safe to run repeatedly and from any directory.
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

phase "examples: the ten seed workflows end to end (examples/run-all)"
if ! bash "$ROOT/examples/run-all"; then
  echo "test.sh: an example failed (see its output above)" >&2
  exit 1
fi

phase "all tests passed"
