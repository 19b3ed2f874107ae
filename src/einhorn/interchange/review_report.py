"""A review as a Markdown or HTML report, in the user's language."""

from __future__ import annotations

import html
from typing import Any

from einhorn.domain.groups import Engagement
from einhorn.domain.reviews import StrategyReview, StructureSummary
from einhorn.domain.tiers import Tier
from einhorn.i18n import N_, format_date, format_number, gettext

ATTRIBUTES = {
    "sector": N_("Sector"),
    "role": N_("Role level"),
    "city": N_("City"),
    "group": N_("Group"),
}
SHOWN = 20


def review_to_dict(review: StrategyReview) -> dict[str, Any]:
    """The review's figures as JSON: what ``--json`` prints and what the store keeps."""
    return {
        "since": review.since.isoformat(),
        "until": review.until.isoformat(),
        "goal": review.goal,
        "meetings_held": review.meetings_held,
        "meetings_budget": review.meetings_budget,
        "tier_counts": review.tier_counts,
        "tier_counts_before": review.tier_counts_before,
        "moves": [
            {
                "contact_id": m.contact_id,
                "display_name": m.display_name,
                "before": m.before.value,
                "after": m.after.value,
            }
            for m in review.moves
        ],
        "neglected_unicorns": review.neglected_unicorns,
        "new_contacts": review.new_contacts,
        "blau": review.blau,
        "blau_before": review.blau_before,
        "channels": review.channels,
        "groups": review.groups,
        "suggestions": review.suggestions,
        "structure": _structure_to_dict(review.structure),
    }


def _structure_to_dict(shape: StructureSummary | None) -> dict[str, Any] | None:
    """The structure's figures; the brokers' names stay out: what the store keeps must not
    outlive a contact's erasure (the report shows them)."""
    if shape is None:
        return None
    return {
        "contacts": shape.contacts,
        "ties": shape.ties,
        "clusters": shape.clusters,
        "largest_clusters": [
            {"label": label, "size": size} for label, size in shape.largest_clusters
        ],
        "effective_size": shape.effective_size,
        "efficiency": shape.efficiency,
        "constraint": shape.constraint,
        "reading": shape.reading,
        "ei_index": shape.ei_index,
        "ei_expected": shape.ei_expected,
        "weak_ties_outside": shape.weak_ties_outside,
    }


def _sections(review: StrategyReview) -> list[tuple[str, list[str]]]:
    """(heading, lines) of the report, the text already in the user's language."""
    _ = gettext
    tiers = [
        f"{_(tier.label)}: {review.tier_counts.get(tier.value, 0)}"
        + (
            f" ({_('before')}: {review.tier_counts_before.get(tier.value, 0)})"
            if review.tier_counts_before
            else ""
        )
        for tier in Tier
    ]
    moves = [
        f"{move.display_name}: {_(move.before.label)} → {_(move.after.label)}"
        for move in review.moves[:SHOWN]
    ]
    bubble = [
        f"{_(label)}: {format_number(review.blau.get(key, 0.0), 2)}"
        + (
            f" ({_('before')}: {format_number(review.blau_before.get(key, 0.0), 2)})"
            if review.blau_before
            else ""
        )
        for key, label in ATTRIBUTES.items()
    ]
    channels = [
        f"{network}: {_('present') if present else _('not present')}"
        for network, present in sorted(review.channels.items())
    ]
    return [
        (_("Goal"), [review.goal]),
        (
            _("Meetings"),
            [
                _("{held} meetings in person against a budget of {budget}").format(
                    held=review.meetings_held, budget=format_number(review.meetings_budget)
                )
            ],
        ),
        (_("Tiers"), tiers),
        (_("Tier moves since the last review"), moves or [_("none")]),
        (
            _("Unicorns not seen within their cadence"),
            review.neglected_unicorns[:SHOWN] or [_("none")],
        ),
        (_("New contacts"), [str(review.new_contacts)]),
        (_("Filter bubble (Blau index)"), bubble),
        (_("Channels"), channels or [_("none recorded")]),
        (
            _("Groups"),
            [
                f"{name}: {_(Engagement(level).label)}"
                for name, level in sorted(review.groups.items())
            ]
            or [_("none recorded")],
        ),
        (_("Structure of your network"), _structure_lines(review.structure)),
        (_("Suggestions"), review.suggestions or [_("none")]),
    ]


def _structure_lines(shape: StructureSummary | None) -> list[str]:
    _ = gettext
    if shape is None:
        return [_("no contacts yet")]
    largest = ", ".join(f"{label} ({size})" for label, size in shape.largest_clusters)
    lines = [
        _("{clusters} clusters among {contacts} contacts").format(
            clusters=shape.clusters, contacts=shape.contacts
        )
        + (": " + largest if largest else ""),
        _(
            "Effective size {size} of {contacts} (efficiency {efficiency}), constraint "
            "{constraint}: {reading}"
        ).format(
            size=format_number(shape.effective_size),
            contacts=shape.contacts,
            efficiency=format_number(shape.efficiency, 2),
            constraint=format_number(shape.constraint, 4),
            reading=shape.reading,
        ),
        _("Weak ties outside your clusters: {count}").format(count=shape.weak_ties_outside),
    ]
    if shape.ei_index is not None:
        lines.append(
            _("E-I index of the ties among your contacts, by sector: {value}").format(
                value=format_number(shape.ei_index, 2)
            )
            + (
                " "
                + _("(random ties would give {expected})").format(
                    expected=format_number(shape.ei_expected, 2)
                )
                if shape.ei_expected is not None
                else ""
            )
        )
    if shape.brokers:
        lines.append(
            _("Brokers between your clusters: {names}").format(names=", ".join(shape.brokers))
        )
    return lines


def _title(review: StrategyReview) -> str:
    return gettext("Review {since} – {until}").format(
        since=format_date(review.since), until=format_date(review.until)
    )


def review_markdown(review: StrategyReview) -> str:
    lines = [f"# {_title(review)}", ""]
    for heading, items in _sections(review):
        lines += [f"## {heading}", "", *(f"- {item}" for item in items), ""]
    return "\n".join(lines)


def review_html(review: StrategyReview) -> str:
    title = html.escape(_title(review))
    parts = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8">',
        f"<title>{title}</title></head><body>",
        f"<h1>{title}</h1>",
    ]
    for heading, items in _sections(review):
        parts.append(f"<h2>{html.escape(heading)}</h2><ul>")
        parts += [f"<li>{html.escape(item)}</li>" for item in items]
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
