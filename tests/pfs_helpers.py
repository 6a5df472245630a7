"""Small helpers the SDK tests share: building references, reading files back, catching RPC errors.

Everything here goes through the official `pachyderm-sdk` surface (`client.pfs.*`), so a helper
never hides a behaviour the tests are meant to check.
"""

from __future__ import annotations

import hashlib
from typing import Callable, Iterable, Mapping

import grpc
import pytest
from pachyderm_sdk import Client
from pachyderm_sdk.api import pfs

READ_SIZE = 64 * 1024 * 1024


def repo_uri(repo: pfs.Repo) -> str:
    """`project/repo`, the SDK's URI form of a repo."""
    project = repo.project.name if repo.project and repo.project.name else "default"
    return f"{project}/{repo.name}"


def commit_ref(repo: pfs.Repo, reference: str) -> pfs.Commit:
    """A commit reference such as `master`, `master^1`, `master.1` or a commit id, parsed the
    way the SDK parses user input (so ancestry expressions travel in `Commit.id`)."""
    return pfs.Commit.from_uri(f"{repo_uri(repo)}@{reference}")


def commit_by_id(repo: pfs.Repo, commit_id: str) -> pfs.Commit:
    return pfs.Commit(repo=repo, id=commit_id)


def file_at(commit: pfs.Commit, path: str) -> pfs.File:
    return pfs.File(commit=commit, path=path)


def read_file(client: Client, file: pfs.File) -> bytes:
    """The whole content of one file, read through `client.pfs.pfs_file` in large reads."""
    pieces = []
    with client.pfs.pfs_file(file=file) as stream:
        while True:
            piece = stream.read(READ_SIZE)
            if not piece:
                break
            pieces.append(piece)
    return b"".join(pieces)


def sha256_of_file(client: Client, file: pfs.File) -> str:
    digest = hashlib.sha256()
    with client.pfs.pfs_file(file=file) as stream:
        while True:
            piece = stream.read(READ_SIZE)
            if not piece:
                break
            digest.update(piece)
    return digest.hexdigest()


def commit_files(
    client: Client,
    repo: pfs.Repo,
    files: Mapping[str, bytes],
    *,
    branch: str = "master",
    deletions: Iterable[str] = (),
    description: str = "",
) -> pfs.Commit:
    """Open a commit on `branch` with the SDK's context manager, write `files` (overwriting),
    delete `deletions`, finish it and return the finished commit (repo + id)."""
    with client.pfs.commit(
        branch=pfs.Branch(repo=repo, name=branch), description=description
    ) as commit:
        for path in deletions:
            commit.delete_file(path=path)
        for path, data in files.items():
            commit.put_file_from_bytes(path=path, data=data)
    commit.wait()
    return commit_by_id(repo, commit.id)


def expect_rpc_error(action: Callable[[], object]) -> grpc.RpcError:
    """Run `action` (drain it if it returns an iterator) and return the RpcError it raises."""
    with pytest.raises(grpc.RpcError) as caught:
        result = action()
        if hasattr(result, "__next__"):
            list(result)
    return caught.value


def expect_code(action: Callable[[], object], code: grpc.StatusCode) -> grpc.RpcError:
    error = expect_rpc_error(action)
    assert error.code() == code, (
        f"expected {code.name}, got {error.code().name}: {error.details()}"
    )
    return error


def normalized(path: str) -> str:
    """A PFS path without its trailing `/` (directories may be reported as `/dir/`)."""
    return path.rstrip("/") or "/"


def paths_of(infos: Iterable[pfs.FileInfo]) -> list[str]:
    return [normalized(info.file.path) for info in infos]


def commit_ids(infos: Iterable[pfs.CommitInfo]) -> list[str]:
    return [info.commit.id for info in infos]


def is_finished(info: pfs.CommitInfo) -> bool:
    """Whether a CommitInfo carries a finished time (betterproto reports an unset Timestamp as
    the epoch, so presence is checked explicitly)."""
    return info.is_set("finished") and info.finished.timestamp() > 0


def has_parent(info: pfs.CommitInfo) -> bool:
    return info.is_set("parent_commit") and bool(info.parent_commit.id)
