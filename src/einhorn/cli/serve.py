"""``einhorn serve``: the web app in the browser.

Local mode (the default): bound to this machine only, no login, the implicit local account.
Server mode (``--multi-user``): accounts with sign-in, sign-up by invitation (``einhorn invite``);
only server mode may listen on other addresses, and it belongs behind a TLS proxy.
"""

from typing import Annotated

import typer

from einhorn.cli.context import in_range, opened_app, today
from einhorn.cli.output import say
from einhorn.errors import InvalidInput
from einhorn.i18n import N_
from einhorn.i18n import gettext as _

LOCAL_HOST = "127.0.0.1"


def register(app: typer.Typer) -> None:
    app.command(
        "serve",
        help=_(
            "The web app: your network in the browser at http://127.0.0.1:8000, in German "
            "and English. Local mode: only this machine can reach it, no login. "
            "--multi-user: server mode with accounts, sign-up by invitation (einhorn invite)."
        ),
    )(serve)


def serve(
    ctx: typer.Context,
    port: Annotated[int, typer.Option(help=_("The port to listen on."))] = 8000,
    host: Annotated[
        str,
        typer.Option(
            help=_(
                "The address to listen on; other than 127.0.0.1 only with --multi-user "
                "(0.0.0.0: every interface)."
            )
        ),
    ] = LOCAL_HOST,
    multi_user: Annotated[
        bool,
        typer.Option(
            "--multi-user",
            help=_("Server mode: accounts, sign-in and sign-up by invitation."),
        ),
    ] = False,
    secure_cookies: Annotated[
        bool,
        typer.Option(
            "--secure-cookies",
            help=_(
                "Server mode: send cookies only over https, also when the proxy in front "
                "does not pass on X-Forwarded-Proto."
            ),
        ),
    ] = False,
) -> None:
    port = in_range(port, "port", 1024, 65535)
    _check_host(host, multi_user)
    import uvicorn  # the server and the web framework only when serving

    from einhorn.web.app import create_app
    from einhorn.web.pages.auth import enable_server_mode

    with opened_app(ctx) as app:
        web = create_app(app, today=today, multi_user=multi_user)
        if multi_user:
            enable_server_mode(web, secure_cookies=secure_cookies)
        _announce(host, port, multi_user)
        # proxy_headers: behind a proxy at FORWARDED_ALLOW_IPS (default 127.0.0.1) the client's
        # address (login throttling) and scheme (Secure cookies) come from X-Forwarded-*.
        uvicorn.run(web, host=host, port=port, log_level="warning", proxy_headers=True)


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_host(host: str, multi_user: bool) -> None:
    """Local mode has no login: it must never be reachable from another machine."""
    if not multi_user and not _is_loopback(host):
        raise InvalidInput(
            "--host",
            host,
            N_("local mode has no login and listens on 127.0.0.1 only; add --multi-user"),
        )


def _announce(host: str, port: int, multi_user: bool) -> None:
    shown = f"[{host}]" if ":" in host else host
    if not multi_user:
        say(
            _("einhorn runs at http://{host}:{port} — stop with Ctrl+C.").format(
                host=shown, port=port
            )
        )
        return
    say(
        _(
            "einhorn runs in server mode at http://{host}:{port} — invite people with "
            "einhorn invite; stop with Ctrl+C."
        ).format(host=shown, port=port)
    )
    if not _is_loopback(host):
        say(
            _(
                "Put an HTTPS proxy in front: passwords and session cookies must not cross "
                "the network in plain text."
            )
        )
