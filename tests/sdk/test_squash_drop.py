"""Rewriting history: drop and squash single commits and whole commit sets."""

import grpc
from pachyderm_sdk.api import pfs

from pfs_helpers import (
    commit_by_id,
    commit_files,
    commit_ids,
    commit_ref,
    expect_rpc_error,
    file_at,
    read_file,
)


def _chain(client, repo):
    first = commit_files(client, repo, {"/a": b"a"})
    second = commit_files(client, repo, {"/b": b"b"})
    third = commit_files(client, repo, {"/c": b"c"})
    return first, second, third


def test_drop_commit_of_the_head_moves_the_branch_back(client, repo):
    first, second, third = _chain(client, repo)
    client.pfs.drop_commit(commit=commit_by_id(repo, third.id))
    assert client.pfs.commit_exists(commit_by_id(repo, third.id)) is False
    head = client.pfs.inspect_branch(branch=pfs.Branch(repo=repo, name="master")).head
    assert head.id == second.id
    assert commit_ids(client.pfs.list_commit(repo=repo)) == [second.id, first.id]
    assert client.pfs.path_exists(file_at(commit_ref(repo, "master"), "/c")) is False


def test_drop_commit_with_children_is_refused(client, repo):
    first, second, _third = _chain(client, repo)
    expect_rpc_error(lambda: client.pfs.drop_commit(commit=commit_by_id(repo, second.id)))
    assert client.pfs.commit_exists(commit_by_id(repo, second.id)) is True


def test_squash_commit_merges_its_changes_into_the_child(client, repo):
    first, second, third = _chain(client, repo)
    client.pfs.squash_commit(commit=commit_by_id(repo, second.id))
    assert client.pfs.commit_exists(commit_by_id(repo, second.id)) is False
    assert commit_ids(client.pfs.list_commit(repo=repo)) == [third.id, first.id]
    assert client.pfs.inspect_commit(commit=commit_by_id(repo, third.id)).parent_commit.id == first.id
    head = commit_ref(repo, "master")
    for path, data in (("/a", b"a"), ("/b", b"b"), ("/c", b"c")):
        assert read_file(client, file_at(head, path)) == data


def test_squash_commit_without_children_is_refused(client, repo):
    _first, _second, third = _chain(client, repo)
    expect_rpc_error(lambda: client.pfs.squash_commit(commit=commit_by_id(repo, third.id)))
    assert client.pfs.commit_exists(commit_by_id(repo, third.id)) is True


def test_drop_commit_set_removes_the_head_commit(client, repo):
    first, second = (commit_files(client, repo, {f"/{name}": b"x"}) for name in ("a", "b"))
    client.pfs.drop_commit_set(commit_set=pfs.CommitSet(id=second.id))
    assert client.pfs.commit_exists(commit_by_id(repo, second.id)) is False
    head = client.pfs.inspect_branch(branch=pfs.Branch(repo=repo, name="master")).head
    assert head.id == first.id


def test_squash_commit_set_keeps_the_data_in_the_child(client, repo):
    first, second, third = _chain(client, repo)
    client.pfs.squash_commit_set(commit_set=pfs.CommitSet(id=second.id))
    assert client.pfs.commit_exists(commit_by_id(repo, second.id)) is False
    assert read_file(client, file_at(commit_by_id(repo, third.id), "/b")) == b"b"


def test_inspect_commit_set_lists_the_commit(client, repo):
    commit = commit_files(client, repo, {"/a": b"a"})
    infos = list(client.pfs.inspect_commit_set(commit_set=pfs.CommitSet(id=commit.id)))
    assert [(info.commit.repo.name, info.commit.id) for info in infos] == [(repo.name, commit.id)]


def test_unknown_commit_set_is_not_found(client, repo):
    error = expect_rpc_error(
        lambda: client.pfs.inspect_commit_set(commit_set=pfs.CommitSet(id="0" * 32))
    )
    assert error.code() == grpc.StatusCode.NOT_FOUND
