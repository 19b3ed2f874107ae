"""``einhorn invite``: a one-time sign-up link for server mode (``einhorn serve --multi-user``).

Whoever runs the server hands the link on; it works once, until it expires, and creates a new,
empty account. The token is printed once: the database keeps only its SHA-256 digest.
"""

from typing import Annotated
from urllib.parse import urlencode

import typer

from einhorn.cli.context import in_range, opened_app
from einhorn.cli.output import print_json, say
from einhorn.errors import InvalidInput
from einhorn.i18n import N_
from einhorn.i18n import gettext as _

DEFAULT_URL = "http://127.0.0.1:8000"


def register(app: typer.Typer) -> None:
    app.command(
        "invite",
        help=_(
            "Server mode: print a one-time sign-up link for a new account "
            "(valid for --days, 7 by default)."
        ),
    )(invite)


def invite(
    ctx: typer.Context,
    days: Annotated[int, typer.Option(help=_("Days until the link expires (1 to 365)."))] = 7,
    url: Annotated[
        str,
        typer.Option(
            help=_("The server's address as people reach it, e.g. https://einhorn.example.org.")
        ),
    ] = DEFAULT_URL,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON (for scripts)."))] = False,
) -> None:
    import datetime as dt

    from einhorn.bootstrap import open_access
    from einhorn.services.access import invite as new_invitation

    days = in_range(days, "--days", 1, 365)
    base = _base_url(url)
    now = dt.datetime.now(dt.UTC)
    with opened_app(ctx) as app, open_access(app) as access:
        token = new_invitation(access=access, now=now, days=days)
    link = f"{base}/signup?{urlencode({'token': token})}"
    expires = (now + dt.timedelta(days=days)).isoformat(timespec="seconds")
    if as_json:
        print_json({"url": link, "token": token, "expires_at": expires})
        return
    say(_("Sign-up link (works once, until {expires}):").format(expires=expires))
    print(link)  # plain and unwrapped: to be copied


def _base_url(url: str) -> str:
    base = url.strip().rstrip("/")
    scheme, _sep, rest = base.partition("://")
    if scheme not in ("http", "https") or not rest or any(c in rest for c in "?# "):
        raise InvalidInput("--url", url, N_("expected http://HOST:PORT or https://HOST"))
    return base
