"""A `service` pipeline keeps its command running with its inputs at /pfs and answers on the
host (its internal port, and its external port relayed to it), restarts on new data, and its job
stays running while it serves (the replaced job then succeeds), as in Pachyderm."""

from __future__ import annotations

import json
import socket
import time
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str, deadline: float) -> bytes | None:
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except Exception:
            time.sleep(0.2)
    return None


def _job_states(cli, pipeline: str) -> list[str]:
    lines = cli.ok("list", "job", "--pipeline", pipeline, "--raw").out.splitlines()
    jobs = [json.loads(line) for line in lines if line.strip()]
    jobs.sort(key=lambda job: job.get("created", ""))
    return [job["state"] for job in jobs]


@pytest.mark.timeout(120)
def test_service_answers_on_its_port_and_serves_new_data(cli, repo_name):
    port = _free_port()
    external = _free_port()
    cli.ok("create", "repo", repo_name)
    cli.ok("put", "file", f"{repo_name}@master:/hello.txt", stdin=b"first version")
    spec = {
        "pipeline": {"name": f"{repo_name}-web"},
        "transform": {"cmd": ["python3", "-m", "http.server", str(port), "--bind", "127.0.0.1",
                              "--directory", f"/pfs/{repo_name}"]},
        "input": {"pfs": {"repo": repo_name, "glob": "/"}},
        "service": {"internal_port": port, "external_port": external},
    }
    (cli.workdir / "service.json").write_text(json.dumps(spec))
    cli.ok("create", "pipeline", "-f", "service.json")
    try:
        assert _fetch(f"http://127.0.0.1:{port}/hello.txt", time.time() + 30) == b"first version"
        assert _fetch(f"http://127.0.0.1:{external}/hello.txt", time.time() + 30) == b"first version"
        assert _job_states(cli, f"{repo_name}-web")[-1] == "JOB_RUNNING"
        cli.ok("put", "file", f"{repo_name}@master:/hello.txt", stdin=b"second version")
        deadline = time.time() + 30
        body = None
        while time.time() < deadline:
            body = _fetch(f"http://127.0.0.1:{port}/hello.txt", time.time() + 5)
            if body == b"second version":
                break
            time.sleep(0.3)
        assert body == b"second version"
        assert _fetch(f"http://127.0.0.1:{external}/hello.txt", time.time() + 30) == b"second version"
        states = _job_states(cli, f"{repo_name}-web")
        assert states[-1] == "JOB_RUNNING"
        assert states[-2] == "JOB_SUCCESS"
    finally:
        cli.run("delete", "pipeline", f"{repo_name}-web")
