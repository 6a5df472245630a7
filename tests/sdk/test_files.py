"""Writing files: put from bytes (small, empty and > 19 MiB), append, overwrite, put_files from a
local tree, copy, delete, and writes to a branch that has no open commit."""

import hashlib
import io
import os

from pachyderm_sdk.api import pfs

from pfs_helpers import (
    commit_by_id,
    commit_files,
    commit_ref,
    file_at,
    is_finished,
    paths_of,
    read_file,
    sha256_of_file,
)

MiB = 1024 * 1024


def test_put_file_from_bytes_reads_back_through_pfs_file(client, repo):
    commit = commit_files(client, repo, {"/greeting.txt": b"Hello, Tusk!\n"})
    assert read_file(client, file_at(commit, "/greeting.txt")) == b"Hello, Tusk!\n"


def test_put_file_larger_than_the_19_mib_upload_chunk_reads_back_identical(client, repo):
    # 25 MiB: the SDK sends two raw chunks (19 MiB + 6 MiB), each close to the 20 MiB gRPC
    # message limit, and the server must answer GetFile in chunks below the client's 20 MiB cap.
    data = os.urandom(25 * MiB)
    commit = commit_files(client, repo, {"/big.bin": data})
    info = client.pfs.inspect_file(file=file_at(commit, "/big.bin"))
    assert info.size_bytes == len(data)
    assert sha256_of_file(client, file_at(commit, "/big.bin")) == hashlib.sha256(data).hexdigest()


def test_get_file_stream_chunks_stay_below_the_20_mib_message_limit(client, repo):
    data = os.urandom(21 * MiB)
    commit = commit_files(client, repo, {"/big.bin": data})
    sizes = [len(message.value) for message in client.pfs.get_file(file=file_at(commit, "/big.bin"))]
    assert sum(sizes) == len(data)
    assert max(sizes) < 20 * MiB


def test_put_file_overwrites_by_default(client, repo):
    commit_files(client, repo, {"/v.txt": b"first version"})
    commit = commit_files(client, repo, {"/v.txt": b"second"})
    assert read_file(client, file_at(commit, "/v.txt")) == b"second"


def test_put_file_append_adds_to_the_parent_commit_content(client, repo):
    commit_files(client, repo, {"/log.txt": b"line 1\n"})
    with client.pfs.commit(branch=pfs.Branch(repo=repo, name="master")) as commit:
        commit.put_file_from_bytes(path="/log.txt", data=b"line 2\n", append=True)
    commit.wait()
    assert read_file(client, file_at(commit_by_id(repo, commit.id), "/log.txt")) == b"line 1\nline 2\n"


def test_put_file_append_twice_in_one_commit(client, repo):
    with client.pfs.commit(branch=pfs.Branch(repo=repo, name="master")) as commit:
        commit.put_file_from_bytes(path="/a.txt", data=b"ab")
        commit.put_file_from_bytes(path="/a.txt", data=b"cd", append=True)
        commit.put_file_from_bytes(path="/a.txt", data=b"ef", append=True)
    commit.wait()
    assert read_file(client, file_at(commit_by_id(repo, commit.id), "/a.txt")) == b"abcdef"


def test_overwrite_in_the_same_commit_keeps_only_the_last_write(client, repo):
    with client.pfs.commit(branch=pfs.Branch(repo=repo, name="master")) as commit:
        commit.put_file_from_bytes(path="/a.txt", data=b"draft")
        commit.put_file_from_bytes(path="/a.txt", data=b"final")
    commit.wait()
    assert read_file(client, file_at(commit_by_id(repo, commit.id), "/a.txt")) == b"final"


def test_put_empty_file_creates_an_empty_file(client, repo):
    commit = commit_files(client, repo, {"/empty": b""})
    assert client.pfs.path_exists(file_at(commit, "/empty")) is True
    assert client.pfs.inspect_file(file=file_at(commit, "/empty")).size_bytes == 0
    assert read_file(client, file_at(commit, "/empty")) == b""


def test_put_file_from_file_object(client, repo):
    with client.pfs.commit(branch=pfs.Branch(repo=repo, name="master")) as commit:
        commit.put_file_from_file(path="/from-file.bin", file=io.BytesIO(b"\x00\x01\x02" * 1000))
    commit.wait()
    content = read_file(client, file_at(commit_by_id(repo, commit.id), "/from-file.bin"))
    assert content == b"\x00\x01\x02" * 1000


