"""The installed entry points: ``einhorn`` and ``python -m einhorn`` as real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from einhorn import __version__


def _run(*argv: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60, check=False)


def test_python_dash_m_einhorn_prints_the_version(tmp_path: Path) -> None:
    env = {**os.environ, "EINHORN_DATA_DIR": str(tmp_path)}
    result = _run(sys.executable, "-m", "einhorn", "--version", env=env)
    assert result.returncode == 0
    assert result.stdout.strip() == f"einhorn {__version__}"


def test_the_console_script_runs_a_command_and_fails_cleanly(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("einhorn")
    env = {**os.environ, "EINHORN_DATA_DIR": str(tmp_path), "EINHORN_LANG": "de"}
    added = _run(str(script), "contacts", "add", "Anna Müller", "--json", env=env)
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["display_name"] == "Anna Müller"
    bad = _run(str(script), "tier", "anna", "Einhörnchen", env=env)
    assert bad.returncode == 1
    assert "Einhörnchen" in bad.stderr and "Traceback" not in bad.stderr
    assert bad.stderr.startswith("Fehler:")
    assert (tmp_path / "einhorn.sqlite3").exists()
