"""Helpers shared by the web benchmarks: a free port, a server in a subprocess, and
percentiles of latency samples."""

from __future__ import annotations

import contextlib
import os
import socket
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path

from common import EINHORN


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    """Poll a static file until the server answers; stop early when the process died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/static/einhorn.css", timeout=1):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise SystemExit(f"the server did not answer within {seconds:.0f} s:\n{log.read_text()}")


@contextlib.contextmanager
def serving(argv: Sequence[str], *, port: int, env: dict[str, str], log: Path) -> Iterator[str]:
    """Run a server command (listening on ``port``) and yield its base URL; stop it after."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            list(argv), stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **env}
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process, log, seconds=60)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def einhorn_serve(database_url: str, port: int, *options: str) -> list[str]:
    return [EINHORN, "--db", database_url, "serve", "--port", str(port), *options]


def percentile(samples: Sequence[float], share: float) -> float:
    """The ``share`` percentile (1 to 99) of the samples, interpolated."""
    if len(samples) == 1:
        return samples[0]
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[round(share) - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"
