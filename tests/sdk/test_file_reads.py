"""Reading files: list, walk, glob, get (plain and TAR), inspect, diff and path_exists."""

import io
import tarfile

import grpc
import pytest
from pachyderm_sdk.api import pfs

from pfs_helpers import commit_files, commit_ref, expect_code, file_at, normalized, paths_of, read_file

TREE = {
    "/README.md": b"# sample\n",
    "/dir/a.txt": b"alpha",
    "/dir/b.csv": b"1,2,3\n",
    "/dir/sub/c.txt": b"charlie!",
    "/zeta.txt": b"z",
}


@pytest.fixture
def tree_commit(client, repo):
    return commit_files(client, repo, TREE)


def test_list_file_returns_the_immediate_children_in_order_with_types(client, tree_commit):
    infos = list(client.pfs.list_file(file=file_at(tree_commit, "/")))
    assert paths_of(infos) == ["/README.md", "/dir", "/zeta.txt"]
    types = {normalized(info.file.path): info.file_type for info in infos}
    assert types == {
        "/README.md": pfs.FileType.FILE,
        "/dir": pfs.FileType.DIR,
        "/zeta.txt": pfs.FileType.FILE,
    }


def test_list_file_of_a_subdirectory(client, tree_commit):
    infos = list(client.pfs.list_file(file=file_at(tree_commit, "/dir")))
    assert paths_of(infos) == ["/dir/a.txt", "/dir/b.csv", "/dir/sub"]
    sizes = {normalized(info.file.path): info.size_bytes for info in infos}
    assert sizes["/dir/a.txt"] == len(TREE["/dir/a.txt"])


def test_list_file_of_a_file_path_lists_just_that_file(client, tree_commit):
    infos = list(client.pfs.list_file(file=file_at(tree_commit, "/dir/a.txt")))
    assert paths_of(infos) == ["/dir/a.txt"]


def test_walk_file_visits_the_directory_then_every_descendant_in_order(client, tree_commit):
    walked = paths_of(client.pfs.walk_file(file=file_at(tree_commit, "/dir")))
    assert walked == ["/dir", "/dir/a.txt", "/dir/b.csv", "/dir/sub", "/dir/sub/c.txt"]


def test_walk_file_from_the_root_reaches_every_file(client, tree_commit):
    walked = paths_of(client.pfs.walk_file(file=file_at(tree_commit, "/")))
    assert set(TREE) <= set(walked)
    files_in_order = [path for path in walked if path in TREE]
    assert files_in_order == sorted(TREE)


def test_glob_file_returns_only_matching_paths(client, tree_commit):
    matched = paths_of(client.pfs.glob_file(commit=tree_commit, pattern="/dir/*.txt"))
    assert matched == ["/dir/a.txt"]


def test_glob_file_star_matches_top_level_files_and_directories(client, tree_commit):
    matched = paths_of(client.pfs.glob_file(commit=tree_commit, pattern="/*"))
    assert matched == ["/README.md", "/dir", "/zeta.txt"]


def test_glob_file_double_star_matches_at_any_depth(client, tree_commit):
    matched = paths_of(client.pfs.glob_file(commit=tree_commit, pattern="/**.txt"))
    assert matched == ["/dir/a.txt", "/dir/sub/c.txt", "/zeta.txt"]


def test_get_file_reads_contents_through_pfs_file(client, tree_commit):
    for path, data in TREE.items():
        assert read_file(client, file_at(tree_commit, path)) == data


def test_get_file_with_an_offset_skips_bytes(client, tree_commit):
    messages = client.pfs.get_file(file=file_at(tree_commit, "/dir/sub/c.txt"), offset=3)
    assert b"".join(message.value for message in messages) == b"rlie!"


def test_get_file_of_a_missing_path_is_not_found(client, tree_commit):
    expect_code(
        lambda: client.pfs.get_file(file=file_at(tree_commit, "/missing.txt")),
        grpc.StatusCode.NOT_FOUND,
    )


def test_pfs_file_of_a_missing_path_raises_on_open(client, tree_commit):
    with pytest.raises(ValueError) as caught:
        client.pfs.pfs_file(file=file_at(tree_commit, "/missing.txt"))
    assert isinstance(caught.value.__cause__, grpc.RpcError)
    assert caught.value.__cause__.code() == grpc.StatusCode.NOT_FOUND


def test_get_file_of_a_directory_is_refused_and_suggests_tar(client, tree_commit):
    error = None
    try:
        list(client.pfs.get_file(file=file_at(tree_commit, "/dir")))
    except grpc.RpcError as raised:
        error = raised
    assert error is not None, "GetFile of a directory must fail"
    assert "GetFileTAR" in (error.details() or "")


