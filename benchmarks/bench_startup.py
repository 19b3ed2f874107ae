"""``einhorn --help``: whole process, against a bare interpreter and Typer's own import.

Target (issue 2): under 0.3 s whole process. Run: ``.venv/bin/python benchmarks/bench_startup.py``
"""

from __future__ import annotations

import sys

from common import EINHORN, machine, report, time_process

RUNS = 15


def main() -> None:
    bare = time_process([sys.executable, "-c", "pass"], runs=RUNS)
    typer_only = time_process([sys.executable, "-c", "import typer"], runs=RUNS)
    help_ = time_process([EINHORN, "--help"], runs=RUNS)
    help_de = time_process([EINHORN, "--lang", "de", "--help"], runs=RUNS)
    print(f"machine: {machine()}; median of {RUNS} runs")
    report(
        "einhorn start-up",
        [
            ("python -c pass (baseline)", bare, None, ""),
            ("python -c 'import typer' (floor)", typer_only, None, ""),
            ("einhorn --help", help_, typer_only, "< 300 ms"),
            ("einhorn --lang de --help", help_de, typer_only, "< 300 ms"),
        ],
    )


if __name__ == "__main__":
    main()
