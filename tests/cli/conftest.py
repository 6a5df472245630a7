"""Fixtures for the CLI suite: the `tusk` binary run against the session server with a private
HOME, so configuration writes never touch the real one."""

from __future__ import annotations

import pytest

from cli_support import TuskCommandLine


@pytest.fixture
def cli(tusk_server, tmp_path) -> TuskCommandLine:
    home = tmp_path / "home"
    workdir = tmp_path / "work"
    home.mkdir()
    workdir.mkdir()
    return TuskCommandLine(tusk_server.binary, tusk_server.address, home, workdir)
