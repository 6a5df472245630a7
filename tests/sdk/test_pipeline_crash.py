"""A daemon killed with SIGKILL in the middle of a job: after restart the job resumes (or
ends with a reason), never stays running forever, and its output holds every datum once."""

from __future__ import annotations

import json
import time

import pytest
from pachyderm_sdk import Client
from pachyderm_sdk.api import pfs, pps

from tusk_harness import HarnessError, TuskServer, tusk_binary


@pytest.fixture
def pipeline_crash_server(tmp_path):
    try:
        server = TuskServer(data_dir=tmp_path / "data", log_dir=tmp_path / "logs", binary=tusk_binary())
        server.start()
    except HarnessError as error:
        pytest.fail(str(error), pytrace=False)
    yield server
    server.stop()


def _client(server) -> Client:
    return Client(host="localhost", port=server.grpc_port)


@pytest.mark.timeout(240)
def test_sigkill_mid_job_resumes_after_restart_with_every_datum_once(pipeline_crash_server):
    server = pipeline_crash_server
    client = _client(server)
    repo = pfs.Repo(name="slowin", type="user", project=pfs.Project(name="default"))
    client.pfs.create_repo(repo=repo)
    with client.pfs.commit(branch=pfs.Branch(repo=repo, name="master")) as commit:
        for index in range(6):
            commit.put_file_from_bytes(path=f"/f{index}.txt", data=f"item {index}\n".encode())
    spec = {
        "pipeline": {"name": "slowout"},
        "transform": {"cmd": ["sh", "-c", "sleep 1; cp /pfs/slowin/* /pfs/out/"]},
        "input": {"pfs": {"repo": "slowin", "glob": "/*"}},
    }
    client.pps.create_pipeline_v2(create_pipeline_request_json=json.dumps(spec))
    job_id = None
    deadline = time.time() + 60
    while time.time() < deadline and job_id is None:
        jobs = list(client.pps.list_job(pipeline=pps.Pipeline(name="slowout")))
        if jobs and jobs[0].state == pps.JobState.JOB_RUNNING:
            job_id = jobs[0].job.id
        time.sleep(0.2)
    assert job_id is not None, "the job never started running"
    time.sleep(1.5)
    server.kill()
    server.start()
    client = _client(server)
    info = client.pps.inspect_job(job=pps.Job(pipeline=pps.Pipeline(name="slowout"), id=job_id), wait=True)
    assert info.state == pps.JobState.JOB_SUCCESS, info.reason
    assert info.restart >= 1
    output = pfs.Commit(repo=pfs.Repo(name="slowout", type="user", project=pfs.Project(name="default")), id=job_id)
    names = sorted(item.file.path for item in client.pfs.list_file(file=pfs.File(commit=output, path="/")))
    assert names == [f"/f{index}.txt" for index in range(6)]
    for index in range(6):
        with client.pfs.pfs_file(file=pfs.File(commit=output, path=f"/f{index}.txt")) as stream:
            assert stream.read() == f"item {index}\n".encode()
