"""The pipelines user story of issue 3 through the `tusk` binary: create a pipeline from JSON,
YAML and 1.x specs, list pipelines and jobs, wait for the DAG, read the output, process one new
file while skipping the old one, inspect datums, read logs, reprocess, stop, start and delete.

The transform is a plain Python script (no OpenCV): it writes each input file reversed to
/pfs/out and prints one line per file. Datums run on the host, so the script's path is a host path.
"""

from __future__ import annotations

import json
import time

import pytest
from pachyderm_sdk.api import pfs

from cli_support import json_values, png_image
from pipeline_helpers import delete_pipelines, output_repo

pytestmark = pytest.mark.timeout(300)

REVERSE_SCRIPT = """\
import os
import sys

input_dir = os.path.join("/pfs", sys.argv[1])
for root, _, names in os.walk(input_dir):
    for name in names:
        source = os.path.join(root, name)
        with open(source, "rb") as handle:
            data = handle.read()
        with open(os.path.join("/pfs/out", name), "wb") as handle:
            handle.write(data[::-1])
        print(f"reversed {name} ({len(data)} bytes)", flush=True)
"""


@pytest.fixture
def images(cli, repo_name, client):
    cli.ok("create", "repo", repo_name)
    yield repo_name
    try:
        client.pfs.delete_repo(repo=pfs.Repo(name=repo_name, type="user", project=pfs.Project(name="default")), force=True)
    except Exception:
        pass


@pytest.fixture
def pipelines(client):
    created: list[str] = []
    yield created
    delete_pipelines(client, created)


@pytest.fixture
def script(cli):
    path = cli.workdir / "reverse.py"
    path.write_text(REVERSE_SCRIPT)
    return path


def spec_for(name: str, repo: str, script, input_kind: str = "pfs") -> dict:
    return {
        "pipeline": {"name": name},
        "description": "reverse every file",
        "transform": {"image": "python:3.11", "cmd": ["python3", str(script), repo]},
        "input": {input_kind: {"repo": repo, "branch": "master", "glob": "/*"}},
    }


def raw_jobs(cli, pipeline: str) -> list[dict]:
    return json_values(cli.ok("list", "job", "-p", pipeline, "--raw").out)


def counts(job: dict) -> tuple[int, int, int]:
    return tuple(int(job.get(key, 0)) for key in ("data_processed", "data_skipped", "data_total"))


def wait_for_new_job(cli, pipeline: str, seen: set[str], timeout: float = 120) -> dict:
    """Polls `list job -p` until a job not in `seen` shows, then `wait job` on it."""
    deadline = time.monotonic() + timeout
    while True:
        fresh = [job for job in raw_jobs(cli, pipeline) if job["job"]["id"] not in seen]
        if fresh:
            job_id = fresh[0]["job"]["id"]
            waited = json_values(cli.ok("wait", "job", f"{pipeline}@{job_id}", "--raw", timeout=timeout).out)
            return waited[0]
        assert time.monotonic() < deadline, f"no new job of {pipeline} within {timeout} s"
        time.sleep(0.3)


