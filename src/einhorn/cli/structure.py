"""(placeholder, filled in by issue 6)"""

import typer


def register(app: typer.Typer) -> None:
    pass
