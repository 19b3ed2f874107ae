"""Export all of an account's data (the DSGVO right of access, and a way out)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from einhorn.errors import InvalidInput
from einhorn.interchange.json_export import export_document
from einhorn.services.ports import ContactQuery, UnitOfWork


def export_json(*, uow: UnitOfWork, out: Path, now: dt.datetime) -> tuple[int, int]:
    """Write the account's data to ``out`` atomically; returns (contacts, interactions)."""
    contacts = uow.contacts.list_(ContactQuery())
    interactions = uow.interactions.list_all()
    document = export_document(uow.account, contacts, interactions, now)
    write_atomically(out, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return len(contacts), len(interactions)


def write_atomically(path: Path, text: str) -> None:
    """Write beside the target and rename, so a crash never leaves half a file."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise InvalidInput("OUT", str(path), exc.strerror or str(exc)) from exc
