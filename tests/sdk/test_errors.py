"""Refusals: each bad request gets the status code the SDK depends on and a message for people."""

import uuid

import grpc
from pachyderm_sdk.api import pfs

from pfs_helpers import commit_by_id, commit_files, commit_ref, expect_code, expect_rpc_error, file_at


def _unknown_repo(unique_name) -> pfs.Repo:
    return pfs.Repo(name=unique_name("missing"), type="user", project=pfs.Project(name="default"))


def test_inspect_unknown_repo_is_not_found_and_names_it(client, unique_name):
    repo = _unknown_repo(unique_name)
    error = expect_code(lambda: client.pfs.inspect_repo(repo=repo), grpc.StatusCode.NOT_FOUND)
    assert repo.name in error.details()


def test_list_commit_of_unknown_repo_is_not_found(client, unique_name):
    repo = _unknown_repo(unique_name)
    expect_code(lambda: client.pfs.list_commit(repo=repo), grpc.StatusCode.NOT_FOUND)


def test_start_commit_in_unknown_repo_is_not_found(client, unique_name):
    repo = _unknown_repo(unique_name)
    expect_code(
        lambda: client.pfs.start_commit(branch=pfs.Branch(repo=repo, name="master")),
        grpc.StatusCode.NOT_FOUND,
    )


def test_put_file_into_unknown_repo_is_not_found(client, unique_name):
    repo = _unknown_repo(unique_name)
    expect_code(
        lambda: client.pfs.put_file_from_bytes(
            commit=commit_ref(repo, "master"), path="/a", data=b"a"
        ),
        grpc.StatusCode.NOT_FOUND,
    )


def test_inspect_unknown_commit_id_is_not_found(client, repo):
    expect_code(
        lambda: client.pfs.inspect_commit(commit=commit_by_id(repo, uuid.uuid4().hex)),
        grpc.StatusCode.NOT_FOUND,
    )


def test_list_file_on_a_branch_without_commits_is_not_found(client, repo):
    expect_code(
        lambda: client.pfs.list_file(file=file_at(commit_ref(repo, "master"), "/")),
        grpc.StatusCode.NOT_FOUND,
    )


def test_bad_repo_name_is_invalid_argument_and_explains_the_rule(client):
    for bad in ("has space", "slash/inside", "dot.name", "tab\tname", ""):
        repo = pfs.Repo(name=bad, type="user", project=pfs.Project(name="default"))
        error = expect_code(lambda: client.pfs.create_repo(repo=repo), grpc.StatusCode.INVALID_ARGUMENT)
        assert error.details(), f"refusing {bad!r} should say why"


def test_bad_project_name_is_invalid_argument(client):
    for bad in ("-leading-dash", "no spaces", "x" * 52):
        expect_code(
            lambda: client.pfs.create_project(project=pfs.Project(name=bad)),
            grpc.StatusCode.INVALID_ARGUMENT,
        )


def test_bad_branch_name_is_invalid_argument(client, repo):
    head = commit_files(client, repo, {"/a": b"a"})
    expect_code(
        lambda: client.pfs.create_branch(head=head, branch=pfs.Branch(repo=repo, name="bad^name")),
        grpc.StatusCode.INVALID_ARGUMENT,
    )


def test_file_path_with_dot_dot_is_invalid_argument(client, repo):
    started = client.pfs.start_commit(branch=pfs.Branch(repo=repo, name="master"))
    try:
        error = expect_code(
            lambda: client.pfs.put_file_from_bytes(commit=started, path="/a/../../etc/passwd", data=b"x"),
            grpc.StatusCode.INVALID_ARGUMENT,
        )
        assert ".." in error.details()
    finally:
        client.pfs.finish_commit(commit=started)


def test_file_name_with_glob_characters_is_invalid_argument(client, repo):
    started = client.pfs.start_commit(branch=pfs.Branch(repo=repo, name="master"))
    try:
        expect_code(
            lambda: client.pfs.put_file_from_bytes(commit=started, path="/star*.txt", data=b"x"),
            grpc.StatusCode.INVALID_ARGUMENT,
        )
    finally:
        client.pfs.finish_commit(commit=started)


def test_write_to_a_finished_commit_is_refused_and_says_finished(client, repo):
    finished = commit_files(client, repo, {"/a": b"a"})
    error = expect_rpc_error(
        lambda: client.pfs.put_file_from_bytes(commit=finished, path="/late.txt", data=b"late")
    )
    assert error.code() != grpc.StatusCode.OK
    assert "finished" in error.details().lower()
    assert client.pfs.path_exists(file_at(finished, "/late.txt")) is False


def test_failed_upload_stream_leaves_the_open_commit_unchanged(client, repo):
    started = client.pfs.start_commit(branch=pfs.Branch(repo=repo, name="master"))
    client.pfs.put_file_from_bytes(commit=started, path="/good.txt", data=b"good")
    expect_rpc_error(
        lambda: client.pfs.put_file_from_bytes(commit=started, path="/bad/../../x", data=b"bad")
    )
    client.pfs.finish_commit(commit=started)
    finished = commit_by_id(repo, started.id)
    client.pfs.wait_commit(finished)
    assert client.pfs.path_exists(file_at(finished, "/good.txt")) is True
    assert client.pfs.path_exists(file_at(finished, "/x")) is False
