"""Start, watch and stop a real `tusk serve` for the compatibility suites.

Every test in this tree talks to a genuine daemon process, never to a mock. This module holds
the few pieces the SDK suite, the CLI suite and the crash test share: where the binary is, how to
pick free ports, and a `TuskServer` handle that starts the daemon, waits until its gRPC port
accepts connections and stops (or kills) it again.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Optional

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BINARY = REPOSITORY_ROOT / ".build" / "release" / "tusk"
STARTUP_TIMEOUT_SECONDS = 60.0


class HarnessError(RuntimeError):
    """A problem with the test setup itself (missing binary, server that will not start)."""


def tusk_binary() -> Path:
    """The `tusk` executable under test: `$TUSK_BIN`, else the release build in this repo."""
    configured = os.environ.get("TUSK_BIN")
    binary = Path(configured) if configured else DEFAULT_BINARY
    if not binary.is_file() or not os.access(binary, os.X_OK):
        origin = "TUSK_BIN" if configured else "the default location"
        raise HarnessError(
            f"the tusk binary was not found at {binary} ({origin}); build it with "
            f"`swift build -c release --product tusk` in {REPOSITORY_ROOT}, "
            f"or point TUSK_BIN at an executable"
        )
    return binary


def free_port() -> int:
    """A TCP port on localhost that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_accepts_connections(port: int) -> bool:
    """True when something accepts TCP connections on `port` over IPv4 or IPv6 loopback."""
    for host in ("127.0.0.1", "::1"):
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            continue
    return False


