#!/usr/bin/env bash
# Renders `tusk deploy kubernetes` in its main variants (defaults, in-cluster PostgreSQL on a
# NodePort, external PostgreSQL with existing secrets, ingress with TLS, GPU and standby pipeline
# workers, JSON output) and the Helm chart, and validates every object offline:
#   - kubernetes-validate (strict: unknown fields fail) against the Kubernetes 1.30 schemas;
#   - `kubectl label --local` (kubectl parses every document without a cluster; `kubectl apply
#     --dry-run=client` and `kubectl create --dry-run=client` need API discovery, so a server);
#   - the chart with `helm lint --strict` + `helm template` when helm exists, else through helm-python-sdk
#     (Helm's Go engine as a library), and the chart's default objects compared with the CLI's.
# Needs: a built tusk (TUSK_BIN, else .build/release/tusk, else .build/debug/tusk) and
# `pip install kubernetes-validate` (and optionally helm-python-sdk).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TUSK_BIN="${TUSK_BIN:-}"
if [ -z "$TUSK_BIN" ]; then
  for candidate in "$ROOT/.build/release/tusk" "$ROOT/.build/debug/tusk"; do
    if [ -x "$candidate" ]; then TUSK_BIN="$candidate"; break; fi
  done
fi
if [ -z "$TUSK_BIN" ] || [ ! -x "$TUSK_BIN" ]; then
  echo "validate-kubernetes: no tusk binary; build one (swift build) or set TUSK_BIN" >&2
  exit 1
fi
if ! command -v kubernetes-validate >/dev/null 2>&1; then
  echo "validate-kubernetes: kubernetes-validate is missing; run: pip install kubernetes-validate" >&2
  exit 1
fi
CHECKS=(python3 "$ROOT/tests/deploy/manifest_checks.py")
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# Credentials in the caller's environment would go into the generated Secret: keep them out.
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY PGPASSWORD

cat > "$WORK/pipelines.json" <<'SPEC'
[{"pipeline": {"name": "train", "project": {"name": "vision"}},
  "transform": {"image": "pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime", "cmd": ["python3", "/code/train.py"]},
  "parallelism_spec": {"constant": 2},
  "resource_limits": {"memory": "8Gi", "gpu": {"type": "nvidia.com/gpu", "number": 1}},
  "scheduling_spec": {"node_selector": {"cloud.google.com/gke-accelerator": "nvidia-tesla-t4"}},
  "tolerations": [{"key": "nvidia.com/gpu", "operator": "EXISTS", "effect": "NO_SCHEDULE"}]},
 {"pipeline": {"name": "report"}, "transform": {"image": "python:3.12-slim"}, "standby": true}]
SPEC

render() {
  local name="$1"; shift
  "$TUSK_BIN" deploy kubernetes "$@" > "$WORK/$name"
  echo "rendered $name: tusk deploy kubernetes $*"
}
render default.yaml
render in-cluster.yaml --postgres in-cluster --storage-class fast-ssd --postgres-size 20Gi --service-type NodePort
render external.yaml --metadata 'postgres://tusk@db.example.com:5432/tusk?sslmode=require' --secret tusk-prod \
  --storage 's3://data/tusk?region=eu-west-1' --service-type LoadBalancer
render ingress.yaml --ingress-host tusk.example.com --ingress-class nginx --ingress-tls-secret tusk-tls --namespace data --workers 3
render gpu-workers.yaml --pipeline-spec "$WORK/pipelines.json"
render json.json -o json

status=0
for file in "$WORK"/*.yaml "$WORK"/json.json; do
  # The CLI does not look inside a v1 List; manifest_checks.py (below) validates its items.
  if [[ "$file" == *.yaml ]] && ! kubernetes-validate --strict --quiet -k 1.30.0 "$file"; then
    echo "FAIL kubernetes-validate $(basename "$file")" >&2; status=1
  fi
  if command -v kubectl >/dev/null 2>&1; then
    if ! kubectl label --local -f "$file" validated=true -o name > "$WORK/kubectl.out" 2>&1; then
      echo "FAIL kubectl could not read $(basename "$file"):" >&2; cat "$WORK/kubectl.out" >&2; status=1
    fi
  fi
  "${CHECKS[@]}" validate "$file" || status=1
done

if "${CHECKS[@]}" lint-chart; then
  echo "helm lint --strict: no warnings"
elif [ "$?" -ne 3 ]; then
  echo "FAIL helm lint --strict" >&2; status=1
fi
if "${CHECKS[@]}" render-chart > "$WORK/chart-default.yaml"; then
  "${CHECKS[@]}" validate "$WORK/chart-default.yaml" || status=1
  if "${CHECKS[@]}" compare "$WORK/default.yaml" "$WORK/chart-default.yaml"; then
    echo "the chart's default rendering has the same objects as tusk deploy kubernetes"
  else
    echo "FAIL the chart's default rendering differs from tusk deploy kubernetes" >&2; status=1
  fi
else
  code=$?
  if [ "$code" -eq 3 ]; then
    echo "chart NOT rendered: neither helm nor helm-python-sdk is installed (pip install helm-python-sdk)" >&2
  else
    echo "FAIL the chart did not render" >&2; status=1
  fi
fi

if [ "$status" -eq 0 ]; then echo "validate-kubernetes: all manifests are valid"; fi
exit "$status"
