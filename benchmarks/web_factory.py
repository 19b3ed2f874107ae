"""The web app in server mode with several uvicorn worker processes (the load benchmark):
``einhorn serve`` runs one process, which uses one core at most.

Run as a script: ``python web_factory.py --port 8000 --workers 2``. Every worker calls
``server_app()`` and opens its own engine on ``EINHORN_DATABASE_URL``; sessions and their CSRF
tokens live in the database and the session cookie, so any worker can answer any request.

uvicorn binds the shared listening socket itself when it runs several workers, and leaves its
protocol field at 0; asyncio then does not set TCP_NODELAY on the accepted connections, and
every response on a kept-alive connection waits ~40 ms for the client's delayed ACK
(https://github.com/Kludex/uvicorn/issues/3149, open). ``_bind_tcp_socket`` wraps the socket
as TCP so that the workers answer as fast as one process does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import socket
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from uvicorn.config import Config

from einhorn.bootstrap import open_app
from einhorn.config import load_settings
from einhorn.web.app import create_app

_bind_socket = Config.bind_socket


def server_app() -> FastAPI:
    today = dt.date.fromisoformat(os.environ.get("EINHORN_TODAY", dt.date.today().isoformat()))
    return create_app(open_app(load_settings()), today=lambda: today, multi_user=True)


def _bind_tcp_socket(config: Config) -> socket.socket:
    bound = _bind_socket(config)
    if bound.family not in (socket.AF_INET, socket.AF_INET6):
        return bound
    return socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, fileno=bound.detach())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    Config.bind_socket = _bind_tcp_socket  # type: ignore[method-assign]
    uvicorn.run(
        "web_factory:server_app",
        factory=True,
        app_dir=str(Path(__file__).resolve().parent),
        host="127.0.0.1",
        port=args.port,
        workers=args.workers,
        log_level="warning",
        access_log=False,
    )


if __name__ == "__main__":
    main()
