"""Plain functions that make domain objects with sensible defaults."""

from __future__ import annotations

import datetime as dt
from typing import Any

from einhorn.domain.contacts import Contact
from einhorn.domain.ids import ContactId
from einhorn.domain.interactions import Interaction, InteractionKind


def make_contact(**overrides: Any) -> Contact:
    values: dict[str, Any] = {
        "display_name": "Anna Müller",
        "company": "Siemens AG",
        "city": "Köln",
    }
    values.update(overrides)
    return Contact(**values)


def make_interaction(*contact_ids: ContactId, **overrides: Any) -> Interaction:
    values: dict[str, Any] = {
        "occurred_on": dt.date(2026, 11, 1),
        "kind": InteractionKind.LUNCH,
        "contact_ids": list(contact_ids),
    }
    values.update(overrides)
    return Interaction(**values)
