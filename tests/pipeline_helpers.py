"""Helpers the pipeline suites share: waiting for the job a commit or a new pipeline causes, and
removing pipelines a test created. Everything goes through the official `pachyderm-sdk`."""

from __future__ import annotations

import time

import grpc
from pachyderm_sdk import Client
from pachyderm_sdk.api import pfs, pps

JOB_WAIT_SECONDS = 120


def pipeline_ref(name: str) -> pps.Pipeline:
    """A pipeline as the SDK builds it: without a project (the server must default it)."""
    return pps.Pipeline(name=name)


def output_repo(name: str) -> pfs.Repo:
    return pfs.Repo(name=name, type="user", project=pfs.Project(name="default"))


def job_ids(client: Client, pipeline: str) -> set[str]:
    return {info.job.id for info in client.pps.list_job(pipeline=pipeline_ref(pipeline), history=-1)}


def next_job(client: Client, pipeline: str, seen: set[str] = frozenset(), timeout: float = JOB_WAIT_SECONDS) -> pps.JobInfo:
    """Polls `list_job` until a job of `pipeline` not in `seen` appears, then blocks in
    `inspect_job(wait=True)` until it is done and returns its final JobInfo."""
    deadline = time.monotonic() + timeout
    while True:
        fresh = [info for info in client.pps.list_job(pipeline=pipeline_ref(pipeline), history=-1) if info.job.id not in seen]
        if fresh:
            return client.pps.inspect_job(job=fresh[0].job, wait=True)
        assert time.monotonic() < deadline, f"no new job of pipeline {pipeline} appeared within {timeout} s"
        time.sleep(0.2)


def delete_pipelines(client: Client, names: list[str]) -> None:
    """Deletes pipelines in reverse creation order (downstream first), ignoring ones already gone."""
    for name in reversed(names):
        try:
            client.pps.delete_pipeline(pipeline=pipeline_ref(name), force=True)
        except grpc.RpcError:
            pass
