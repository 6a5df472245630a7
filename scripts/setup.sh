#!/usr/bin/env bash
# Installs what building and testing Tusk needs (only what is missing), then builds the release
# binary. Safe to run repeatedly and from any directory.
#
#   bash scripts/setup.sh              # install missing tools, then build .build/release/tusk
#   bash scripts/setup.sh --no-build   # install missing tools only
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD=1
for argument in "$@"; do
  case "$argument" in
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "setup.sh: unknown option '$argument' (known: --no-build)" >&2; exit 2 ;;
  esac
done

say() { printf '==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "setup.sh: need root to run: $*" >&2; return 1
  fi
}

# --- system packages (Debian/Ubuntu) -------------------------------------------------------
package_missing() {
  local package="$1"
  case "$package" in
    protobuf-compiler) command -v protoc >/dev/null 2>&1 && return 1 ;;
    sqlite3) command -v sqlite3 >/dev/null 2>&1 && return 1 ;;
    git) command -v git >/dev/null 2>&1 && return 1 ;;
    python3-pip) python3 -m pip --version >/dev/null 2>&1 && return 1 ;;
    ffmpeg) command -v ffmpeg >/dev/null 2>&1 && return 1 ;;
    chromium) command -v chromium >/dev/null 2>&1 && return 1 ;;
    chromium-driver) command -v chromedriver >/dev/null 2>&1 && return 1 ;;
    postgresql)
      command -v initdb >/dev/null 2>&1 && return 1
      compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && return 1 ;;
    postgresql-client) command -v psql >/dev/null 2>&1 && return 1 ;;
    iproute2) command -v ip >/dev/null 2>&1 && return 1 ;;
    make) command -v make >/dev/null 2>&1 && return 1 ;;
  esac
  ! dpkg -s "$package" >/dev/null 2>&1
}

missing=()
if command -v dpkg >/dev/null 2>&1; then
  # The examples need ffmpeg; the console suite needs Chromium and its WebDriver; the scale-out
  # tests need a PostgreSQL server and psql, and iproute2 for the cross-host namespaces.
  for package in protobuf-compiler sqlite3 libsqlite3-dev git python3-pip \
                 ffmpeg chromium chromium-driver postgresql postgresql-client iproute2 make; do
    if package_missing "$package"; then missing+=("$package"); fi
  done
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  else
    say "missing ${missing[*]} and no apt-get here; install them with your package manager"
  fi
else
  say "system packages present"
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "setup.sh: the Swift toolchain (6.x) is not on PATH; install it from https://swift.org/install and retry" >&2
  exit 1
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "setup.sh: python3 is not on PATH; install python3 (3.9 or newer) and retry" >&2
  exit 1
fi

# --- Python packages for the compatibility suite -------------------------------------------
if ! python3 -m pip --version >/dev/null 2>&1; then
  say "python3 has no pip; bootstrapping it with ensurepip"
  python3 -m ensurepip --upgrade >/dev/null 2>&1 || true
fi
if python3 -c 'import pachyderm_sdk, pytest, selenium' >/dev/null 2>&1; then
  say "pachyderm-sdk, pytest and selenium present"
else
  say "installing pachyderm-sdk, pytest and selenium"
  python3 -m pip install --quiet "pachyderm-sdk==2.12.2" pytest selenium \
    || python3 -m pip install --quiet --user --break-system-packages "pachyderm-sdk==2.12.2" pytest selenium
fi

# The examples' transforms use OpenCV, numpy and scikit-learn from the python3 on PATH (which
# may not be Debian's, so the wheels come from pip rather than python3-opencv).
if python3 -c 'import cv2, numpy, sklearn' >/dev/null 2>&1; then
  say "OpenCV, numpy and scikit-learn present"
else
  say "installing opencv-python-headless, numpy and scikit-learn"
  python3 -m pip install --quiet opencv-python-headless numpy scikit-learn \
    || python3 -m pip install --quiet --user --break-system-packages opencv-python-headless numpy scikit-learn
fi

# The scale-out tests run an S3-compatible server (moto) and validate Kubernetes manifests
# offline (kubernetes-validate against bundled schemas; helm-python-sdk renders and lints the
# Helm chart without a helm binary).
if python3 -c 'import moto.server, flask, flask_cors, kubernetes_validate, helm_python' >/dev/null 2>&1; then
  say "moto[server], kubernetes-validate and helm-python-sdk present"
else
  say "installing moto[server], kubernetes-validate and helm-python-sdk"
  scaleout_packages=("moto[server]" "kubernetes-validate==1.37.0" "helm-python-sdk==0.2.2")
  python3 -m pip install --quiet "${scaleout_packages[@]}" \
    || python3 -m pip install --quiet --user --break-system-packages "${scaleout_packages[@]}"
fi

# --- build -----------------------------------------------------------------------------------
if [ "$BUILD" -eq 1 ]; then
  say "swift build -c release --product tusk"
  (cd "$ROOT" && swift build -c release --product tusk)
  say "built $(cd "$ROOT" && swift build -c release --show-bin-path)/tusk"
fi
