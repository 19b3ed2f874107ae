"""(placeholder, filled in by issue 5)"""

import typer


def register(app: typer.Typer) -> None:
    pass
