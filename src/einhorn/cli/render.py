"""Rich renderings shared by several commands."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from einhorn.cli.output import console, escape, new_table, tier_text
from einhorn.domain.due import DueEntry, DueStatus
from einhorn.domain.tiers import Tier
from einhorn.i18n import format_date, ngettext
from einhorn.i18n import gettext as _

if TYPE_CHECKING:
    from rich.table import Table

_STATUS_STYLE = {DueStatus.OVERDUE: "bold red", DueStatus.DUE_SOON: "yellow", DueStatus.OK: "green"}


def when_due(entry: DueEntry) -> str:
    days = entry.days_overdue
    if entry.last_interaction_on is None:
        return _("never met")
    if days > 0:
        return ngettext("{n} day overdue", "{n} days overdue", days).format(n=days)
    if days == 0:
        return _("due today")
    return ngettext("due in {n} day", "due in {n} days", -days).format(n=-days)


class PeopleTable:
    """Id, name and tier, then more columns; on a narrow terminal the optional columns are
    left out (last first) so that names, tiers, dates and statuses stay readable."""

    NAME_WIDTH = 26
    OPTIONAL_WIDTH = 22

    def __init__(self, *columns: str, optional: tuple[str, ...] = ()) -> None:
        width = console.width - 4 - self.NAME_WIDTH - 16 - 14 * (len(columns) - len(optional))
        keep = max(0, min(len(optional), width // self.OPTIONAL_WIDTH))
        dropped = set(optional[keep:])
        self._shown = [column not in dropped for column in columns]
        self.table = new_table(show_edge=False, pad_edge=False)
        self.table.add_column("#", justify="right", no_wrap=True)
        self.table.add_column(
            _("Name"), no_wrap=True, overflow="ellipsis", max_width=self.NAME_WIDTH
        )
        self.table.add_column(_("Tier"), no_wrap=True)
        for column, shown in zip(columns, self._shown, strict=True):
            if shown:
                self.table.add_column(
                    column,
                    no_wrap=True,
                    overflow="ellipsis",
                    max_width=self.OPTIONAL_WIDTH if column in optional else None,
                )

    def add_row(self, contact_id: int, name: str, tier: Tier, *cells: str) -> None:
        self.table.add_row(
            str(contact_id),
            escape(name),
            tier_text(tier),
            *(cell for cell, shown in zip(cells, self._shown, strict=True) if shown),
        )


def due_table(entries: Sequence[DueEntry]) -> Table:
    people = PeopleTable(_("Company"), _("Last contact"), _("Due"), optional=(_("Company"),))
    for entry in entries:
        style = _STATUS_STYLE[entry.status]
        people.add_row(
            entry.contact_id,
            entry.display_name,
            entry.tier,
            escape(entry.company),
            format_date(entry.last_interaction_on),
            f"[{style}]{escape(when_due(entry))}[/]",
        )
    return people.table