def test_get_file_tar_holds_directory_and_file_entries_with_contents(client, tree_commit):
    names = []
    contents = {}
    with client.pfs.pfs_tar_file(file=file_at(tree_commit, "/dir")) as archive:
        for member in archive:
            names.append((member.name, member.isdir()))
            if member.isfile():
                contents[member.name] = archive.extractfile(member).read()
    assert contents == {
        "dir/a.txt": TREE["/dir/a.txt"],
        "dir/b.csv": TREE["/dir/b.csv"],
        "dir/sub/c.txt": TREE["/dir/sub/c.txt"],
    }
    assert ("dir/sub", True) in names
    order = [name for name, _ in names]
    assert order.index("dir/sub") < order.index("dir/sub/c.txt")


def test_get_file_tar_stream_is_a_complete_archive_with_absolute_names(client, tree_commit):
    raw = b"".join(message.value for message in client.pfs.get_file_tar(file=file_at(tree_commit, "/dir/a.txt")))
    assert len(raw) % 512 == 0
    assert raw[-1024:] == bytes(1024), "a tar stream ends with two zero blocks"
    with tarfile.open(fileobj=io.BytesIO(raw), mode="r:") as archive:
        members = archive.getmembers()
        assert [member.name for member in members] == ["/dir/a.txt"]
        assert archive.extractfile(members[0]).read() == TREE["/dir/a.txt"]


def test_get_file_tar_of_a_glob_includes_every_match(client, tree_commit):
    with client.pfs.pfs_tar_file(file=file_at(tree_commit, "/*.txt")) as archive:
        files = [member.name for member in archive if member.isfile()]
    assert files == ["zeta.txt"]


def test_inspect_file_reports_size_and_type(client, tree_commit):
    info = client.pfs.inspect_file(file=file_at(tree_commit, "/dir/sub/c.txt"))
    assert info.file_type == pfs.FileType.FILE
    assert info.size_bytes == len(TREE["/dir/sub/c.txt"])
    assert normalized(info.file.path) == "/dir/sub/c.txt"


def test_inspect_file_of_a_directory_reports_the_total_size(client, tree_commit):
    info = client.pfs.inspect_file(file=file_at(tree_commit, "/dir"))
    assert info.file_type == pfs.FileType.DIR
    expected = sum(len(data) for path, data in TREE.items() if path.startswith("/dir/"))
    assert info.size_bytes == expected


def test_inspect_missing_file_is_not_found(client, tree_commit):
    expect_code(
        lambda: client.pfs.inspect_file(file=file_at(tree_commit, "/nope")),
        grpc.StatusCode.NOT_FOUND,
    )


def test_identical_content_reports_the_same_hash(client, repo):
    commit = commit_files(client, repo, {"/one": b"same bytes", "/two": b"same bytes", "/three": b"other"})
    one, two, three = (client.pfs.inspect_file(file=file_at(commit, path)) for path in ("/one", "/two", "/three"))
    assert one.hash and one.hash == two.hash
    assert one.hash != three.hash


def test_path_exists_for_a_file_a_directory_and_a_missing_path(client, tree_commit):
    assert client.pfs.path_exists(file_at(tree_commit, "/dir/a.txt")) is True
    assert client.pfs.path_exists(file_at(tree_commit, "/dir/sub")) is True
    assert client.pfs.path_exists(file_at(tree_commit, "/dir/nothing")) is False


def _diff_sides(responses):
    new, old = set(), set()
    for response in responses:
        if response.is_set("new_file") and response.new_file.file_type == pfs.FileType.FILE:
            new.add(normalized(response.new_file.file.path))
        if response.is_set("old_file") and response.old_file.file_type == pfs.FileType.FILE:
            old.add(normalized(response.old_file.file.path))
    return new, old


def test_diff_file_between_two_commits_reports_added_changed_and_removed(client, repo):
    before = commit_files(client, repo, {"/same.txt": b"s", "/changed.txt": b"v1", "/removed.txt": b"r"})
    after = commit_files(
        client, repo, {"/changed.txt": b"v2", "/added.txt": b"a"}, deletions=["/removed.txt"]
    )
    new, old = _diff_sides(
        client.pfs.diff_file(new_file=file_at(after, "/"), old_file=file_at(before, "/"))
    )
    assert new == {"/changed.txt", "/added.txt"}
    assert old == {"/changed.txt", "/removed.txt"}


def test_diff_file_without_old_file_compares_with_the_parent(client, repo):
    commit_files(client, repo, {"/a": b"1", "/b": b"1"})
    after = commit_files(client, repo, {"/b": b"2"})
    new, old = _diff_sides(client.pfs.diff_file(new_file=file_at(after, "/")))
    assert new == {"/b"}
    assert old == {"/b"}


def test_reading_an_older_commit_returns_the_older_content(client, repo):
    commit_files(client, repo, {"/v": b"1"})
    commit_files(client, repo, {"/v": b"2"})
    commit_files(client, repo, {"/v": b"3"})
    assert read_file(client, file_at(commit_ref(repo, "master.1"), "/v")) == b"1"
    assert read_file(client, file_at(commit_ref(repo, "master^1"), "/v")) == b"2"
    assert read_file(client, file_at(commit_ref(repo, "master"), "/v")) == b"3"
