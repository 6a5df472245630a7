"""Sources beyond local files (http URLs, `-i` lists, `--split`) and the daemon's HTTP endpoints."""

from __future__ import annotations

import http.server
import json
import threading
import urllib.request
from functools import partial

import pytest

from pachyderm_sdk.api import pfs

from pfs_helpers import commit_ref, file_at, read_file


def _at(repo: str, path: str) -> pfs.File:
    repository = pfs.Repo(name=repo, type="user", project=pfs.Project(name="default"))
    return file_at(commit_ref(repository, "master"), path)


@pytest.fixture
def web_root(tmp_path):
    """A throwaway HTTP server on loopback serving files from a temporary directory."""
    root = tmp_path / "web"
    root.mkdir()
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def repo(cli, repo_name):
    cli.ok("create", "repo", repo_name)
    return repo_name


def test_put_file_from_an_http_url_stores_the_served_bytes(cli, client, repo, web_root):
    root, base = web_root
    payload = bytes(range(256)) * 1000
    (root / "data.bin").write_bytes(payload)
    cli.ok("put", "file", f"{repo}@master:/fetched.bin", "-f", f"{base}/data.bin")
    assert read_file(client, _at(repo, "/fetched.bin")) == payload


def test_put_file_from_a_missing_url_fails_and_commits_nothing(cli, client, repo, web_root):
    _, base = web_root
    result = cli.fails("put", "file", f"{repo}@master:/nothing", "-f", f"{base}/absent.bin")
    assert "absent.bin" in result.text or "404" in result.text, result.describe()


def test_create_pipeline_from_an_http_url_reads_the_served_spec(cli, client, repo, web_root, unique_name):
    root, base = web_root
    pipeline = unique_name("p")
    spec = {
        "pipeline": {"name": pipeline},
        "transform": {"cmd": ["sh", "-c", "cp /pfs/in/* /pfs/out/"]},
        "input": {"pfs": {"repo": repo, "name": "in", "glob": "/*"}},
    }
    (root / "spec.json").write_text(json.dumps(spec))
    cli.ok("put", "file", f"{repo}@master:/a.txt", "-f", "-", stdin=b"from a served spec")
    try:
        cli.ok("create", "pipeline", "-f", f"{base}/spec.json")
        cli.ok("wait", "commit", f"{pipeline}@master", timeout=120)
        assert cli.ok("get", "file", f"{pipeline}@master:/a.txt").out == "from a served spec"
    finally:
        cli.run("delete", "pipeline", pipeline, "--force")


def test_create_pipeline_from_a_missing_url_fails_naming_the_status(cli, client, repo, web_root):
    _, base = web_root
    pipelines_before = cli.ok("list", "pipeline", "--raw").out
    result = cli.fails("create", "pipeline", "-f", f"{base}/absent.json")
    assert "404" in result.text and "absent.json" in result.text, result.describe()
    assert cli.ok("list", "pipeline", "--raw").out == pipelines_before


def test_put_file_with_an_input_list_adds_every_listed_source(cli, client, repo):
    (cli.workdir / "one.txt").write_bytes(b"one")
    (cli.workdir / "two.txt").write_bytes(b"two")
    (cli.workdir / "sources.txt").write_text("one.txt\ntwo.txt\n")
    cli.ok("put", "file", f"{repo}@master", "-i", "sources.txt")
    assert read_file(client, _at(repo, "/one.txt")) == b"one"
    assert read_file(client, _at(repo, "/two.txt")) == b"two"


def test_split_csv_with_a_header_reads_back_whole_through_a_glob(cli, repo):
    lines = ["id,name"] + [f"{index},item{index}" for index in range(25)]
    original = ("\n".join(lines) + "\n").encode()
    (cli.workdir / "table.csv").write_bytes(original)
    cli.ok("put", "file", f"{repo}@master:/table.csv", "-f", "table.csv", "--split", "line",
           "--target-file-datums", "10", "--header-records", "1")
    listing = cli.ok("list", "file", f"{repo}@master:/table.csv").text
    assert listing.count("/table.csv/") >= 3, listing
    whole = cli.ok("get", "file", f"{repo}@master:/table.csv/*").stdout
    assert whole == original


def test_healthz_and_metrics_answer_on_the_http_port(tusk_server, client):
    list(client.pfs.list_repo())
    with urllib.request.urlopen(f"http://127.0.0.1:{tusk_server.http_port}/healthz", timeout=10) as response:
        assert response.status == 200
        assert b"ok" in response.read()
    with urllib.request.urlopen(f"http://127.0.0.1:{tusk_server.http_port}/metrics", timeout=10) as response:
        body = response.read().decode()
    assert "tusk_rpc_total" in body, body[:500]


def test_1x_put_header_sets_the_header_read_back_first_through_a_glob(cli, repo):
    (cli.workdir / "rows.csv").write_bytes(b"1,a\n2,b\n3,c\n")
    (cli.workdir / "header.csv").write_bytes(b"id,name\n")
    cli.ok("put-file", repo, "master", "/data.csv", "-f", "rows.csv", "--split", "line", "--target-file-datums", "2")
    cli.ok("put-header", repo, "master", "/data.csv", "-f", "header.csv")
    whole = cli.ok("get", "file", f"{repo}@master:/data.csv/*").stdout
    assert whole == b"id,name\n1,a\n2,b\n3,c\n"
