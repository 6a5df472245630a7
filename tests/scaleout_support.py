"""Store locations for scale-out tests: the embedded SQLite file and objects directory by
default, or a fresh PostgreSQL database and S3 bucket when the test script started those
servers (TUSK_TEST_POSTGRES_URL, TUSK_TEST_S3_ENDPOINT)."""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def fresh_postgres_database(url: str) -> str:
    """Creates a new database on the server `url` names and returns its URL."""
    name = "tusk_scaleout_" + uuid.uuid4().hex[:10]
    subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-c", f'CREATE DATABASE "{name}"'], check=True, capture_output=True)
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def scaleout_store_args(tmp_path: Path) -> list[str]:
    """`--metadata` / `--storage` flags for a scale-out daemon (empty: embedded stores)."""
    arguments: list[str] = []
    postgres = os.environ.get("TUSK_TEST_POSTGRES_URL")
    if postgres:
        arguments += ["--metadata", fresh_postgres_database(postgres)]
    endpoint = os.environ.get("TUSK_TEST_S3_ENDPOINT")
    if endpoint:
        bucket = "tusk-scaleout-" + uuid.uuid4().hex[:10]
        arguments += ["--storage", f"s3://{bucket}/objects?endpoint={endpoint}&region=us-east-1"]
    return arguments