class TuskServer:
    """One `tusk serve` child process on its own data directory and ports.

    The server's stdout and stderr go to files beside (not inside) the data directory, so a
    failure message can quote them and the data directory holds only what the server wrote.
    """

    def __init__(
        self,
        data_dir: Path,
        log_dir: Path,
        grpc_port: Optional[int] = None,
        http_port: Optional[int] = None,
        binary: Optional[Path] = None,
        extra_args: Optional[list[str]] = None,
        environment: Optional[dict] = None,
    ):
        self.binary = binary or tusk_binary()
        self.extra_args = list(extra_args or [])
        # Extra environment for the daemon (and its workers), e.g. S3 credentials.
        self.environment = dict(environment or {})
        self.data_dir = Path(data_dir)
        self.log_dir = Path(log_dir)
        self.grpc_port = grpc_port or free_port()
        self.http_port = http_port or free_port()
        while self.http_port == self.grpc_port:
            self.http_port = free_port()
        self.process: Optional[subprocess.Popen] = None
        self._starts = 0

    @property
    def address(self) -> str:
        """`host:port` as `PACHD_ADDRESS` and the CLI's `--address` expect it."""
        return f"localhost:{self.grpc_port}"

    @property
    def stdout_path(self) -> Path:
        return self.log_dir / f"tusk-serve-{self._starts}.stdout"

    @property
    def stderr_path(self) -> Path:
        return self.log_dir / f"tusk-serve-{self._starts}.stderr"

    def command(self) -> list[str]:
        return [
            str(self.binary),
            "serve",
            "--data-dir",
            str(self.data_dir),
            "--port",
            str(self.grpc_port),
            "--http-port",
            str(self.http_port),
            *self.extra_args,
        ]

    def option(self, flag: str) -> Optional[str]:
        """The value this server was given for `flag` among its extra arguments, if any."""
        for index, argument in enumerate(self.extra_args):
            if argument == flag and index + 1 < len(self.extra_args):
                return self.extra_args[index + 1]
            if argument.startswith(flag + "="):
                return argument[len(flag) + 1 :]
        return None

    @property
    def metadata_location(self) -> str:
        """The metadata database workers must share: `--metadata`, else the SQLite file."""
        return self.option("--metadata") or str(self.data_dir / "metadata.sqlite")

    @property
    def storage_location(self) -> str:
        """The object store workers must share: `--storage`, else the objects directory."""
        return self.option("--storage") or str(self.data_dir / "objects")

    def start(self, timeout: float = STARTUP_TIMEOUT_SECONDS) -> "TuskServer":
        """Launch the daemon and block until its gRPC port accepts connections."""
        if self.process is not None and self.process.poll() is None:
            raise HarnessError("this TuskServer is already running")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self._starts += 1
        with open(self.stdout_path, "wb") as stdout, open(self.stderr_path, "wb") as stderr:
            self.process = subprocess.Popen(
                self.command(),
                stdout=stdout,
                stderr=stderr,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                env={**os.environ, **self.environment},
            )
        self._wait_until_ready(timeout)
        return self

    def _wait_until_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            exit_code = self.process.poll()
            if exit_code is not None:
                raise HarnessError(
                    f"`{' '.join(self.command())}` exited with status {exit_code} before its "
                    f"gRPC port {self.grpc_port} accepted connections.\n{self.logs()}"
                )
            if port_accepts_connections(self.grpc_port):
                return
            time.sleep(0.1)
        self.stop()
        raise HarnessError(
            f"`{' '.join(self.command())}` did not accept connections on port "
            f"{self.grpc_port} within {timeout:.0f} s.\n{self.logs()}"
        )

    def logs(self, limit: int = 8000) -> str:
        """The tail of the current run's stderr and stdout, for failure messages."""
        parts = []
        for label, path in (("stderr", self.stderr_path), ("stdout", self.stdout_path)):
            try:
                text = path.read_bytes()[-limit:].decode("utf-8", "replace")
            except OSError:
                text = "(not available)"
            parts.append(f"--- server {label} ({path}) ---\n{text.rstrip() or '(empty)'}")
        return "\n".join(parts)

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL the daemon, as a crash would, and reap it."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self, grace_seconds: float = 15.0) -> None:
        """Ask the daemon to shut down (SIGTERM); SIGKILL it if it does not within the grace."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=grace_seconds)
        except subprocess.TimeoutExpired:
            self.kill()

    def restart_on_new_ports(self, timeout: float = STARTUP_TIMEOUT_SECONDS) -> "TuskServer":
        """Start again on the same data directory (after `kill` or `stop`), on fresh ports so a
        lingering socket of the previous run cannot get in the way."""
        if self.is_running():
            raise HarnessError("stop or kill the server before restarting it")
        self.grpc_port = free_port()
        self.http_port = free_port()
        while self.http_port == self.grpc_port:
            self.http_port = free_port()
        return self.start(timeout)

    def __enter__(self) -> "TuskServer":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


def serve_args_from_environment() -> list[str]:
    """Extra `tusk serve` flags for a whole suite: `$TUSK_SERVE_ARGS` (e.g. the PostgreSQL and
    S3 locations, `--remote-workers`), split on whitespace."""
    return os.environ.get("TUSK_SERVE_ARGS", "").split()


class TuskWorker:
    """One `tusk worker` child process serving a `TuskServer` started with `--remote-workers`:
    it shares the server's metadata database and object store."""

    def __init__(self, server: TuskServer, worker_id: str, log_dir: Path, extra_args: Optional[list[str]] = None):
        self.server = server
        self.worker_id = worker_id
        self.log_path = Path(log_dir) / f"tusk-worker-{worker_id}.log"
        self.extra_args = list(extra_args or [])
        self.process: Optional[subprocess.Popen] = None

    def command(self) -> list[str]:
        return [
            str(self.server.binary),
            "worker",
            "--metadata",
            self.server.metadata_location,
            "--storage",
            self.server.storage_location,
            "--id",
            self.worker_id,
            *self.extra_args,
        ]

    def start(self) -> "TuskWorker":
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.command(), stdout=log, stderr=log, stdin=subprocess.DEVNULL, start_new_session=True,
                env={**os.environ, **self.server.environment},
            )
        return self

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL the worker (its datum launchers die with it), as a lost host would."""
        kill_group(self.process)

    def stop(self, grace_seconds: float = 15.0) -> None:
        stop_group(self.process, grace_seconds)

    def logs(self, limit: int = 4000) -> str:
        try:
            return self.log_path.read_bytes()[-limit:].decode("utf-8", "replace")
        except OSError:
            return "(no log)"


def kill_group(process: Optional[subprocess.Popen]) -> None:
    """SIGKILL a process started with `start_new_session=True` and its whole group, and reap it."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=30)


def stop_group(process: Optional[subprocess.Popen], grace: float = 15) -> None:
    """SIGTERM the process; SIGKILL its group if it has not exited within `grace` seconds."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        kill_group(process)
