"""Pipelines through the official `pachyderm-sdk`: create (typed and JSON), jobs with wait,
incremental processing, datums, logs, a two-stage DAG with `commit.wait_all()`, deletion, a
failing transform and a refused spec. Transforms run on the host, so they use `sh` and `cp`."""

from __future__ import annotations

import json

import grpc
import pytest
from pachyderm_sdk.api import pfs, pps

from pfs_helpers import commit_files, commit_ref, expect_code, file_at, paths_of, read_file
from pipeline_helpers import delete_pipelines, job_ids, next_job, output_repo, pipeline_ref

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def pipelines(client):
    """Names of pipelines the test creates; deleted (with their output repos) afterwards."""
    created: list[str] = []
    yield created
    delete_pipelines(client, created)


@pytest.fixture
def pipeline_name(unique_name, pipelines):
    def make(prefix: str = "pl") -> str:
        name = unique_name(prefix, limit=40)
        pipelines.append(name)
        return name

    return make


def copy_transform(input_name: str, message: str = "copying") -> pps.Transform:
    """Copies each input file to /pfs/out and prints one line per file."""
    script = f'for f in /pfs/{input_name}/*; do echo "{message} $f"; cp "$f" /pfs/out/; done'
    return pps.Transform(cmd=["sh", "-c", script])


def create_copy_pipeline(client, name: str, input_repo: str, **options) -> None:
    client.pps.create_pipeline(
        pipeline=pipeline_ref(name),
        transform=options.pop("transform", copy_transform(input_repo)),
        input=pps.Input(pfs=pps.PfsInput(repo=input_repo, branch="master", glob="/*")),
        **options,
    )


def test_pipeline_over_existing_data_copies_every_file(client, repo, pipeline_name):
    commit_files(client, repo, {"/a.txt": b"alpha", "/b.txt": b"beta"})
    name = pipeline_name()
    create_copy_pipeline(client, name, repo.name)

    job = next_job(client, name)
    assert job.state == pps.JobState.JOB_SUCCESS, job.reason
    assert (job.data_processed, job.data_skipped, job.data_total) == (2, 0, 2)
    assert job.output_commit.repo.name == name
    output = commit_ref(output_repo(name), "master")
    assert sorted(paths_of(client.pfs.list_file(file=file_at(output, "/")))) == ["/a.txt", "/b.txt"]
    assert read_file(client, file_at(output, "/a.txt")) == b"alpha"

    # With details, the job's input names the input commit it read (its commit-set id).
    detailed = client.pps.inspect_job(job=job.job, details=True)
    assert detailed.details.input.pfs.repo == repo.name
    assert detailed.details.input.pfs.commit == job.job.id

    info = client.pps.inspect_pipeline(pipeline=pipeline_ref(name))
    assert info.pipeline.name == name
    assert info.details.input.pfs.repo == repo.name
    assert info.details.transform.cmd[0] == "sh"
    assert name in [item.pipeline.name for item in client.pps.list_pipeline()]


def test_adding_a_file_processes_one_datum_and_skips_the_others(client, repo, pipeline_name):
    commit_files(client, repo, {"/a.txt": b"alpha", "/b.txt": b"beta"})
    name = pipeline_name()
    create_copy_pipeline(client, name, repo.name)
    first = next_job(client, name)
    assert first.state == pps.JobState.JOB_SUCCESS, first.reason

    commit_files(client, repo, {"/c.txt": b"gamma"})
    second = next_job(client, name, seen={first.job.id})
    assert second.state == pps.JobState.JOB_SUCCESS, second.reason
    assert (second.data_processed, second.data_skipped, second.data_total) == (1, 2, 3)
    output = commit_ref(output_repo(name), "master")
    assert read_file(client, file_at(output, "/c.txt")) == b"gamma"
    assert read_file(client, file_at(output, "/a.txt")) == b"alpha", "skipped datums keep their output"

    datums = list(client.pps.list_datum(job=second.job))
    assert len(datums) == 3
    states = sorted(datum.state for datum in datums)
    assert states == sorted([pps.DatumState.SUCCESS, pps.DatumState.SKIPPED, pps.DatumState.SKIPPED])
    processed = next(datum for datum in datums if datum.state == pps.DatumState.SUCCESS)
    assert [item.file.path for item in processed.data] == ["/c.txt"]
    inspected = client.pps.inspect_datum(datum=processed.datum)
    assert inspected.datum.id == processed.datum.id

    newest_first = list(client.pps.list_job(pipeline=pipeline_ref(name)))
    assert [info.job.id for info in newest_first[:2]] == [second.job.id, first.job.id]


def test_get_logs_returns_lines_the_transform_printed(client, repo, pipeline_name):
    commit_files(client, repo, {"/a.txt": b"alpha"})
    name = pipeline_name()
    create_copy_pipeline(client, name, repo.name, transform=copy_transform(repo.name, message="tusk-log-marker"))
    job = next_job(client, name)
    assert job.state == pps.JobState.JOB_SUCCESS, job.reason

    messages = list(client.pps.get_logs(pipeline=pipeline_ref(name)))
    user_lines = [message for message in messages if message.user]
    assert any(f"tusk-log-marker /pfs/{repo.name}/a.txt" in message.message for message in user_lines), [m.message for m in messages]
    line = next(message for message in user_lines if "tusk-log-marker" in message.message)
    assert line.pipeline_name == name
    assert line.job_id == job.job.id
    assert line.datum_id
    job_lines = list(client.pps.get_logs(job=job.job))
    assert any("tusk-log-marker" in message.message for message in job_lines)


