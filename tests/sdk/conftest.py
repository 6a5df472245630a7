"""Fixtures for the `pachyderm-sdk` suite: a fresh repo per test (the client is in ../conftest.py)."""

from __future__ import annotations

import grpc
import pytest
from pachyderm_sdk.api import pfs


@pytest.fixture
def repo(client, repo_name) -> pfs.Repo:
    """A new, empty user repo in the default project, deleted again after the test."""
    created = pfs.Repo(name=repo_name, type="user", project=pfs.Project(name="default"))
    client.pfs.create_repo(repo=created)
    yield created
    try:
        client.pfs.delete_repo(repo=created, force=True)
    except grpc.RpcError:
        pass  # the test may have deleted it already; a broken delete is tested elsewhere
