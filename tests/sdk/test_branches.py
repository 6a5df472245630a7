"""Branches: create with a head, inspect, list, move, delete, `branch_exists`."""

import grpc
from pachyderm_sdk.api import pfs

from pfs_helpers import commit_by_id, commit_files, expect_code


def test_create_branch_with_head_points_at_that_commit(client, repo):
    first = commit_files(client, repo, {"/a.txt": b"a"})
    commit_files(client, repo, {"/b.txt": b"b"})
    client.pfs.create_branch(head=first, branch=pfs.Branch(repo=repo, name="dev"))
    info = client.pfs.inspect_branch(branch=pfs.Branch(repo=repo, name="dev"))
    assert info.branch.name == "dev"
    assert info.branch.repo.name == repo.name
    assert info.head.id == first.id


def test_inspect_branch_head_is_the_latest_commit(client, repo):
    commit_files(client, repo, {"/a.txt": b"a"})
    latest = commit_files(client, repo, {"/b.txt": b"b"})
    info = client.pfs.inspect_branch(branch=pfs.Branch(repo=repo, name="master"))
    assert info.head.id == latest.id


def test_list_branch_returns_every_branch(client, repo):
    head = commit_files(client, repo, {"/a.txt": b"a"})
    for name in ("dev", "staging"):
        client.pfs.create_branch(head=head, branch=pfs.Branch(repo=repo, name=name))
    names = sorted(info.branch.name for info in client.pfs.list_branch(repo=repo))
    assert names == ["dev", "master", "staging"]


def test_create_branch_on_an_existing_name_moves_it(client, repo):
    first = commit_files(client, repo, {"/a.txt": b"a"})
    second = commit_files(client, repo, {"/b.txt": b"b"})
    dev = pfs.Branch(repo=repo, name="dev")
    client.pfs.create_branch(head=second, branch=dev)
    client.pfs.create_branch(head=first, branch=dev)
    assert client.pfs.inspect_branch(branch=dev).head.id == first.id


def test_delete_branch_keeps_its_commits(client, repo):
    head = commit_files(client, repo, {"/a.txt": b"a"})
    dev = pfs.Branch(repo=repo, name="dev")
    client.pfs.create_branch(head=head, branch=dev)
    client.pfs.delete_branch(branch=dev)
    assert client.pfs.branch_exists(dev) is False
    assert client.pfs.commit_exists(commit_by_id(repo, head.id)) is True
    assert [info.branch.name for info in client.pfs.list_branch(repo=repo)] == ["master"]


def test_branch_exists_reflects_creation(client, repo):
    head = commit_files(client, repo, {"/a.txt": b"a"})
    feature = pfs.Branch(repo=repo, name="feature")
    assert client.pfs.branch_exists(feature) is False
    client.pfs.create_branch(head=head, branch=feature)
    assert client.pfs.branch_exists(feature) is True


def test_inspect_unknown_branch_is_not_found(client, repo):
    expect_code(
        lambda: client.pfs.inspect_branch(branch=pfs.Branch(repo=repo, name="nope")),
        grpc.StatusCode.NOT_FOUND,
    )


def test_commit_on_a_new_branch_starts_from_its_head(client, repo):
    head = commit_files(client, repo, {"/a.txt": b"a"})
    dev = pfs.Branch(repo=repo, name="dev")
    client.pfs.create_branch(head=head, branch=dev)
    on_dev = commit_files(client, repo, {"/b.txt": b"b"}, branch="dev")
    info = client.pfs.inspect_commit(commit=on_dev)
    assert info.parent_commit.id == head.id
    assert client.pfs.inspect_branch(branch=pfs.Branch(repo=repo, name="master")).head.id == head.id
