"""The `tusk` command line, driven as a user would drive `pachctl` 2.x (and the 1.x hyphenated
verbs), against the session server. Results are checked through the official Python SDK."""

from __future__ import annotations

import pytest
from pachyderm_sdk.api import pfs
from pachyderm_sdk.config import ConfigFile

from cli_support import json_values, png_image
from pfs_helpers import commit_ids, commit_ref, file_at, paths_of, read_file


def _repo(name: str, project: str = "default") -> pfs.Repo:
    return pfs.Repo(name=name, type="user", project=pfs.Project(name=project))


@pytest.fixture
def images(cli, repo_name, client):
    """A repo created through the CLI in the default project, removed afterwards."""
    cli.ok("create", "repo", repo_name)
    yield repo_name
    try:
        client.pfs.delete_repo(repo=_repo(repo_name), force=True)
    except Exception:
        pass


def _write(cli, relative: str, data: bytes):
    target = cli.workdir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


def test_create_project_and_config_update_context_make_new_repos_land_in_that_project(
    cli, client, project_name, repo_name
):
    cli.ok("create", "project", project_name, "--description", "demo project")
    info = client.pfs.inspect_project(project=pfs.Project(name=project_name))
    assert info.description == "demo project"

    cli.ok("config", "update", "context", "--project", project_name)
    cli.ok("create", "repo", repo_name)
    assert client.pfs.repo_exists(_repo(repo_name, project_name)) is True
    assert client.pfs.repo_exists(_repo(repo_name)) is False

    listed = cli.ok("list", "repo")
    assert repo_name in listed.out

    # The config file keeps pachctl's layout, so the Python SDK can read it too.
    assert cli.config_path.is_file(), f"no config written at {cli.config_path}"
    context = ConfigFile.from_path(cli.config_path).active_context
    assert context.project == project_name

    client.pfs.delete_repo(repo=_repo(repo_name, project_name), force=True)
    client.pfs.delete_project(project=pfs.Project(name=project_name))


def test_put_file_with_f_stores_the_local_file_at_the_given_path(cli, client, images):
    picture = png_image(seed=1)
    _write(cli, "liberty.png", picture)
    cli.ok("put", "file", f"{images}@master:/liberty.png", "-f", "liberty.png")
    stored = read_file(client, file_at(commit_ref(_repo(images), "master"), "/liberty.png"))
    assert stored == picture


def test_put_file_without_a_path_uses_the_local_file_name(cli, client, images):
    _write(cli, "photos/kitten.png", png_image(seed=2))
    cli.ok("put", "file", f"{images}@master", "-f", "photos/kitten.png")
    head = commit_ref(_repo(images), "master")
    assert client.pfs.path_exists(file_at(head, "/kitten.png")) is True


def test_put_file_recursive_stores_a_directory_tree(cli, client, images):
    tree = {"a.png": png_image(seed=3), "nested/b.png": png_image(seed=4), "nested/c.txt": b"c"}
    for relative, data in tree.items():
        _write(cli, f"album/{relative}", data)
    cli.ok("put", "file", "-r", f"{images}@master:/album", "-f", "album")
    head = commit_ref(_repo(images), "master")
    for relative, data in tree.items():
        assert read_file(client, file_at(head, f"/album/{relative}")) == data


def test_put_file_reads_stdin_when_no_file_is_given(cli, client, images):
    cli.ok("put", "file", f"{images}@master:/from-stdin.txt", stdin=b"piped in\n")
    head = commit_ref(_repo(images), "master")
    assert read_file(client, file_at(head, "/from-stdin.txt")) == b"piped in\n"


def test_put_file_append_flag_appends(cli, client, images):
    cli.ok("put", "file", f"{images}@master:/log.txt", stdin=b"one\n")
    cli.ok("put", "file", "-a", f"{images}@master:/log.txt", stdin=b"two\n")
    head = commit_ref(_repo(images), "master")
    assert read_file(client, file_at(head, "/log.txt")) == b"one\ntwo\n"


def test_list_file_shows_the_files_and_directories(cli, images):
    _write(cli, "liberty.png", png_image())
    _write(cli, "album/a.png", png_image(seed=5))
    cli.ok("put", "file", f"{images}@master:/liberty.png", "-f", "liberty.png")
    cli.ok("put", "file", "-r", f"{images}@master:/album", "-f", "album")
    top = cli.ok("list", "file", f"{images}@master")
    assert "liberty.png" in top.out
    assert "album" in top.out
    inside = cli.ok("list", "file", f"{images}@master:/album")
    assert "a.png" in inside.out
    assert "liberty.png" not in inside.out


def test_get_file_with_o_writes_the_exact_bytes(cli, images):
    picture = png_image(seed=6)
    _write(cli, "liberty.png", picture)
    cli.ok("put", "file", f"{images}@master:/liberty.png", "-f", "liberty.png")
    cli.ok("get", "file", f"{images}@master:/liberty.png", "-o", "copy.png")
    assert (cli.workdir / "copy.png").read_bytes() == picture


def test_get_file_without_o_writes_to_stdout(cli, images):
    cli.ok("put", "file", f"{images}@master:/note.txt", stdin=b"hello from tusk\n")
    result = cli.ok("get", "file", f"{images}@master:/note.txt")
    assert result.stdout == b"hello from tusk\n"


