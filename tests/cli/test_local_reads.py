"""`tusk get file` on the daemon's host: short-circuit reads of the local object store files
(every chunk verified by the CLI), streaming from the daemon when the store is not local, and
the daemon's own verdict when a chunk on disk is damaged. Which path a read took is seen in the
daemon's per-RPC counters on /metrics."""

from __future__ import annotations

import os
import random
import time
import urllib.request

import pytest
from pachyderm_sdk.api import pfs

GET_FILE = "pfs_v2.API/GetFile"
LOCATE_FILE = "tusk_v1.LocalRead/LocateFile"


def _rpc_calls(server, method: str) -> float:
    with urllib.request.urlopen(f"http://127.0.0.1:{server.http_port}/metrics", timeout=10) as response:
        text = response.read().decode()
    total = 0.0
    for line in text.splitlines():
        if line.startswith("tusk_rpc_total{") and f'method="{method}"' in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


def _calls(server) -> tuple[float, float]:
    return _rpc_calls(server, LOCATE_FILE), _rpc_calls(server, GET_FILE)


def _store_is_local(server) -> bool:
    return not server.storage_location.startswith("s3://")


@pytest.fixture
def big_file(cli, client, repo_name):
    """A repo holding /big.bin, a 5 MiB file of seeded random bytes (several chunks)."""
    cli.ok("create", "repo", repo_name)
    data = random.Random(11).randbytes(5 * 1024 * 1024 + 123)
    (cli.workdir / "big.bin").write_bytes(data)
    cli.ok("put", "file", f"{repo_name}@master:/big.bin", "-f", "big.bin")
    yield repo_name, data
    try:
        client.pfs.delete_repo(repo=pfs.Repo(name=repo_name, type="user", project=pfs.Project(name="default")), force=True)
    except Exception:
        pass


def test_get_file_reads_the_local_store_itself_or_streams_when_the_store_is_elsewhere(cli, tusk_server, big_file):
    repo, data = big_file
    local = _store_is_local(tusk_server)
    locate_before, get_before = _calls(tusk_server)
    cli.ok("get", "file", f"{repo}@master:/big.bin", "-o", "copy.bin")
    assert (cli.workdir / "copy.bin").read_bytes() == data
    locate_after, get_after = _calls(tusk_server)
    assert locate_after == locate_before + 1
    # On the daemon's host with a local store no byte goes through GetFile; with S3 it all does.
    assert get_after == get_before + (0 if local else 1)

    offset = 1024 * 1024 + 7
    tail = cli.ok("get", "file", f"{repo}@master:/big.bin", "--offset", str(offset))
    assert tail.stdout == data[offset:]


def test_tusk_local_reads_0_streams_everything_from_the_daemon(cli, tusk_server, big_file):
    repo, data = big_file
    locate_before, get_before = _calls(tusk_server)
    cli.ok("get", "file", f"{repo}@master:/big.bin", "-o", "copy.bin", environment={"TUSK_LOCAL_READS": "0"})
    assert (cli.workdir / "copy.bin").read_bytes() == data
    locate_after, get_after = _calls(tusk_server)
    assert (locate_after, get_after) == (locate_before, get_before + 1)


def test_a_damaged_chunk_on_disk_fails_the_get_and_leaves_no_partial_file(cli, tusk_server, big_file):
    if not _store_is_local(tusk_server):
        pytest.skip("damages a chunk file of the local object store; this run's store is S3")
    repo, data = big_file
    chunks = os.path.join(tusk_server.storage_location, "chunks")
    recent = time.time() - 600
    # This file's chunks were written during this session: recent chunk files whose bytes
    # occur in the file. Damage the largest.
    candidates = []
    for folder, _, names in os.walk(chunks):
        for name in names:
            path = os.path.join(folder, name)
            if os.path.getmtime(path) >= recent and os.path.getsize(path) > 4096:
                with open(path, "rb") as handle:
                    if handle.read() in data:
                        candidates.append(path)
    assert candidates, "no chunk file of the file was found under " + chunks
    victim = max(candidates, key=os.path.getsize)
    original = open(victim, "rb").read()
    damaged = bytearray(original)
    damaged[len(damaged) // 2] ^= 0xFF
    (cli.workdir / "copy.bin").write_bytes(b"an older copy")
    try:
        with open(victim, "wb") as handle:
            handle.write(damaged)
        result = cli.fails("get", "file", f"{repo}@master:/big.bin", "-o", "copy.bin")
        assert "corrupt" in result.text
        assert os.path.basename(victim) in result.text
        assert (cli.workdir / "copy.bin").read_bytes() == b"an older copy"
        assert not (cli.workdir / "copy.bin.tusk-partial").exists()
    finally:
        with open(victim, "wb") as handle:
            handle.write(original)
    cli.ok("get", "file", f"{repo}@master:/big.bin", "-o", "copy.bin")
