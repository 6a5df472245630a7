"""The cross-host test of issue 7: PostgreSQL and an S3 server on one "host", the daemon on a
second, three workers on three more (network namespaces joined by a bridge, see
netns_cluster.py). A 300-datum pipeline runs; one worker is killed with SIGKILL while it holds
datums and another is cut off the network for longer than the lease timeout and comes back. The
job must succeed with every datum processed exactly once: each output file present once with
the right content, every datum counted once, none retried as a failure."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from cli_support import TuskCommandLine, json_values
from netns_cluster import NamespaceNetwork, cross_host_problem
from scaleout_support import S3_CREDENTIALS as CREDENTIALS, service, service_directory, wait_for
from tusk_harness import free_port, kill_group, stop_group, tusk_binary

DATUMS = 300
WORKERS = ["worker-1", "worker-2", "worker-3"]


def psql(url: str, sql: str) -> str:
    return subprocess.run(["psql", url, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def hosts(tmp_path):
    problem = cross_host_problem()
    if problem:
        pytest.fail(problem)
    network = NamespaceNetwork(["daemon", *WORKERS])
    started = []
    services = None
    try:
        services = service_directory("cross-host")
        postgres_dir = services / "postgres"
        s3_dir = services / "s3"
        server_url = service("postgres.sh", "start", postgres_dir, network.gateway)
        started.append(("postgres.sh", postgres_dir))
        endpoint = service("s3.sh", "start", s3_dir, network.gateway)
        started.append(("s3.sh", s3_dir))
        database = "tusk_cross_" + uuid.uuid4().hex[:8]
        psql(server_url, f'CREATE DATABASE "{database}"')
        yield network, server_url.replace("/postgres?", f"/{database}?"), endpoint
    finally:
        for script, directory in reversed(started):
            try:
                service(script, "stop", directory, network.gateway)
            except RuntimeError:
                pass
        if services is not None:
            shutil.rmtree(services, ignore_errors=True)
        network.remove()


def test_three_workers_on_other_hosts_lose_one_and_process_every_datum_once(hosts, tmp_path):
    network, metadata, endpoint = hosts
    binary = str(tusk_binary())
    logs = tmp_path / "logs"
    logs.mkdir()
    storage = f"s3://tusk-cross/objects?endpoint={endpoint}&region=us-east-1"
    port, http_port = free_port(), free_port()
    common = ["--metadata", metadata, "--storage", storage]

    daemon = network.spawn(
        "daemon",
        [binary, "serve", "--data-dir", str(tmp_path / "daemon"), "--host", "0.0.0.0", "--port", str(port),
         "--http-port", str(http_port), "--remote-workers", "--worker-lease-timeout", "3s", *common],
        logs / "daemon.log", CREDENTIALS,
    )
    workers = {}
    try:
        address = f"{network.addresses['daemon']}:{port}"
        home, work = tmp_path / "home", tmp_path / "work"
        home.mkdir()
        work.mkdir()
        cli = TuskCommandLine(Path(binary), address, home, work)
        wait_for(lambda: cli.run("version").exit_code == 0 or daemon.poll() is not None, 60, "the daemon to answer")
        assert daemon.poll() is None, (logs / "daemon.log").read_text()

        for name in WORKERS:
            workers[name] = network.spawn(
                name,
                [binary, "worker", *common, "--id", name, "--slots", "2", "--heartbeat-interval", "500ms",
                 "--scratch", str(tmp_path / f"scratch-{name}")],
                logs / f"{name}.log", CREDENTIALS,
            )

        inputs = tmp_path / "inputs"
        inputs.mkdir()
        for index in range(DATUMS):
            (inputs / f"n{index:03d}").write_text(f"{index}\n")
        cli.ok("create", "repo", "numbers")
        cli.ok("put", "file", "-r", "numbers@master:/", "-f", str(inputs), timeout=300)
        spec = {
            "pipeline": {"name": "squares"},
            "parallelism_spec": {"constant": 6},
            "transform": {"cmd": ["sh", "-c",
                                  'sleep 0.1; for f in /pfs/numbers/*; do n=$(cat "$f"); '
                                  'echo "$n squared is $((n * n))" > /pfs/out/$(basename "$f"); done']},
            "input": {"pfs": {"repo": "numbers", "glob": "/*"}},
        }
        (work / "squares.json").write_text(json.dumps(spec))
        cli.ok("create", "pipeline", "-f", str(work / "squares.json"))

        def processed() -> int:
            jobs = json_values(cli.run("list", "job", "-p", "squares", "--raw").out)
            return int(jobs[0].get("data_processed", 0)) if jobs else 0

        wait_for(lambda: processed() >= 40, 240, "40 datums to be processed")
        # Kill a worker the queue shows holding datums right now.
        holders = psql(metadata, "SELECT DISTINCT worker FROM datum_tasks WHERE state = 1").split()
        victim = next((name for name in WORKERS if name in holders), None)
        assert victim is not None, f"no worker holds a datum (holders: {holders})"
        kill_group(workers[victim])
        # Cut another worker off the network for longer than the lease timeout, then bring it back.
        partitioned = next(name for name in WORKERS if name != victim)
        network.cut(partitioned)
        time.sleep(6)
        network.heal(partitioned)

        cli.ok("wait", "commit", "squares@master", timeout=600)
        jobs = json_values(cli.ok("list", "job", "-p", "squares", "--raw").out)
        assert len(jobs) == 1, jobs
        job = jobs[0]
        assert job["state"] == "JOB_SUCCESS", job
        assert int(job.get("data_processed", 0)) == DATUMS, job
        assert int(job.get("data_failed", 0)) == 0, job
        assert int(job.get("data_total", 0)) == DATUMS, job

        datums = json_values(cli.ok("list", "datum", f"squares@{job['job']['id']}", "--raw").out)
        assert len(datums) == DATUMS
        assert all(datum.get("state") == "SUCCESS" for datum in datums), [d.get("state") for d in datums][:10]

        listing = [line.split()[0] for line in cli.ok("list", "file", "squares@master").out.splitlines()[1:] if line.strip()]
        assert sorted(listing) == [f"/n{index:03d}" for index in range(DATUMS)]
        archive = tmp_path / "out"
        cli.ok("get", "file", "-r", "squares@master:/", "-o", str(archive), timeout=300)
        for index in range(DATUMS):
            assert (archive / f"n{index:03d}").read_text() == f"{index} squared is {index * index}\n"

        daemon_log = (logs / "daemon.log").read_text()
        assert f"worker {victim} stopped heartbeating" in daemon_log, daemon_log[-4000:]
        assert psql(metadata, "SELECT count(*) FROM datum_tasks").strip() == "0"
    finally:
        for process in workers.values():
            kill_group(process)
        stop_group(daemon)
