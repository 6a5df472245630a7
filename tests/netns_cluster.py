"""A daemon, its workers and its servers on separate network namespaces of this machine, as on
separate hosts: a bridge with one veth pair per namespace, addresses in a private /24 that exists
only inside the sandbox. Needs root and `ip` (iproute2)."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from pathlib import Path
from typing import Optional


def run(*command: str) -> str:
    completed = subprocess.run(command, capture_output=True, text=True)
    if completed.returncode != 0:
        raise RuntimeError(f"`{' '.join(command)}` failed ({completed.returncode}): {completed.stderr.strip()}")
    return completed.stdout


def cross_host_problem() -> Optional[str]:
    """Why namespaces cannot be made here, or None."""
    if os.geteuid() != 0:
        return "the cross-host test needs root (network namespaces and veth pairs)"
    if shutil.which("ip") is None:
        return "the cross-host test needs `ip` from iproute2 (apt-get install iproute2)"
    return None


class NamespaceNetwork:
    """A bridge `tskbr<k>` at 10.<a>.<b>.1/24 and one namespace per host name, each with its own
    address on the bridge (10.<a>.<b>.2, .3, ...). `remove` deletes everything it created."""

    def __init__(self, hosts: list[str]):
        self.key = f"{random.randrange(1 << 16):04x}"
        octet_a, octet_b = 200 + random.randrange(40), random.randrange(256)
        self.prefix = f"10.{octet_a}.{octet_b}"
        self.bridge = f"tskbr{self.key}"
        self.gateway = f"{self.prefix}.1"
        self.addresses: dict[str, str] = {}
        self.namespaces: dict[str, str] = {}
        self.links: dict[str, str] = {}
        try:
            run("ip", "link", "add", self.bridge, "type", "bridge")
            run("ip", "addr", "add", f"{self.gateway}/24", "dev", self.bridge)
            run("ip", "link", "set", self.bridge, "up")
            for index, host in enumerate(hosts):
                self._add(host, f"{self.prefix}.{index + 2}", index)
        except Exception:
            self.remove()
            raise

    def _add(self, host: str, address: str, index: int) -> None:
        namespace = f"tsk{self.key}-{host}"
        link = f"tsk{self.key}v{index}"
        run("ip", "netns", "add", namespace)
        self.namespaces[host] = namespace
        run("ip", "link", "add", link, "type", "veth", "peer", "name", "eth0", "netns", namespace)
        self.links[host] = link
        run("ip", "link", "set", link, "master", self.bridge, "up")
        run("ip", "-n", namespace, "addr", "add", f"{address}/24", "dev", "eth0")
        run("ip", "-n", namespace, "link", "set", "eth0", "up")
        run("ip", "-n", namespace, "link", "set", "lo", "up")
        self.addresses[host] = address

    def cut(self, host: str) -> None:
        """Takes the host off the network (its link goes down); processes keep running."""
        run("ip", "link", "set", self.links[host], "down")

    def heal(self, host: str) -> None:
        run("ip", "link", "set", self.links[host], "up")

    def spawn(self, host: str, command: list[str], log: Path, environment: Optional[dict] = None) -> subprocess.Popen:
        """Starts `command` inside the host's namespace, in its own session (for killpg)."""
        with open(log, "ab") as output:
            return subprocess.Popen(
                ["ip", "netns", "exec", self.namespaces[host], *command],
                stdout=output, stderr=output, stdin=subprocess.DEVNULL, start_new_session=True,
                env={**os.environ, **(environment or {})},
            )

    def remove(self) -> None:
        for namespace in self.namespaces.values():
            subprocess.run(["ip", "netns", "del", namespace], capture_output=True)
        for link in self.links.values():
            subprocess.run(["ip", "link", "del", link], capture_output=True)
        subprocess.run(["ip", "link", "del", self.bridge], capture_output=True)