def test_wait_all_after_a_put_waits_for_both_stages_of_a_dag(client, repo, pipeline_name):
    commit_files(client, repo, {"/a.txt": b"alpha"})
    first_stage, second_stage = pipeline_name("one"), pipeline_name("two")
    create_copy_pipeline(client, first_stage, repo.name)
    create_copy_pipeline(client, second_stage, first_stage)
    next_job(client, first_stage)
    next_job(client, second_stage)

    with client.pfs.commit(branch=pfs.Branch(repo=repo, name="master")) as commit:
        commit.put_file_from_bytes(path="/b.txt", data=b"beta")
    infos = commit.wait_all()
    assert {info.commit.repo.name for info in infos} >= {repo.name, first_stage, second_stage}
    for stage in (first_stage, second_stage):
        output = commit_ref(output_repo(stage), "master")
        assert read_file(client, file_at(output, "/b.txt")) == b"beta", f"{stage} lacks the new file after wait_all"

    jobs = list(client.pps.inspect_job_set(job_set=pps.JobSet(id=commit.id), wait=True))
    assert {info.job.pipeline.name for info in jobs} == {first_stage, second_stage}
    assert all(info.state == pps.JobState.JOB_SUCCESS for info in jobs)


def test_delete_pipeline_removes_its_output_repo(client, repo, pipeline_name):
    name = pipeline_name()
    create_copy_pipeline(client, name, repo.name)
    assert client.pfs.repo_exists(output_repo(name))
    client.pps.delete_pipeline(pipeline=pipeline_ref(name))
    assert not client.pfs.repo_exists(output_repo(name))
    expect_code(lambda: client.pps.inspect_pipeline(pipeline=pipeline_ref(name)), grpc.StatusCode.NOT_FOUND)


def test_create_pipeline_v2_returns_the_effective_spec(client, repo, pipeline_name):
    name = pipeline_name()
    spec = {
        "pipeline": {"name": name},
        "transform": {"cmd": ["sh", "-c", "true"]},
        "input": {"pfs": {"repo": repo.name, "glob": "/*"}},
    }
    response = client.pps.create_pipeline_v2(create_pipeline_request_json=json.dumps(spec))
    effective = json.loads(response.effective_create_pipeline_request_json)
    assert effective["pipeline"]["name"] == name
    assert effective["transform"]["cmd"] == ["sh", "-c", "true"]
    assert effective["transform"]["image"] == "ubuntu:20.04"
    assert effective["outputBranch"] == "master"
    assert str(effective["datumTries"]) == "3"
    info = client.pps.inspect_pipeline(pipeline=pipeline_ref(name))
    assert json.loads(info.effective_spec_json)["pipeline"]["name"] == name

    updated = dict(spec, description="second version")
    client.pps.create_pipeline_v2(create_pipeline_request_json=json.dumps(updated), update=True)
    info = client.pps.inspect_pipeline(pipeline=pipeline_ref(name))
    assert info.version == 2
    assert info.details.description == "second version"
    versions = list(client.pps.list_pipeline(pipeline=pipeline_ref(name), history=-1))
    assert [version.version for version in versions] == [2, 1]


def test_a_failing_transform_fails_the_job_with_a_reason_naming_the_datum(client, repo, pipeline_name):
    commit_files(client, repo, {"/bad.txt": b"x"})
    name = pipeline_name()
    create_copy_pipeline(client, name, repo.name, transform=pps.Transform(cmd=["sh", "-c", "echo broken >&2; exit 3"]), datum_tries=1)
    job = next_job(client, name)
    assert job.state == pps.JobState.JOB_FAILURE
    assert job.data_failed == 1
    datums = list(client.pps.list_datum(job=job.job))
    assert len(datums) == 1 and datums[0].state == pps.DatumState.FAILED
    failed = datums[0]
    assert failed.datum.id in job.reason or "/bad.txt" in job.reason, job.reason


def test_an_invalid_spec_is_invalid_argument_naming_the_field(client, repo, unique_name):
    spec = {
        "pipeline": {"name": unique_name("pl", limit=40)},
        "transform": {"cmd": ["true"]},
        "input": {"pfs": {"repo": repo.name}},
    }
    error = expect_code(
        lambda: client.pps.create_pipeline_v2(create_pipeline_request_json=json.dumps(spec)),
        grpc.StatusCode.INVALID_ARGUMENT,
    )
    assert "input.pfs.glob" in error.details()


def test_stop_and_start_pipeline_change_its_state(client, repo, pipeline_name):
    name = pipeline_name()
    create_copy_pipeline(client, name, repo.name)
    client.pps.stop_pipeline(pipeline=pipeline_ref(name))
    stopped = client.pps.inspect_pipeline(pipeline=pipeline_ref(name))
    assert stopped.stopped
    assert stopped.state == pps.PipelineState.PIPELINE_PAUSED
    client.pps.start_pipeline(pipeline=pipeline_ref(name))
    started = client.pps.inspect_pipeline(pipeline=pipeline_ref(name))
    assert not started.stopped
    assert started.state != pps.PipelineState.PIPELINE_PAUSED
