"""`tusk deploy kubernetes` and the Helm chart, checked offline: every rendered object must
match the Kubernetes schemas (kubernetes-validate, strict: unknown fields fail), have the
expected shape, and the chart's default rendering must be the same objects as the CLI's.

Needs `pip install kubernetes-validate`; the chart comparisons also need `helm` or
`pip install helm-python-sdk` (scripts/setup.sh installs both) and fail without either."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tusk_harness import tusk_binary
import manifest_checks

GPU_SPEC = {
    "pipeline": {"name": "train", "project": {"name": "vision"}},
    "transform": {"image": "pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime", "cmd": ["python3", "/code/train.py"]},
    "parallelism_spec": {"constant": 2},
    "resource_requests": {"cpu": 0.5, "memory": "4Gi", "disk": "20Gi"},
    "resource_limits": {"memory": "8Gi", "gpu": {"type": "nvidia.com/gpu", "number": 1}},
    "scheduling_spec": {"node_selector": {"cloud.google.com/gke-accelerator": "nvidia-tesla-t4"}, "priority_class_name": "batch"},
    "tolerations": [{"key": "nvidia.com/gpu", "operator": "EXISTS", "effect": "NO_SCHEDULE"}],
    "input": {"pfs": {"repo": "images", "glob": "/*"}},
}
STANDBY_SPEC = {
    "pipeline": {"name": "Nightly_Report"},
    "transform": {"image": "python:3.12-slim", "cmd": ["python3", "/report.py"]},
    "parallelism_spec": {"constant": 3},
    "standby": True,
}

VARIANTS = {
    "default": [],
    "in-cluster-nodeport": ["--postgres", "in-cluster", "--storage-class", "fast-ssd", "--postgres-size", "20Gi", "--service-type", "NodePort"],
    "external-loadbalancer": ["--metadata", "postgres://tusk@db.example.com:5432/tusk?sslmode=require", "--secret", "tusk-credentials-prod",
                              "--service-type", "LoadBalancer", "--storage", "s3://data/tusk?region=eu-west-1", "--no-rbac"],
    "ingress": ["--ingress-host", "tusk.example.com", "--ingress-class", "nginx", "--ingress-tls-secret", "tusk-tls",
                "--namespace", "data", "--workers", "3", "--worker-cpu", "2", "--worker-memory", "4Gi", "--daemon-memory", "2Gi",
                "--node-selector", "pool=tusk", "--image-pull-secret", "regcred",
                "--toleration", "dedicated=tusk:NoSchedule"],
    "kubernetes-workers": ["--kubernetes-workers", "--image-pull-secret", "regcred"],
}

# The chart values that should give the same objects as each CLI variant.
CHART_VALUES = {
    "default": ({}, "default"),
    "in-cluster-nodeport": ({"postgresql": {"persistence": {"storageClass": "fast-ssd", "size": "20Gi"}},
                             "pachd": {"service": {"type": "NodePort"}}}, "default"),
    "ingress": ({"ingress": {"enabled": True, "host": "tusk.example.com", "className": "nginx", "tls": {"enabled": True, "secretName": "tusk-tls"}},
                 "worker": {"replicas": 3, "resources": {"requests": {"cpu": "2", "memory": "4Gi"}, "limits": {"memory": "4Gi"}}},
                 "pachd": {"resources": {"requests": {"memory": "2Gi"}, "limits": {"memory": "2Gi"}}, "nodeSelector": {"pool": "tusk"},
                           "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "tusk", "effect": "NoSchedule"}]},
                 "global": {"imagePullSecrets": ["regcred"]}}, "data"),
    "kubernetes-workers": ({"pachd": {"kubernetesWorkers": {"enabled": True}},
                            "global": {"imagePullSecrets": ["regcred"]}}, "default"),
}


def deploy(*arguments: str, environment: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "PGPASSWORD")}
    env.update(environment or {})
    return subprocess.run([str(tusk_binary()), "deploy", "kubernetes", *arguments], capture_output=True, text=True, env=env, timeout=60)


def rendered(*arguments: str) -> list[dict]:
    completed = deploy(*arguments)
    assert completed.returncode == 0, completed.stderr
    return manifest_checks.documents(completed.stdout)


def by_name(objects: list[dict]) -> dict[str, dict]:
    return {manifest_checks.object_key(document): document for document in objects}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_variant_matches_the_kubernetes_schemas(variant):
    objects = rendered(*VARIANTS[variant])
    assert objects
    assert manifest_checks.validation_errors(objects) == []


def test_default_objects_and_their_wiring():
    objects = by_name(rendered())
    assert set(objects) == {
        "ServiceAccount/tusk", "Role/tusk", "RoleBinding/tusk", "Secret/tusk-credentials", "Service/tusk-postgres",
        "StatefulSet/tusk-postgres", "Deployment/tusk", "Service/tusk", "Deployment/tusk-worker",
    }
    daemon = objects["Deployment/tusk"]["spec"]["template"]["spec"]
    container = daemon["containers"][0]
    assert container["args"][:2] == ["serve", "--metadata"]
    assert {port["containerPort"] for port in container["ports"]} == {30650, 30080}
    assert container["readinessProbe"]["httpGet"]["path"] == "/healthz"
    selector = objects["Service/tusk"]["spec"]["selector"]
    assert selector.items() <= objects["Deployment/tusk"]["spec"]["template"]["metadata"]["labels"].items()
    assert objects["Service/tusk-postgres"]["spec"]["ports"][0]["port"] == 5432


def test_gpu_and_standby_pipeline_workers(tmp_path: Path):
    spec_file = tmp_path / "specs.json"
    spec_file.write_text(json.dumps([GPU_SPEC, STANDBY_SPEC]))
    objects = rendered("--pipeline-spec", str(spec_file))
    assert manifest_checks.validation_errors(objects) == []
    workers = [document for document in objects if document["metadata"]["labels"].get("app.kubernetes.io/component") == "pipeline-worker"]
    assert len(workers) == 2
    gpu, standby = workers
    assert gpu["metadata"]["name"] == "tusk-pipeline-vision-train"
    assert gpu["spec"]["replicas"] == 2
    pod = gpu["spec"]["template"]["spec"]
    assert pod["initContainers"][0]["command"][-1] == "/tusk-bin/tusk"
    user = pod["containers"][0]
    assert user["image"] == GPU_SPEC["transform"]["image"]
    assert user["command"] == ["/tusk-bin/tusk"]
    assert user["args"][:3] == ["worker", "--pipeline", "vision/train"]
    assert user["resources"]["limits"]["nvidia.com/gpu"] == "1"
    assert user["resources"]["requests"] == {"cpu": "500m", "memory": "4Gi", "ephemeral-storage": "20Gi"}
    assert pod["nodeSelector"] == {"cloud.google.com/gke-accelerator": "nvidia-tesla-t4"}
    assert pod["priorityClassName"] == "batch"
    assert pod["tolerations"] == [{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}]
    assert standby["spec"]["replicas"] == 0
    assert standby["spec"]["template"]["spec"]["containers"][0]["args"][2] == "default/Nightly_Report"


def test_kubernetes_workers_turn_on_the_daemons_deployment_manager():
    objects = by_name(rendered(*VARIANTS["kubernetes-workers"]))
    args = objects["Deployment/tusk"]["spec"]["template"]["spec"]["containers"][0]["args"]
    assert "--kubernetes-workers" in args
    flags = {args[i]: args[i + 1] for i in range(len(args) - 1) if args[i].startswith("--worker-")}
    assert flags["--worker-image"] == "tusk:2.12.0"
    assert flags["--worker-storage-secret"] == "tusk-credentials" and flags["--worker-postgres-secret"] == "tusk-credentials"
    assert flags["--worker-image-pull-secret"] == "regcred"
    assert objects["Deployment/tusk-worker"]["spec"]["replicas"] == 0
    # The daemon's Role lets it do everything the worker pools do to Deployments.
    rules = objects["Role/tusk"]["rules"]
    deployments = next(rule for rule in rules if "deployments" in rule["resources"])
    assert deployments["apiGroups"] == ["apps"]
    assert {"list", "create", "update", "patch", "delete"} <= set(deployments["verbs"])


def test_json_output_is_the_same_objects_as_yaml():
    completed = deploy("-o", "json")
    assert completed.returncode == 0, completed.stderr
    listing = json.loads(completed.stdout)
    assert listing["kind"] == "List"
    assert listing["items"] == rendered()


def test_credentials_from_the_environment_go_into_the_secret_only():
    completed = deploy(environment={"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret-example", "PGPASSWORD": "pg-example"})
    objects = by_name(manifest_checks.documents(completed.stdout))
    assert objects["Secret/tusk-credentials"]["stringData"] == {
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret-example", "PGPASSWORD": "pg-example"}
    assert completed.stdout.count("secret-example") == 1


@pytest.mark.parametrize("arguments, fragment", [
    (["--service-type", "Internal"], "--service-type"),
    (["--postgres", "external"], "--metadata"),
    (["--metadata", "postgres://user:hunter2@db/tusk"], "password"),
    (["--storage", "gs://bucket"], "S3 URL"),
    (["--ingress-tls-secret", "tls"], "--ingress-host"),
])
def test_bad_flags_fail_with_a_message(arguments, fragment):
    completed = deploy(*arguments)
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert completed.stderr.startswith("tusk: ") and fragment in completed.stderr


def require_chart_renderer():
    if manifest_checks.renderer_name() is None:
        pytest.fail("the Helm chart needs `helm` or `pip install helm-python-sdk` to render (scripts/setup.sh installs it)")


@pytest.mark.parametrize("variant", sorted(CHART_VALUES))
def test_the_chart_renders_the_same_objects_as_the_cli(variant):
    require_chart_renderer()
    values, namespace = CHART_VALUES[variant]
    chart_objects = manifest_checks.documents(manifest_checks.render_chart(values, namespace=namespace))
    assert manifest_checks.validation_errors(chart_objects) == []
    assert manifest_checks.differences(rendered(*VARIANTS[variant]), chart_objects) == []


def test_the_chart_with_an_external_database_and_existing_secrets():
    require_chart_renderer()
    values = {
        "postgresql": {"enabled": False},
        "global": {"postgresql": {"postgresqlHost": "db.example.com", "postgresqlExistingSecretName": "tusk-credentials-prod"}},
        "pachd": {"storage": {"amazon": {"bucket": "data", "prefix": "tusk", "region": "eu-west-1", "existingSecret": "tusk-credentials-prod"}},
                  "service": {"type": "LoadBalancer"}, "rbac": {"create": False}},
    }
    chart_objects = manifest_checks.documents(manifest_checks.render_chart(values))
    assert manifest_checks.validation_errors(chart_objects) == []
    assert manifest_checks.differences(rendered(*VARIANTS["external-loadbalancer"]), chart_objects) == []


def test_the_chart_lints_without_warnings():
    require_chart_renderer()
    assert manifest_checks.lint_problems() == []