def _three_puts(cli, images):
    _write(cli, "liberty.png", png_image(seed=7))
    _write(cli, "album/a.png", png_image(seed=8))
    cli.ok("put", "file", f"{images}@master:/liberty.png", "-f", "liberty.png")
    cli.ok("put", "file", "-r", f"{images}@master:/album", "-f", "album")
    cli.ok("put", "file", f"{images}@master:/stdin.txt", stdin=b"s")


def test_each_put_file_to_a_branch_is_one_commit_and_list_commit_shows_them(cli, client, images):
    _three_puts(cli, images)
    ids = commit_ids(client.pfs.list_commit(repo=_repo(images)))
    assert len(ids) == 3
    listed = cli.ok("list", "commit", f"{images}@master")
    for commit_id in ids:
        assert commit_id in listed.out, f"{commit_id} missing from:\n{listed.out}"


def test_inspect_commit_with_caret_shows_the_parent(cli, client, images):
    _three_puts(cli, images)
    newest, parent, _oldest = commit_ids(client.pfs.list_commit(repo=_repo(images)))
    shown = cli.ok("inspect", "commit", f"{images}@master^1")
    assert parent in shown.out
    raw = json_values(cli.ok("inspect", "commit", f"{images}@master^1", "--raw").out)
    assert [value["commit"]["id"] for value in raw] == [parent]
    assert newest != parent


def test_inspect_commit_raw_is_json_with_the_commit_id(cli, client, images):
    _three_puts(cli, images)
    head = client.pfs.inspect_commit(commit=commit_ref(_repo(images), "master")).commit.id
    for flags in (["--raw"], ["--raw", "--output", "json"]):
        values = json_values(cli.ok("inspect", "commit", f"{images}@master", *flags).out)
        assert len(values) == 1, values
        assert values[0]["commit"]["id"] == head


def test_list_repo_raw_is_parsable_json(cli, images):
    for flags in (["--raw"], ["--raw", "--output", "json"]):
        values = json_values(cli.ok("list", "repo", *flags).out)
        assert images in [value["repo"]["name"] for value in values]


def test_list_file_raw_is_parsable_json(cli, images):
    cli.ok("put", "file", f"{images}@master:/a.txt", stdin=b"a")
    values = json_values(cli.ok("list", "file", f"{images}@master", "--raw").out)
    assert [value["file"]["path"].rstrip("/") for value in values] == ["/a.txt"]


def test_1x_hyphenated_verbs_still_work(cli, client, repo_name):
    picture = png_image(seed=9)
    _write(cli, "liberty.png", picture)
    try:
        cli.ok("create-repo", repo_name)
        cli.ok("put-file", repo_name, "master", "liberty.png", "-f", "liberty.png")
        listed = cli.ok("list-file", repo_name, "master")
        assert "liberty.png" in listed.out
        fetched = cli.ok("get-file", repo_name, "master", "liberty.png")
        assert fetched.stdout == picture
        head = commit_ref(_repo(repo_name), "master")
        assert paths_of(client.pfs.list_file(file=file_at(head, "/"))) == ["/liberty.png"]
    finally:
        client.pfs.delete_repo(repo=_repo(repo_name), force=True)


def test_unknown_repo_fails_and_names_the_repo(cli, unique_name):
    missing = unique_name("missing")
    for arguments in (
        ("inspect", "repo", missing),
        ("list", "file", f"{missing}@master"),
        ("list", "commit", f"{missing}@master"),
    ):
        result = cli.fails(*arguments)
        assert missing in result.text, result.describe()


def test_put_into_unknown_repo_fails_and_names_the_repo(cli, unique_name):
    missing = unique_name("missing")
    result = cli.fails("put", "file", f"{missing}@master:/x.txt", stdin=b"x")
    assert missing in result.text, result.describe()


def test_bad_repo_name_fails_and_explains(cli, client):
    result = cli.fails("create", "repo", "bad name!")
    assert "bad name!" in result.text or "name" in result.text.lower(), result.describe()
    assert all(info.repo.name != "bad name!" for info in client.pfs.list_repo())


def test_path_with_dot_dot_fails_and_nothing_is_committed(cli, client, images):
    _write(cli, "escape.txt", b"escape")
    result = cli.fails("put", "file", f"{images}@master:/../escape.txt", "-f", "escape.txt")
    assert ".." in result.text, result.describe()
    assert list(client.pfs.list_commit(repo=_repo(images))) == []


def test_get_missing_file_fails_and_names_the_path(cli, images):
    cli.ok("put", "file", f"{images}@master:/a.txt", stdin=b"a")
    result = cli.fails("get", "file", f"{images}@master:/no-such-file.txt")
    assert "no-such-file.txt" in result.text, result.describe()


def test_unreachable_server_fails_fast_with_a_clear_message(cli):
    result = cli.fails("list", "repo", environment={"PACHD_ADDRESS": "localhost:1"}, timeout=90)
    lowered = result.text.lower()
    assert "localhost:1" in lowered or "127.0.0.1:1" in lowered, result.describe()
    assert any(word in lowered for word in ("connect", "unavailable", "refused", "reach")), (
        result.describe()
    )


def test_address_flag_overrides_the_environment(cli, tusk_server, images):
    result = cli.ok(
        "list", "repo", "--address", tusk_server.address,
        environment={"PACHD_ADDRESS": "localhost:1"},
    )
    assert images in result.out