def test_the_edges_user_story(cli, client, images, pipelines, unique_name, script):
    liberty, kitten = png_image(seed=1), png_image(seed=2)
    (cli.workdir / "liberty.png").write_bytes(liberty)
    (cli.workdir / "kitten.png").write_bytes(kitten)
    cli.ok("put", "file", f"{images}@master:liberty.png", "-f", "liberty.png")

    name = unique_name("edges", limit=40)
    pipelines.append(name)
    (cli.workdir / "edges.json").write_text(json.dumps(spec_for(name, images, script)))
    created = cli.ok("create", "pipeline", "-f", "edges.json")
    assert f"created pipeline {name}" in created.out

    listed = cli.ok("list", "pipeline").out
    header = listed.splitlines()[0]
    for column in ("NAME", "VERSION", "INPUT", "CREATED", "STATE / LAST JOB", "DESCRIPTION"):
        assert column in header
    assert name in listed and f"{images}:/*" in listed

    first = wait_for_new_job(cli, name, set())
    assert first["state"] == "JOB_SUCCESS", first
    assert counts(first) == (1, 0, 1)
    cli.ok("wait", "commit", f"{name}@master")
    cli.ok("get", "file", f"{name}@master:/liberty.png", "-o", "edges.png")
    assert (cli.workdir / "edges.png").read_bytes() == liberty[::-1]

    table = cli.ok("list", "job", "-p", name).out
    assert table.splitlines()[0].split() == ["PIPELINE", "ID", "STARTED", "DURATION", "RESTART", "PROGRESS", "DL", "UL", "STATE"]
    assert "1 + 0 / 1" in table and "success" in table

    cli.ok("put", "file", f"{images}@master:kitten.png", "-f", "kitten.png")
    cli.ok("wait", "commit", f"{images}@master")
    second = wait_for_new_job(cli, name, {first["job"]["id"]})
    assert counts(second) == (1, 1, 2), second
    assert "1 + 1 / 2" in cli.ok("list", "job", "-p", name).out
    cli.ok("get", "file", f"{name}@master:/kitten.png", "-o", "kitten-out.png")
    assert (cli.workdir / "kitten-out.png").read_bytes() == kitten[::-1]

    job = f"{name}@{second['job']['id']}"
    datums = cli.ok("list", "datum", job).out
    assert datums.splitlines()[0].split() == ["ID", "FILES", "STATUS", "TIME"]
    assert "/kitten.png" in datums and "success" in datums and "skipped" in datums
    raw_datums = json_values(cli.ok("list", "datum", job, "--raw").out)
    processed = next(datum for datum in raw_datums if datum.get("state") == "SUCCESS")
    inspected = cli.ok("inspect", "datum", job, processed["datum"]["id"]).out
    assert processed["datum"]["id"] in inspected and "success" in inspected and "/kitten.png" in inspected
    assert "Datums Skipped: 1" in cli.ok("inspect", "job", job).out

    logs = cli.ok("logs", "--pipeline", name).out
    assert "reversed liberty.png" in logs and "reversed kitten.png" in logs
    assert "reversed kitten.png" in cli.ok("logs", "-p", name, "--job", job).out

    cli.ok("update", "pipeline", "-f", "edges.json", "--reprocess")
    third = wait_for_new_job(cli, name, {first["job"]["id"], second["job"]["id"]})
    assert counts(third) == (2, 0, 2), third
    assert "Version: 2" in cli.ok("inspect", "pipeline", name).out

    cli.ok("stop", "pipeline", name)
    assert "Stopped: true" in cli.ok("inspect", "pipeline", name).out
    cli.ok("start", "pipeline", name)
    assert "Stopped: false" in cli.ok("inspect", "pipeline", name).out
    cli.ok("delete", "pipeline", name)
    assert name not in cli.ok("list", "pipeline").out
    assert not client.pfs.repo_exists(output_repo(name))


def test_yaml_spec_with_two_pipelines_and_a_1x_atom_input(cli, client, images, pipelines, unique_name, script):
    cli.ok("put", "file", f"{images}@master:a.txt", stdin=b"abc")
    first, second = unique_name("ya", limit=40), unique_name("yb", limit=40)
    pipelines.extend([first, second])
    yaml_text = f"""\
pipeline:
  name: {first}
transform:
  cmd: [python3, "{script}", {images}]
input:
  pfs: {{repo: {images}, glob: "/*"}}
---
pipeline:
  name: {second}
transform:
  cmd: [python3, "{script}", {first}]
input:
  pfs: {{repo: {first}, glob: "/*"}}
"""
    (cli.workdir / "edges.yaml").write_text(yaml_text)
    created = cli.ok("create", "pipeline", "-f", "edges.yaml").out
    assert f"created pipeline {first}" in created and f"created pipeline {second}" in created

    wait_for_new_job(cli, first, set())
    wait_for_new_job(cli, second, set())
    cli.ok("wait", "commit", f"{second}@master")
    assert cli.ok("get", "file", f"{second}@master:/a.txt").stdout == b"abc"

    legacy = unique_name("atom", limit=40)
    pipelines.append(legacy)
    (cli.workdir / "legacy.json").write_text(json.dumps(spec_for(legacy, images, script, input_kind="atom")))
    cli.ok("create-pipeline", "-f", "legacy.json")
    info = json_values(cli.ok("inspect", "pipeline", legacy, "--raw").out)[0]
    assert info["details"]["input"]["pfs"]["repo"] == images
    job = wait_for_new_job(cli, legacy, set())
    assert job["state"] == "JOB_SUCCESS", job
    assert legacy in cli.ok("list-job", "-p", legacy).out


