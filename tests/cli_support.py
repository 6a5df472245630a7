"""Running the `tusk` binary as a user would: a private HOME and config path, the server address
from PACHD_ADDRESS, captured output, and parsing of `--raw` JSON output."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path



@dataclass
class CommandResult:
    arguments: list[str]
    exit_code: int
    stdout: bytes
    stderr: bytes

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8", "replace")

    @property
    def err(self) -> str:
        return self.stderr.decode("utf-8", "replace")

    @property
    def text(self) -> str:
        """stdout and stderr together, for checks on what the user sees."""
        return self.out + "\n" + self.err

    def describe(self) -> str:
        return (
            f"`tusk {' '.join(self.arguments)}` exited {self.exit_code}\n"
            f"--- stdout ---\n{self.out}\n--- stderr ---\n{self.err}"
        )


class TuskCommandLine:
    """Runs `tusk <arguments>` in a scratch working directory with a controlled environment."""

    def __init__(self, binary: Path, address: str, home: Path, workdir: Path):
        self.binary = binary
        self.home = home
        self.workdir = workdir
        self.config_path = home / ".pachyderm" / "config.json"
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PACH_", "PACHD_"))
        }
        environment.update(
            HOME=str(home),
            PACH_CONFIG=str(self.config_path),
            PACHD_ADDRESS=address,
            NO_COLOR="1",
        )
        self.environment = environment

    def run(
        self,
        *arguments: str,
        stdin: bytes | None = None,
        timeout: float = 120,
        environment: dict | None = None,
    ) -> CommandResult:
        completed = subprocess.run(
            [str(self.binary), *arguments],
            input=stdin if stdin is not None else b"",
            capture_output=True,
            cwd=self.workdir,
            env={**self.environment, **(environment or {})},
            timeout=timeout,
        )
        return CommandResult(list(arguments), completed.returncode, completed.stdout, completed.stderr)

    def ok(self, *arguments: str, **options) -> CommandResult:
        """Run and require exit status 0."""
        result = self.run(*arguments, **options)
        assert result.exit_code == 0, result.describe()
        return result

    def fails(self, *arguments: str, **options) -> CommandResult:
        """Run and require a non-zero exit status with some explanation on stdout or stderr."""
        result = self.run(*arguments, **options)
        assert result.exit_code != 0, "expected a failure, got success:\n" + result.describe()
        assert result.text.strip(), "a failing command must say why:\n" + result.describe()
        return result


def json_values(text: str) -> list:
    """Every JSON value in `text`: one document, a list, JSON lines or concatenated objects."""
    decoder = json.JSONDecoder()
    values, position = [], 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            return values
        value, position = decoder.raw_decode(text, position)
        if isinstance(value, list):
            values.extend(value)
        else:
            values.append(value)


def png_image(width: int = 8, height: int = 8, seed: int = 1) -> bytes:
    """A small valid PNG (RGB, 8 bits) whose pixels depend on `seed`."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    rows = b"".join(
        b"\x00" + bytes(((x * 31 + y * 17 + seed * 7) % 256) for x in range(width * 3))
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )

