"""``einhorn serve``: the web app in the browser (local mode: this machine only, no login)."""

from typing import Annotated

import typer

from einhorn.cli.context import in_range, opened_app, today
from einhorn.cli.output import say
from einhorn.i18n import gettext as _

LOCAL_HOST = "127.0.0.1"


def register(app: typer.Typer) -> None:
    app.command(
        "serve",
        help=_(
            "The web app: your network in the browser at http://127.0.0.1:8000, in German "
            "and English. Local mode: only this machine can reach it, no login."
        ),
    )(serve)


def serve(
    ctx: typer.Context,
    port: Annotated[int, typer.Option(help=_("The port to listen on."))] = 8000,
) -> None:
    import uvicorn  # the server and the web framework only when serving

    from einhorn.web.app import create_app

    port = in_range(port, "port", 1024, 65535)
    with opened_app(ctx) as app:
        web = create_app(app, today=today)
        say(
            _("einhorn runs at http://{host}:{port} — stop with Ctrl+C.").format(
                host=LOCAL_HOST, port=port
            )
        )
        uvicorn.run(web, host=LOCAL_HOST, port=port, log_level="warning")
