"""Store locations for scale-out tests: the embedded SQLite file and objects directory, or a
fresh PostgreSQL database and S3 bucket on the servers of the session (`ScaleOutServices`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tusk_harness import REPOSITORY_ROOT

S3_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "tusk-test", "AWS_SECRET_ACCESS_KEY": "tusk-test-secret"}


def service(script: str, action: str, directory: Path, host: str = "127.0.0.1") -> str:
    """Runs scripts/services/<script> (postgres.sh, s3.sh) and returns what it printed."""
    completed = subprocess.run(
        ["bash", str(REPOSITORY_ROOT / "scripts" / "services" / script), action, str(directory)],
        capture_output=True, text=True, env={**os.environ, "TUSK_SERVICE_HOST": host},
    )
    if completed.returncode != 0:
        raise RuntimeError(f"scripts/services/{script} {action} failed: {completed.stderr.strip()}")
    return completed.stdout.strip()


def wait_for(condition, timeout: float, what: str):
    """Polls `condition` every 0.1 s until it returns something true (returned), failing the
    test after `timeout` seconds with `what` it was waiting for."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def service_directory(name: str) -> Path:
    """A fresh directory for one server's files that the `postgres` user can reach (pytest's own
    temporary directories are private to root, and PostgreSQL refuses to run as root)."""
    directory = Path(tempfile.mkdtemp(prefix=f"tusk-{name}-"))
    directory.chmod(0o755)
    return directory


def fresh_postgres_database(url: str) -> str:
    """Creates a new database on the server `url` names and returns its URL."""
    name = "tusk_scaleout_" + uuid.uuid4().hex[:10]
    subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-c", f'CREATE DATABASE "{name}"'], check=True, capture_output=True)
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


class ScaleOutServices:
    """A PostgreSQL server and an S3 server for the session: the ones scripts/test.sh started
    (TUSK_TEST_POSTGRES_URL, TUSK_TEST_S3_ENDPOINT), else started here and stopped at the end."""

    def __init__(self):
        self.started: list[tuple[str, Path]] = []
        self.postgres_url = os.environ.get("TUSK_TEST_POSTGRES_URL") or self._start("postgres.sh")
        self.s3_endpoint = os.environ.get("TUSK_TEST_S3_ENDPOINT") or self._start("s3.sh")

    def _start(self, script: str) -> str:
        directory = service_directory(script.split(".")[0])
        self.started.append((script, directory))
        return service(script, "start", directory / "server")

    def store_args(self) -> list[str]:
        """`--metadata` and `--storage` flags naming a fresh database and bucket."""
        bucket = "tusk-scaleout-" + uuid.uuid4().hex[:10]
        return [
            "--metadata", fresh_postgres_database(self.postgres_url),
            "--storage", f"s3://{bucket}/objects?endpoint={self.s3_endpoint}&region=us-east-1",
        ]

    def stop(self) -> None:
        for script, directory in reversed(self.started):
            try:
                service(script, "stop", directory / "server")
            except RuntimeError:
                pass
            shutil.rmtree(directory, ignore_errors=True)
