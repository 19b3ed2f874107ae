"""Fixtures for the end-to-end tests: the real server (``einhorn serve`` in a subprocess) on a
fresh demo database, driven by Debian's headless Chromium through Playwright.

Playwright never downloads a browser here: it launches ``/usr/bin/chromium`` (``make test``
installs it where it can). Where no Chromium exists or it cannot start, every test that needs
the browser is skipped with the reason; nothing else is ever a reason to skip.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Error, Page, ViewportSize, sync_playwright

from einhorn.cli.main import run
from einhorn.i18n import set_language

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / ".artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking switches Chromium keeps calling home, which a closed
# network refuses (and a test run should not do anyway).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EINHORN = str(Path(sys.executable).with_name("einhorn"))
TODAY = "2026-11-27"  # pinned, so the demo's due list and the plan are the same every run
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
STEP_MS = 10_000  # one browser step (a click, a wait for text) fails after this long


@dataclass(frozen=True)
class Server:
    """A running ``einhorn serve`` and the database behind it (for the CLI and for checks)."""

    url: str
    database_url: str
    env: dict[str, str]

    def einhorn(self, *args: str) -> str:
        """Run the einhorn CLI on the server's database (in this process: a subprocess would
        add half a second of start-up to every check); its standard output."""
        out, err = io.StringIO(), io.StringIO()
        with _environment_of(self.env), redirect_stdout(out), redirect_stderr(err):
            code = run(["--db", self.database_url, "--lang", "en", *args])
        set_language("en")
        assert code == 0, err.getvalue()
        return out.getvalue()

    def json(self, *args: str) -> Any:
        return json.loads(self.einhorn(*args, "--json"))


@contextlib.contextmanager
def _environment_of(env: dict[str, str]) -> Iterator[None]:
    """This process's environment as the server's, for the duration of a CLI call."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _environment(data_dir: Path) -> dict[str, str]:
    """The subprocesses' environment: nothing of the developer's einhorn settings."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("EINHORN_")}
    for key in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        env.pop(key, None)
    env.update(EINHORN_DATA_DIR=str(data_dir), EINHORN_TODAY=TODAY, LANG="C.UTF-8")
    return env


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"einhorn serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/static/einhorn.css", timeout=1):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    pytest.fail(f"einhorn serve did not answer within 30 s:\n{log.read_text()}")


@contextlib.contextmanager
def running_server(folder: Path, *serve_options: str, demo: bool) -> Iterator[Server]:
    """``einhorn serve`` on a fresh SQLite database in ``folder`` (the demo network if asked)."""
    folder.mkdir(parents=True, exist_ok=True)
    env = _environment(folder / "data")
    database_url = f"sqlite:///{folder / 'einhorn.sqlite3'}"
    port = _free_port()
    server = Server(url=f"http://127.0.0.1:{port}", database_url=database_url, env=env)
    if demo:
        server.einhorn("demo", "--json")  # the default demo: 300 contacts, 18 months
    else:
        server.einhorn("db", "upgrade")
    log = folder / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [EINHORN, "--db", database_url, "serve", "--port", str(port), *serve_options],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        _wait_until_up(server.url, process, log)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's headless Chromium; the tests are skipped (with the reason) only without it."""
    if not CHROMIUM.exists():
        pytest.skip(
            f"browser tests skipped: {CHROMIUM} is missing "
            "(`make test` installs Debian's chromium when run as root with apt-get)"
        )
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=30_000
            )
        except Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            pytest.skip(f"browser tests skipped: {CHROMIUM} cannot start: {first}")
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def local_server(chromium: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Local mode (no login) on the demo network, shared by the session's tests.

    The tests change it (a tier, a lunch, an import), so each works on its own contacts and
    checks only what it did itself.
    """
    with running_server(tmp_path_factory.mktemp("local"), demo=True) as server:
        yield server


@pytest.fixture(scope="session")
def multi_user_server(
    chromium: Browser, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """Server mode (``--multi-user``) on its own empty database: no account yet."""
    folder = tmp_path_factory.mktemp("multi")
    with running_server(folder, "--multi-user", demo=False) as server:
        yield server


def new_page(browser: Browser, base_url: str, viewport: ViewportSize = DESKTOP) -> Page:
    """A page in a fresh browser context (own cookies), English unless the test switches."""
    context = browser.new_context(base_url=base_url, viewport=viewport, locale="en-US")
    context.set_default_timeout(STEP_MS)
    return context.new_page()


@pytest.fixture
def page(chromium: Browser, local_server: Server) -> Iterator[Page]:
    """A desktop-sized page on the local server, with its own cookies."""
    opened = new_page(chromium, local_server.url)
    yield opened
    opened.context.close()


def screenshot(page: Page, name: str) -> Path:
    """Save the whole page as a test artifact (.artifacts/screenshots/NAME.png)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
