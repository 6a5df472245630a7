"""Fixtures of the browser suite: the session's `tusk serve` reached over HTTP, one headless
Chromium driven by Debian's chromedriver, and the `tusk` CLI against the same daemon.

Set TUSK_CONSOLE_SCREENSHOTS=DIR to save screenshots of the main pages into DIR (the ones in
docs/ come from `TUSK_CONSOLE_SCREENSHOTS=docs python3 -m pytest -q tests/console`).
"""

from __future__ import annotations

import os
import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from cli_support import TuskCommandLine

WINDOW = (1280, 800)


@pytest.fixture(scope="session")
def console_url(tusk_server) -> str:
    """The console's base URL, once `/healthz` answers (the HTTP port opens just after gRPC)."""
    url = f"http://127.0.0.1:{tusk_server.http_port}"
    deadline = time.monotonic() + 60
    problem = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return url
        except (urllib.error.URLError, OSError) as error:
            problem = error
        time.sleep(0.1)
    pytest.fail(f"the console at {url} did not answer /healthz within 60 s ({problem})\n{tusk_server.logs()}")


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium at 1280x800; the suite needs Debian's `chromium` and `chromium-driver`."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.fail("the browser suite needs Debian's chromium and chromium-driver: run bash scripts/setup.sh --no-build")
    options = Options()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={WINDOW[0]},{WINDOW[1]}", "--lang=en-US", "--force-prefers-reduced-motion"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    driver.set_window_size(*WINDOW)
    yield driver
    driver.quit()


@pytest.fixture
def page(browser, console_url):
    """The browser at normal size, with a helper that opens a console route."""
    from console_pages import ConsolePage

    browser.set_window_size(*WINDOW)
    return ConsolePage(browser, console_url)


@pytest.fixture
def cli(tusk_server, tmp_path) -> TuskCommandLine:
    home = tmp_path / "home"
    workdir = tmp_path / "work"
    home.mkdir()
    workdir.mkdir()
    return TuskCommandLine(tusk_server.binary, tusk_server.address, home, workdir)


@pytest.fixture
def screenshot(browser):
    """Saves a screenshot named console-NAME.png when TUSK_CONSOLE_SCREENSHOTS is set."""
    directory = os.environ.get("TUSK_CONSOLE_SCREENSHOTS")

    def take(name: str) -> None:
        if not directory:
            return
        target = Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(target / f"console-{name}.png"))

    return take
