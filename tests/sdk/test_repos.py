"""Repos: create, inspect (description, type, branches), list with sizes, delete, existence."""

import grpc
from pachyderm_sdk.api import pfs

from pfs_helpers import commit_files, expect_code


def _default_repo(name: str) -> pfs.Repo:
    return pfs.Repo(name=name, type="user", project=pfs.Project(name="default"))


def test_create_repo_with_description_is_inspectable(client, repo_name):
    repo = _default_repo(repo_name)
    client.pfs.create_repo(repo=repo, description="raw camera frames")
    info = client.pfs.inspect_repo(repo=repo)
    assert info.repo.name == repo_name
    assert info.repo.type == "user"
    assert info.repo.project.name == "default"
    assert info.description == "raw camera frames"
    assert info.is_set("created") and info.created.timestamp() > 0
    client.pfs.delete_repo(repo=repo)


def test_create_repo_creates_no_branch(client, repo):
    assert list(client.pfs.list_branch(repo=repo)) == []
    assert list(client.pfs.inspect_repo(repo=repo).branches) == []


def test_inspect_repo_lists_branches_after_a_commit(client, repo):
    commit_files(client, repo, {"/a.txt": b"a"})
    branches = [branch.name for branch in client.pfs.inspect_repo(repo=repo).branches]
    assert branches == ["master"]


def test_create_repo_with_update_changes_the_description(client, repo):
    client.pfs.create_repo(repo=repo, description="new words", update=True)
    assert client.pfs.inspect_repo(repo=repo).description == "new words"


def test_list_repo_includes_the_repo_with_its_size(client, repo):
    data = b"x" * 10_000
    commit_files(client, repo, {"/data.bin": data})
    listed = {info.repo.name: info for info in client.pfs.list_repo()}
    assert repo.name in listed
    info = listed[repo.name]
    reported = max(
        info.size_bytes_upper_bound, info.details.size_bytes if info.details else 0
    )
    assert reported >= len(data), f"repo size {reported} is below the {len(data)} bytes stored"


def test_list_repo_of_type_user_includes_the_repo(client, repo):
    names = [info.repo.name for info in client.pfs.list_repo(type="user")]
    assert repo.name in names


def test_delete_repo_removes_it(client, repo_name):
    repo = _default_repo(repo_name)
    client.pfs.create_repo(repo=repo)
    client.pfs.delete_repo(repo=repo)
    assert client.pfs.repo_exists(repo) is False
    assert repo_name not in [info.repo.name for info in client.pfs.list_repo()]


def test_repo_exists_is_false_for_an_unknown_repo_because_inspect_is_not_found(
    client, repo_name
):
    repo = _default_repo(repo_name)
    expect_code(lambda: client.pfs.inspect_repo(repo=repo), grpc.StatusCode.NOT_FOUND)
    assert client.pfs.repo_exists(repo) is False


def test_repo_exists_is_true_for_a_created_repo(client, repo):
    assert client.pfs.repo_exists(repo) is True


def test_create_repo_twice_is_already_exists(client, repo):
    expect_code(lambda: client.pfs.create_repo(repo=repo), grpc.StatusCode.ALREADY_EXISTS)


def test_deleted_repo_name_can_be_created_again_empty(client, repo):
    commit_files(client, repo, {"/a.txt": b"a"})
    client.pfs.delete_repo(repo=repo, force=True)
    client.pfs.create_repo(repo=repo)
    assert list(client.pfs.list_commit(repo=repo)) == []