def test_put_files_uploads_a_local_directory_tree(client, repo, tmp_path):
    tree = {
        "top.txt": b"top",
        "images/cat.png": b"\x89PNG cat",
        "images/dog.png": b"\x89PNG dog",
        "images/deep/owl.png": b"\x89PNG owl",
    }
    for relative, data in tree.items():
        target = tmp_path / "upload" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    with client.pfs.commit(branch=pfs.Branch(repo=repo, name="master")) as commit:
        commit.put_files(source=tmp_path / "upload", path="/data")
    commit.wait()
    finished = commit_by_id(repo, commit.id)
    walked = client.pfs.walk_file(file=file_at(finished, "/data"))
    stored = sorted(paths_of(info for info in walked if info.file_type == pfs.FileType.FILE))
    assert stored == sorted(f"/data/{relative}" for relative in tree)
    for relative, data in tree.items():
        assert read_file(client, file_at(finished, f"/data/{relative}")) == data


def test_copy_file_copies_a_file_from_an_earlier_commit(client, repo):
    source = commit_files(client, repo, {"/original.txt": b"keep me"})
    with client.pfs.commit(branch=pfs.Branch(repo=repo, name="master")) as commit:
        commit.copy_file(src=file_at(source, "/original.txt"), dst="/copy.txt")
    commit.wait()
    finished = commit_by_id(repo, commit.id)
    assert read_file(client, file_at(finished, "/copy.txt")) == b"keep me"
    assert read_file(client, file_at(finished, "/original.txt")) == b"keep me"


def test_copy_file_copies_a_directory_subtree(client, repo):
    source = commit_files(client, repo, {"/src/a.txt": b"a", "/src/sub/b.txt": b"b"})
    with client.pfs.commit(branch=pfs.Branch(repo=repo, name="master")) as commit:
        commit.copy_file(src=file_at(source, "/src"), dst="/dst")
    commit.wait()
    finished = commit_by_id(repo, commit.id)
    assert read_file(client, file_at(finished, "/dst/a.txt")) == b"a"
    assert read_file(client, file_at(finished, "/dst/sub/b.txt")) == b"b"


def test_copy_file_between_repos(client, repo, unique_name):
    other = pfs.Repo(name=unique_name("other"), type="user", project=pfs.Project(name="default"))
    client.pfs.create_repo(repo=other)
    try:
        source = commit_files(client, other, {"/shared.txt": b"from the other repo"})
        with client.pfs.commit(branch=pfs.Branch(repo=repo, name="master")) as commit:
            commit.copy_file(src=file_at(source, "/shared.txt"), dst="/shared.txt")
        commit.wait()
        copied = read_file(client, file_at(commit_by_id(repo, commit.id), "/shared.txt"))
        assert copied == b"from the other repo"
    finally:
        client.pfs.delete_repo(repo=other, force=True)


def test_delete_file_removes_it_from_the_new_commit_only(client, repo):
    old = commit_files(client, repo, {"/gone.txt": b"bye", "/stays.txt": b"hi"})
    new = commit_files(client, repo, {}, deletions=["/gone.txt"])
    assert client.pfs.path_exists(file_at(new, "/gone.txt")) is False
    assert client.pfs.path_exists(file_at(new, "/stays.txt")) is True
    assert read_file(client, file_at(old, "/gone.txt")) == b"bye"


def test_delete_file_with_trailing_slash_removes_a_directory(client, repo):
    commit_files(client, repo, {"/dir/a": b"a", "/dir/sub/b": b"b", "/other": b"o"})
    new = commit_files(client, repo, {}, deletions=["/dir/"])
    assert client.pfs.path_exists(file_at(new, "/dir")) is False
    assert client.pfs.path_exists(file_at(new, "/dir/sub/b")) is False
    assert client.pfs.path_exists(file_at(new, "/other")) is True


def test_delete_of_a_missing_path_is_not_an_error(client, repo):
    commit_files(client, repo, {"/a": b"a"})
    new = commit_files(client, repo, {}, deletions=["/never-existed.txt"])
    assert client.pfs.path_exists(file_at(new, "/a")) is True


def test_put_file_to_a_branch_without_an_open_commit_makes_one_finished_commit(client, repo):
    branch_head = commit_ref(repo, "master")
    client.pfs.put_file_from_bytes(commit=branch_head, path="/auto.txt", data=b"one-off")
    infos = list(client.pfs.list_commit(repo=repo))
    assert len(infos) == 1
    assert is_finished(infos[0])
    assert read_file(client, file_at(commit_ref(repo, "master"), "/auto.txt")) == b"one-off"
    client.pfs.put_file_from_bytes(commit=branch_head, path="/auto2.txt", data=b"two")
    infos = list(client.pfs.list_commit(repo=repo))
    assert len(infos) == 2
    assert infos[0].parent_commit.id == infos[1].commit.id
    assert client.pfs.path_exists(file_at(commit_ref(repo, "master"), "/auto.txt")) is True
