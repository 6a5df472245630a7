"""Commits: the `commit()` context manager, start/finish, wait, wait_all, listing and ancestry."""

import uuid

import grpc
from pachyderm_sdk.api import pfs

from pfs_helpers import (
    commit_by_id,
    commit_files,
    commit_ids,
    commit_ref,
    expect_code,
    expect_rpc_error,
    file_at,
    has_parent,
    is_finished,
    read_file,
)


def _three_commits(client, repo):
    return [
        commit_files(client, repo, {f"/file{number}.txt": str(number).encode()})
        for number in (1, 2, 3)
    ]


def test_commit_context_manager_leaves_the_commit_open_inside_and_finished_after(client, repo):
    with client.pfs.commit(branch=pfs.Branch(repo=repo, name="master")) as commit:
        commit.put_file_from_bytes(path="/inside.txt", data=b"inside")
        inside = client.pfs.inspect_commit(commit=commit_by_id(repo, commit.id))
        assert not is_finished(inside), "an open commit must not report a finished time"
    info = commit.wait()
    assert info.commit.id == commit.id
    assert is_finished(info)
    assert read_file(client, file_at(commit_by_id(repo, commit.id), "/inside.txt")) == b"inside"


def test_start_and_finish_commit_explicitly_with_a_description(client, repo):
    started = client.pfs.start_commit(
        branch=pfs.Branch(repo=repo, name="master"), description="hand made"
    )
    assert started.id and len(started.id) == 32
    client.pfs.put_file_from_bytes(commit=started, path="/a.txt", data=b"a")
    client.pfs.finish_commit(commit=started)
    info = client.pfs.wait_commit(commit_by_id(repo, started.id))
    assert is_finished(info)
    assert info.description == "hand made"
    assert info.origin.kind == pfs.OriginKind.USER


def test_finish_commit_can_replace_the_description(client, repo):
    started = client.pfs.start_commit(branch=pfs.Branch(repo=repo, name="master"), description="old")
    client.pfs.finish_commit(commit=started, description="new")
    assert client.pfs.wait_commit(commit_by_id(repo, started.id)).description == "new"


def test_wait_returns_the_finished_commit_info(client, repo):
    with client.pfs.commit(branch=pfs.Branch(repo=repo, name="master")) as commit:
        commit.put_file_from_bytes(path="/x", data=b"x")
    info = commit.wait()
    assert info.commit.repo.name == repo.name
    assert is_finished(info)


def test_wait_all_includes_the_commit_itself(client, repo):
    with client.pfs.commit(branch=pfs.Branch(repo=repo, name="master")) as commit:
        commit.put_file_from_bytes(path="/x", data=b"x")
    infos = commit.wait_all()
    assert (repo.name, commit.id) in [(info.commit.repo.name, info.commit.id) for info in infos]
    assert all(is_finished(info) for info in infos)


def test_list_commit_is_newest_first(client, repo):
    commits = _three_commits(client, repo)
    listed = commit_ids(client.pfs.list_commit(repo=repo))
    assert listed == [commit.id for commit in reversed(commits)]


def test_list_commit_number_limits_to_the_newest(client, repo):
    commits = _three_commits(client, repo)
    listed = commit_ids(client.pfs.list_commit(repo=repo, number=2))
    assert listed == [commits[2].id, commits[1].id]


def test_list_commit_reverse_is_oldest_first(client, repo):
    commits = _three_commits(client, repo)
    listed = commit_ids(client.pfs.list_commit(repo=repo, reverse=True))
    assert listed == [commit.id for commit in commits]


def test_inspect_commit_reports_its_parent(client, repo):
    first, second, third = _three_commits(client, repo)
    assert client.pfs.inspect_commit(commit=third).parent_commit.id == second.id
    assert client.pfs.inspect_commit(commit=second).parent_commit.id == first.id
    root = client.pfs.inspect_commit(commit=first)
    assert not has_parent(root)


def test_caret_ancestry_counts_back_from_the_branch_head(client, repo):
    first, second, third = _three_commits(client, repo)
    assert client.pfs.inspect_commit(commit=commit_ref(repo, "master")).commit.id == third.id
    assert client.pfs.inspect_commit(commit=commit_ref(repo, "master^1")).commit.id == second.id
    assert client.pfs.inspect_commit(commit=commit_ref(repo, "master^2")).commit.id == first.id


def test_dot_ancestry_counts_forward_from_the_first_commit(client, repo):
    first, second, third = _three_commits(client, repo)
    assert client.pfs.inspect_commit(commit=commit_ref(repo, "master.1")).commit.id == first.id
    assert client.pfs.inspect_commit(commit=commit_ref(repo, "master.2")).commit.id == second.id
    assert client.pfs.inspect_commit(commit=commit_ref(repo, "master.3")).commit.id == third.id


def test_ancestry_beyond_the_first_commit_is_not_found(client, repo):
    _three_commits(client, repo)
    expect_code(
        lambda: client.pfs.inspect_commit(commit=commit_ref(repo, "master^5")),
        grpc.StatusCode.NOT_FOUND,
    )


def test_reading_through_an_ancestry_reference_sees_the_old_content(client, repo):
    commit_files(client, repo, {"/v.txt": b"one"})
    commit_files(client, repo, {"/v.txt": b"two"})
    assert read_file(client, file_at(commit_ref(repo, "master^1"), "/v.txt")) == b"one"
    assert read_file(client, file_at(commit_ref(repo, "master"), "/v.txt")) == b"two"


def test_commit_exists_is_true_for_a_commit_and_false_for_an_unknown_id(client, repo):
    commit = commit_files(client, repo, {"/a": b"a"})
    assert client.pfs.commit_exists(commit_by_id(repo, commit.id)) is True
    assert client.pfs.commit_exists(commit_by_id(repo, uuid.uuid4().hex)) is False


def test_finishing_a_finished_commit_is_an_error(client, repo):
    commit = commit_files(client, repo, {"/a": b"a"})
    expect_rpc_error(lambda: client.pfs.finish_commit(commit=commit))


def test_start_commit_with_explicit_parent(client, repo):
    first, _second = [commit_files(client, repo, {f"/{n}": b"n"}) for n in ("a", "b")]
    started = client.pfs.start_commit(parent=first, branch=pfs.Branch(repo=repo, name="other"))
    client.pfs.finish_commit(commit=started)
    info = client.pfs.wait_commit(commit_by_id(repo, started.id))
    assert info.parent_commit.id == first.id
