"""Datums on `tusk worker` processes: a daemon started with `--remote-workers` hands datums to
workers through the shared metadata database; a worker killed with SIGKILL in the middle of its
datums loses them to the others, and every datum lands in the output exactly once.

It runs twice: with the embedded stores (SQLite file, objects directory) shared by processes on
this host, and with a fresh PostgreSQL database and S3 bucket (`scaleout_services`).
"""

from __future__ import annotations

import json

import pytest

from cli_support import TuskCommandLine, json_values
from scaleout_support import S3_CREDENTIALS, wait_for
from tusk_harness import TuskServer, TuskWorker, tusk_binary

DATUMS = 40


@pytest.fixture(params=["embedded", "postgres-s3"])
def cluster(request, tmp_path):
    """A daemon with remote workers (lease timeout 3 s) and no worker yet."""
    stores = [] if request.param == "embedded" else request.getfixturevalue("scaleout_services").store_args()
    server = TuskServer(
        data_dir=tmp_path / "data",
        log_dir=tmp_path / "logs",
        binary=tusk_binary(),
        extra_args=["--remote-workers", "--worker-lease-timeout", "3s", *stores],
        environment=S3_CREDENTIALS,
    )
    server.start()
    workers: list[TuskWorker] = []
    yield server, workers
    for worker in workers:
        worker.kill()
    server.stop()


def test_a_killed_workers_datums_are_processed_once_by_the_others(cluster, tmp_path):
    server, workers = cluster
    home = tmp_path / "home"
    work = tmp_path / "work"
    home.mkdir()
    work.mkdir()
    cli = TuskCommandLine(server.binary, server.address, home, work)
    gate = tmp_path / "gate"
    gate.mkdir()

    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for index in range(DATUMS):
        (inputs / f"n{index:03d}").write_text(f"{index}\n")
    cli.ok("create", "repo", "numbers")
    cli.ok("put", "file", "-r", "numbers@master:/", "-f", str(inputs))

    # Each datum says it started, then waits for the gate, then writes its one output file.
    script = (
        f'touch {gate}/started-"$PACH_DATUM_ID"; '
        f"while [ ! -e {gate}/open ]; do sleep 0.05; done; "
        'for f in /pfs/numbers/*; do echo "twice $(( $(cat "$f") * 2 ))" > /pfs/out/$(basename "$f"); done'
    )
    spec = {
        "pipeline": {"name": "twice"},
        "parallelism_spec": {"constant": 4},
        "transform": {"cmd": ["sh", "-c", script]},
        "input": {"pfs": {"repo": "numbers", "glob": "/*"}},
    }
    (work / "twice.json").write_text(json.dumps(spec))
    cli.ok("create", "pipeline", "-f", str(work / "twice.json"))

    doomed = TuskWorker(server, "doomed", tmp_path / "logs", ["--slots", "2", "--heartbeat-interval", "500ms"]).start()
    workers.append(doomed)
    wait_for(lambda: len(list(gate.glob("started-*"))) >= 2, 60, "the first worker to start two datums")
    doomed.kill()
    held = {path.name for path in gate.glob("started-*")}
    assert len(held) == 2, f"the killed worker held {sorted(held)}"

    for index in range(2):
        workers.append(
            TuskWorker(server, f"survivor-{index}", tmp_path / "logs", ["--slots", "2", "--heartbeat-interval", "500ms"]).start()
        )
    (gate / "open").touch()

    cli.ok("wait", "commit", "twice@master", timeout=240)
    jobs = json_values(cli.ok("list", "job", "-p", "twice", "--raw").out)
    assert len(jobs) == 1, jobs
    job = jobs[0]
    assert job.get("state") == "JOB_SUCCESS", jobs
    assert int(job.get("data_processed", 0)) == DATUMS, jobs
    assert int(job.get("data_failed", 0)) == 0, jobs

    for index in range(DATUMS):
        text = cli.ok("get", "file", f"twice@master:/n{index:03d}").out
        assert text == f"twice {index * 2}\n", f"n{index:03d}: {text!r}"
    listing = cli.ok("list", "file", "twice@master").out
    assert len([line for line in listing.splitlines()[1:] if line.strip()]) == DATUMS

    # The daemon gave the killed worker's two datums to another worker once its lease lapsed.
    server_log = server.stderr_path.read_text()
    assert server_log.count("worker doomed stopped heartbeating") == 2, server.logs()
    for worker in workers[1:]:
        assert worker.is_running(), worker.logs()
