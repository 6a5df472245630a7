"""Crash safety: SIGKILL the daemon in the middle of a large upload, restart it on the same data
directory, and check that finished commits are intact and the interrupted upload left no
finished commit with partial data.

Each case runs its own `tusk serve` (never the session server), because it kills it.
The upload size is `TUSK_CRASH_PUT_MB` (default 300); the kill happens once a third of it has
been handed to the client library.
"""

from __future__ import annotations

import hashlib
import os
import random
import threading

import grpc
import pytest
from pachyderm_sdk import Client
from pachyderm_sdk.api import pfs

from pfs_helpers import (
    commit_by_id,
    commit_files,
    commit_ref,
    expect_code,
    file_at,
    is_finished,
    read_file,
    sha256_of_file,
)
from tusk_harness import HarnessError, TuskServer, tusk_binary

MiB = 1024 * 1024
UPLOAD_BYTES = int(os.environ.get("TUSK_CRASH_PUT_MB", "300")) * MiB
KILL_AFTER_BYTES = UPLOAD_BYTES // 3


class InterruptibleSource:
    """A file-like source of pseudo-random bytes for `put_file_from_file`.

    After `kill_after` bytes it signals `reached` and blocks until the test has killed the
    server; then it raises, so the upload can never complete against a live server.
    """

    def __init__(self, total: int, kill_after: int, seed: int):
        self.remaining = total
        self.kill_after = kill_after
        self.produced = 0
        self.generator = random.Random(seed)
        self.reached = threading.Event()
        self.server_killed = threading.Event()

    def read(self, size: int = -1) -> bytes:
        if self.produced >= self.kill_after:
            self.reached.set()
            self.server_killed.wait(timeout=600)
            raise OSError("the upload source stops here: the server was killed")
        if size is None or size < 0:
            size = self.remaining
        size = min(size, self.remaining, self.kill_after - self.produced + MiB)
        if size <= 0:
            return b""
        self.remaining -= size
        self.produced += size
        return self.generator.randbytes(size)


@pytest.fixture
def crash_server(tmp_path):
    """A private `tusk serve` this test may kill; never the session server."""
    problem = None
    server = None
    try:
        server = TuskServer(data_dir=tmp_path / "data", log_dir=tmp_path / "logs", binary=tusk_binary())
        server.start()
    except HarnessError as error:
        problem = str(error)
    if problem is not None:
        pytest.fail(problem, pytrace=False)
    yield server
    server.stop()


