"""Contacts as CSV: one row a contact, the same columns as the JSON export.

Lists (emails, phones, tags, languages) are joined with " ::: " as Google Contacts does;
profiles become one column per network. UTF-8 with a byte-order mark, so Excel opens the
umlauts correctly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from einhorn.domain.contacts import Contact
from einhorn.interchange.json_export import contact_to_dict

SEPARATOR = " ::: "
_LISTS = ("emails", "phones", "languages", "tags")


def contacts_csv(contacts: Sequence[Contact]) -> str:
    rows = [contact_to_dict(contact) for contact in contacts]
    networks = sorted({network for row in rows for network in row["profiles"]})
    columns = [key for key in contact_to_dict(Contact(display_name="x")) if key != "profiles"]
    header = columns + [f"profile {network}" for network in networks]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        cells = [SEPARATOR.join(row[key]) if key in _LISTS else _cell(row[key]) for key in columns]
        writer.writerow(cells + [row["profiles"].get(network, "") for network in networks])
    return "\ufeff" + out.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
