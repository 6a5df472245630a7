"""Fixtures shared by the SDK and CLI suites: one `tusk serve` per session, unique names, and a
per-test time limit so a hung RPC fails its test instead of the whole CI run.
"""

from __future__ import annotations

import os
import re
import signal
import uuid

import pytest

from tusk_harness import HarnessError, TuskServer, TuskWorker, serve_args_from_environment, tusk_binary

TEST_TIMEOUT_SECONDS = int(os.environ.get("TUSK_TEST_TIMEOUT", "300"))


class TimeLimitExceeded(Exception):
    """Raised inside a test that ran longer than TUSK_TEST_TIMEOUT seconds."""


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    """Fail (rather than hang) a test whose body runs longer than the limit."""
    limit = TEST_TIMEOUT_SECONDS
    marker = item.get_closest_marker("timeout")
    if marker is not None and marker.args:
        limit = int(marker.args[0])

    def on_alarm(signum, frame):
        raise TimeLimitExceeded(f"{item.nodeid} ran longer than {limit} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(limit)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def pytest_configure(config):
    config.addinivalue_line("markers", "timeout(seconds): per-test time limit override")


@pytest.fixture(scope="session")
def tusk_server(tmp_path_factory):
    """A `tusk serve` on a fresh data dir and free ports, shared by the whole session.

    If the binary is missing or the server will not start, the run stops right here with one
    clear message instead of failing every test the same way."""
    root = tmp_path_factory.mktemp("tusk-session")
    problem = None
    server = None
    workers = []
    try:
        server = TuskServer(
            data_dir=root / "data", log_dir=root / "logs", binary=tusk_binary(), extra_args=serve_args_from_environment()
        )
        server.start()
        # With `--remote-workers` in TUSK_SERVE_ARGS, datums run on TUSK_TEST_WORKERS (default 2)
        # `tusk worker` processes sharing the server's stores.
        if "--remote-workers" in server.extra_args:
            for index in range(int(os.environ.get("TUSK_TEST_WORKERS", "2"))):
                workers.append(TuskWorker(server, f"session-{index}", root / "logs", ["--slots", "2"]).start())
    except HarnessError as error:
        problem = str(error)
    if problem is not None:
        pytest.exit(f"cannot run the suite: {problem}", returncode=1)
    yield server
    for worker in workers:
        worker.stop()
    server.stop()


@pytest.fixture(scope="session")
def scaleout_services():
    """PostgreSQL and S3 servers for scale-out tests (see scaleout_support.ScaleOutServices)."""
    from scaleout_support import ScaleOutServices

    try:
        services = ScaleOutServices()
    except RuntimeError as error:
        pytest.fail(f"cannot start the scale-out servers: {error}")
    yield services
    services.stop()


@pytest.fixture(scope="session")
def client(tusk_server):
    """The official Python client (`pachyderm-sdk`), talking to the session's `tusk serve`."""
    from pachyderm_sdk import Client

    return Client(host="localhost", port=tusk_server.grpc_port)


def _name_for(request, prefix: str, limit: int) -> str:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", request.node.name).strip("-_")
    suffix = uuid.uuid4().hex[:8]
    stem = stem[: max(1, limit - len(prefix) - len(suffix) - 2)].strip("-_")
    return f"{prefix}-{stem}-{suffix}" if stem else f"{prefix}-{suffix}"


@pytest.fixture
def unique_name(request):
    """Factory: `unique_name("r")` gives a valid, never-reused repo/project/branch name."""

    def make(prefix: str = "t", limit: int = 50) -> str:
        return _name_for(request, prefix, limit)

    return make


@pytest.fixture
def repo_name(unique_name) -> str:
    return unique_name("r")


@pytest.fixture
def project_name(unique_name) -> str:
    return unique_name("p", limit=51)