@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.parametrize("target", ["open-commit", "branch-one-off"])
def test_sigkill_during_a_large_put_keeps_finished_commits_and_drops_the_partial_put(
    crash_server, target
):
    client = Client(host="localhost", port=crash_server.grpc_port)
    repo = pfs.Repo(name="crash", type="user", project=pfs.Project(name="default"))
    client.pfs.create_repo(repo=repo, description="crash test")

    known = {
        "/known/random.bin": os.urandom(3 * MiB + 17),
        "/known/text.txt": b"finished before the crash\n" * 100,
        "/known/empty": b"",
    }
    finished = commit_files(client, repo, known)
    expected = {path: hashlib.sha256(data).hexdigest() for path, data in known.items()}

    if target == "open-commit":
        destination = client.pfs.start_commit(branch=pfs.Branch(repo=repo, name="master"))
    else:
        destination = commit_ref(repo, "master")

    source = InterruptibleSource(UPLOAD_BYTES, KILL_AFTER_BYTES, seed=20240611)
    outcome: dict[str, object] = {}

    def upload() -> None:
        try:
            client.pfs.put_file_from_file(commit=destination, path="/big.bin", file=source)
            outcome["completed"] = True
        except BaseException as problem:  # the stream must die with the server
            outcome["error"] = problem

    uploader = threading.Thread(target=upload, name="crash-upload", daemon=True)
    uploader.start()
    while not source.reached.wait(timeout=0.2):
        if not uploader.is_alive():
            pytest.fail(
                f"the upload ended before {KILL_AFTER_BYTES // MiB} MiB were sent "
                f"(sent {source.produced // MiB} MiB; outcome {outcome}).\n{crash_server.logs()}"
            )
    crash_server.kill()
    source.server_killed.set()
    uploader.join(timeout=120)
    assert not uploader.is_alive(), "the upload thread did not notice the dead server"
    assert "completed" not in outcome, "the upload reported success although the server died"

    crash_server.restart_on_new_ports()
    client = Client(host="localhost", port=crash_server.grpc_port)

    # 1. The commit finished before the crash is intact, byte for byte.
    info = client.pfs.inspect_commit(commit=commit_by_id(repo, finished.id))
    assert is_finished(info)
    for path, digest in expected.items():
        assert sha256_of_file(client, file_at(finished, path)) == digest, path

    # 2. No finished commit holds any part of the interrupted upload.
    for commit_info in client.pfs.list_commit(repo=repo, all=True):
        if is_finished(commit_info):
            commit = commit_by_id(repo, commit_info.commit.id)
            assert client.pfs.path_exists(file_at(commit, "/big.bin")) is False, (
                f"finished commit {commit_info.commit.id} contains the interrupted upload"
            )

    # 3. The interrupted target is absent or still open; never finished with partial data.
    if target == "open-commit":
        survivor = commit_by_id(repo, destination.id)
        if client.pfs.commit_exists(survivor):
            assert not is_finished(client.pfs.inspect_commit(commit=survivor))
            client.pfs.finish_commit(commit=survivor)
            client.pfs.wait_commit(survivor)
            assert client.pfs.path_exists(file_at(survivor, "/big.bin")) is False, (
                "a failed upload stream must not leave data in its commit"
            )
            assert read_file(client, file_at(survivor, "/known/text.txt")) == known["/known/text.txt"]
    else:
        head = client.pfs.inspect_branch(branch=pfs.Branch(repo=repo, name="master")).head
        assert head.id == finished.id, "the one-off commit of the interrupted put must not land"

    # 4. The restarted server takes new writes on the same branch.
    after = commit_files(client, repo, {"/after-restart.txt": b"still working"})
    assert read_file(client, file_at(after, "/after-restart.txt")) == b"still working"
    assert sha256_of_file(client, file_at(after, "/known/random.bin")) == expected["/known/random.bin"]


def test_clean_restart_keeps_every_commit(crash_server):
    client = Client(host="localhost", port=crash_server.grpc_port)
    repo = pfs.Repo(name="restart", type="user", project=pfs.Project(name="default"))
    client.pfs.create_repo(repo=repo)
    first = commit_files(client, repo, {"/a": b"1"})
    second = commit_files(client, repo, {"/a": b"2", "/b": b"b"})
    crash_server.stop()
    crash_server.restart_on_new_ports()
    client = Client(host="localhost", port=crash_server.grpc_port)
    assert [info.commit.id for info in client.pfs.list_commit(repo=repo)] == [second.id, first.id]
    assert read_file(client, file_at(first, "/a")) == b"1"
    assert read_file(client, file_at(second, "/a")) == b"2"
    assert read_file(client, file_at(second, "/b")) == b"b"


def test_sigkill_of_an_idle_server_loses_nothing(crash_server):
    client = Client(host="localhost", port=crash_server.grpc_port)
    repo = pfs.Repo(name="idle", type="user", project=pfs.Project(name="default"))
    client.pfs.create_repo(repo=repo)
    commit = commit_files(client, repo, {"/kept.txt": b"kept"})
    crash_server.kill()
    crash_server.restart_on_new_ports()
    client = Client(host="localhost", port=crash_server.grpc_port)
    assert client.pfs.repo_exists(repo) is True
    assert read_file(client, file_at(commit, "/kept.txt")) == b"kept"
    expect_code(lambda: client.pfs.create_repo(repo=repo), grpc.StatusCode.ALREADY_EXISTS)
