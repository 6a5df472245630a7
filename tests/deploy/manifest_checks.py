"""Offline checks of Kubernetes manifests, shared by scripts/validate-kubernetes.sh and the
pytest suite: schema validation with kubernetes-validate, rendering the Helm chart (with a `helm`
binary when there is one, else the helm-python-sdk bindings to Helm's Go engine), and a
comparison of two sets of objects that ignores order and formatting.

Usage as a script:
  python3 manifest_checks.py validate FILE...          # every document against the schemas
  python3 manifest_checks.py render-chart [VALUES.yaml] # the chart's manifests on stdout (exit 3: no renderer)
  python3 manifest_checks.py lint-chart                 # helm lint --strict (exit 3: no helm engine)
  python3 manifest_checks.py compare A.yaml B.yaml      # same objects? (exit 1 with a diff if not)
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Optional

import yaml

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent.parent
CHART_DIRECTORY = REPOSITORY_ROOT / "deploy" / "helm" / "tusk"
KUBERNETES_VERSION = "1.30.0"  # the oldest release with securityContext.appArmorProfile
NO_RENDERER = 3


def documents(text: str) -> list[dict[str, Any]]:
    """The objects of a YAML stream or of a JSON `List`, without empty documents."""
    loaded = [document for document in yaml.safe_load_all(text) if document]
    objects: list[dict[str, Any]] = []
    for document in loaded:
        if document.get("kind") == "List":
            objects.extend(document.get("items") or [])
        else:
            objects.append(document)
    return objects


def validation_errors(objects: list[dict[str, Any]], strict: bool = True) -> list[str]:
    """One message per object that does not match the Kubernetes schemas (unknown fields too,
    when strict)."""
    try:
        import kubernetes_validate  # imported here so `render-chart` works without it
    except ImportError as error:
        raise RuntimeError("kubernetes-validate is missing; run: pip install kubernetes-validate") from error

    errors = []
    for index, document in enumerate(objects):
        where = f"#{index} {document.get('kind')}/{(document.get('metadata') or {}).get('name')}"
        try:
            kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=strict)
        except kubernetes_validate.ValidationError as error:
            path = ".".join(str(step) for step in getattr(error, "path", []))
            errors.append(f"{where}: {path}: {getattr(error, 'message', error)}")
        except Exception as error:  # unknown kinds and versions are failures too
            errors.append(f"{where}: {type(error).__name__}: {error}")
    return errors


def render_chart(values: Optional[dict[str, Any]] = None, release: str = "tusk", namespace: str = "default") -> Optional[str]:
    """The chart's manifests for `values`, or None when neither `helm` nor helm-python-sdk exists."""
    values = values or {}
    helm = shutil.which("helm")
    if helm:
        completed = subprocess.run(
            [helm, "template", release, str(CHART_DIRECTORY), "--namespace", namespace, "--values", "-"],
            input=yaml.safe_dump(values), capture_output=True, text=True, check=True)
        return completed.stdout
    try:
        from helm_python import Chart
    except ImportError:
        return None
    rendered = Chart.load(str(CHART_DIRECTORY)).render(values, name=release, namespace=namespace)
    parts = [text for path, text in sorted(rendered.items()) if path.endswith((".yaml", ".yml")) and text.strip()]
    return "\n---\n".join(parts)


def lint_problems() -> Optional[list[str]]:
    """`helm lint --strict` findings worse than "info" (warnings and errors), or None when
    neither `helm` nor helm-python-sdk exists."""
    helm = shutil.which("helm")
    if helm:
        completed = subprocess.run([helm, "lint", "--strict", str(CHART_DIRECTORY)], capture_output=True, text=True)
        return [] if completed.returncode == 0 else [completed.stdout + completed.stderr]
    try:
        from helm_python.chart import lint
    except ImportError:
        return None
    report = lint(str(CHART_DIRECTORY), {}, strict=True)
    problems = [f"{message['path']}: {message['error']}" for message in report.get("messages", []) if message.get("severity", 0) >= 2]
    return problems + list(report.get("errors") or [])


def renderer_name() -> Optional[str]:
    if shutil.which("helm"):
        return "helm"
    try:
        import helm_python  # noqa: F401
        return "helm-python-sdk"
    except ImportError:
        return None


def object_key(document: dict[str, Any]) -> str:
    return f"{document.get('kind')}/{(document.get('metadata') or {}).get('name')}"


def normalized(document: Any) -> Any:
    """Empty maps and lists are the same as absent fields (Kubernetes defaults them alike)."""
    if isinstance(document, dict):
        cleaned = {key: normalized(value) for key, value in document.items()}
        return {key: value for key, value in cleaned.items() if value not in ({}, [], None)}
    if isinstance(document, list):
        return [normalized(item) for item in document]
    return document


def differences(left: list[dict[str, Any]], right: list[dict[str, Any]]) -> list[str]:
    """What differs between two sets of objects, keyed by kind/name; empty when equivalent."""
    left_objects = {object_key(document): normalized(document) for document in left}
    right_objects = {object_key(document): normalized(document) for document in right}
    problems = []
    for key in sorted(set(left_objects) | set(right_objects)):
        if key not in right_objects:
            problems.append(f"{key}: only in the first")
        elif key not in left_objects:
            problems.append(f"{key}: only in the second")
        elif left_objects[key] != right_objects[key]:
            problems.append(f"{key}: differs\n  first:  {json.dumps(left_objects[key], sort_keys=True)}\n  second: {json.dumps(right_objects[key], sort_keys=True)}")
    return problems


def main(arguments: list[str]) -> int:
    if not arguments:
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = arguments[0], arguments[1:]
    if command == "validate":
        failed = False
        for path in rest:
            objects = documents(Path(path).read_text())
            errors = validation_errors(objects)
            for error in errors:
                print(f"{path}: {error}", file=sys.stderr)
            failed = failed or bool(errors) or not objects
            print(f"{path}: {len(objects)} objects, {len(errors)} invalid")
        return 1 if failed else 0
    if command == "render-chart":
        values = yaml.safe_load(Path(rest[0]).read_text()) if rest else {}
        text = render_chart(values or {})
        if text is None:
            print("neither helm nor helm-python-sdk is installed; the chart was not rendered", file=sys.stderr)
            return NO_RENDERER
        print(text)
        return 0
    if command == "lint-chart":
        problems = lint_problems()
        if problems is None:
            print("neither helm nor helm-python-sdk is installed; the chart was not linted", file=sys.stderr)
            return NO_RENDERER
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    if command == "compare":
        problems = differences(documents(Path(rest[0]).read_text()), documents(Path(rest[1]).read_text()))
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    print(f"unknown command {command}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