def test_flush_commit_waits_for_the_downstream_dag(cli, images, pipelines, unique_name, script):
    name = unique_name("fl", limit=40)
    pipelines.append(name)
    (cli.workdir / "spec.json").write_text(json.dumps(spec_for(name, images, script)))
    cli.ok("create", "pipeline", "-f", "spec.json")
    cli.ok("put", "file", f"{images}@master:x.txt", stdin=b"xyz")
    commit_id = json_values(cli.ok("inspect", "commit", f"{images}@master", "--raw").out)[0]["commit"]["id"]
    flushed = cli.ok("flush-commit", f"{images}/{commit_id}").out
    assert name in flushed
    assert cli.ok("get", "file", f"{name}@master:/x.txt").stdout == b"zyx"
    jobs = json_values(cli.ok("flush", "job", f"{images}@{commit_id}", "--raw").out)
    assert [job["job"]["pipeline"]["name"] for job in jobs] == [name]


def test_flush_commit_waits_for_a_pipeline_created_after_the_commit(cli, images, pipelines, unique_name):
    # The pipeline's first job runs in a commit set of its own, computed from the input commit.
    cli.ok("put", "file", f"{images}@master:/slow.txt", stdin=b"abc")
    commit_id = json_values(cli.ok("inspect", "commit", f"{images}@master", "--raw").out)[0]["commit"]["id"]
    name = unique_name("late", limit=40)
    pipelines.append(name)
    spec = {"pipeline": {"name": name}, "input": {"atom": {"repo": images, "glob": "/*"}},
            "transform": {"cmd": ["sh", "-c", f"sleep 2; cp /pfs/{images}/* /pfs/out/"]}}
    (cli.workdir / "late.json").write_text(json.dumps(spec))
    cli.ok("create-pipeline", "-f", "late.json")
    flushed = cli.ok("flush-commit", f"{images}/{commit_id}").out
    assert name in flushed
    # Everything flush listed is finished: the output is there without waiting further.
    assert cli.ok("get", "file", f"{name}@master:/slow.txt").stdout == b"abc"
    assert not any(line.startswith(f"{images} ") for line in flushed.splitlines()[1:]), flushed
    assert commit_id not in flushed


def test_wait_commit_waits_for_that_commit_only(cli, images, pipelines, unique_name):
    name = unique_name("stopped", limit=40)
    pipelines.append(name)
    spec = {"pipeline": {"name": name}, "input": {"pfs": {"repo": images, "glob": "/*"}},
            "transform": {"cmd": ["sh", "-c", f"cp /pfs/{images}/* /pfs/out/"]}}
    (cli.workdir / "stopped.json").write_text(json.dumps(spec))
    cli.ok("create", "pipeline", "-f", "stopped.json")
    cli.ok("stop", "pipeline", name)
    cli.ok("put", "file", f"{images}@master:/w.txt", stdin=b"w")
    # The downstream commit stays open while the pipeline is stopped; the input commit is done.
    shown = cli.ok("wait", "commit", f"{images}@master", timeout=30).out
    assert images in shown


def test_an_invalid_spec_is_refused_naming_the_field(cli, images, unique_name):
    spec = {"pipeline": {"name": unique_name("bad", limit=40)}, "transform": {"cmd": ["true"]}, "input": {"pfs": {"repo": images}}}
    (cli.workdir / "bad.json").write_text(json.dumps(spec))
    refused = cli.fails("create", "pipeline", "-f", "bad.json")
    assert "input.pfs.glob" in refused.err
    assert "needs the spec" in cli.fails("create", "pipeline").err
