"""JSON views of the services' results, shared by the CLI's ``--json`` and the web API.

One builder per result, so a script can switch between ``einhorn budget --json`` and
``GET /api/budget`` and get the same keys. Views of pure domain objects live in
``interchange.json_export``. The types are imported for checking only, and the rest of what
this module imports is pure and light: the CLI imports it while building ``einhorn --help``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from einhorn.i18n import current_language
from einhorn.i18n import gettext as _
from einhorn.insight.structure import constraint_reading, ei_reading
from einhorn.interchange.json_export import contact_to_dict, lunch_slot_to_dict

if TYPE_CHECKING:
    from einhorn.advice.budget import Load
    from einhorn.advice.channels import ChannelAdvice
    from einhorn.insight.structure import Cluster, EIIndex, Place, Structure
    from einhorn.insight.structure_holes import Holes
    from einhorn.interchange.records import ImportIssue
    from einhorn.services.batches import ReviewItem
    from einhorn.services.imports import ImportReport
    from einhorn.services.intro import IntroReport
    from einhorn.services.plan_views import PlanReport, Shortfall, SlotView
    from einhorn.services.strategy import Gap, Gaps, TierSuggestion, TriageResult

# -- strategy ----------------------------------------------------------------------------------


def tier_suggestion_to_dict(item: TierSuggestion) -> dict[str, Any]:
    return {
        "id": item.contact_id,
        "display_name": item.display_name,
        "tier": item.current.value,
        "suggested": item.suggested.value,
        "set_by_hand": item.set_by_hand,
        "points": item.relevance.points,
        "reasons": [{"reason": r.text(), "points": r.points} for r in item.relevance.reasons],
    }


def load_to_dict(load: Load) -> dict[str, Any]:
    """The time budget: what the tiers' cadences ask for, the budget, and the fixes."""
    return {
        "meetings_per_week": round(load.meetings_per_week, 2),
        "minutes_per_week": load.minutes_per_week,
        "budget_meetings": load.budget_meetings,
        "budget_minutes": load.budget_minutes,
        "over_budget": load.over_budget,
        "tiers": [
            {
                "tier": t.tier.value,
                "contacts": t.contacts,
                "cadence_days": t.cadence_days,
                "per_week": round(t.per_week, 2),
            }
            for t in load.tiers
        ],
        "own_cadence": {"contacts": load.own_contacts, "per_week": round(load.own_per_week, 2)},
        "fixes": [
            {
                "fix": f.text(),
                "saves_per_week": round(f.saves_per_week, 2),
                "saves_minutes": f.saves_minutes,
                "contact_ids": list(f.contact_ids),
            }
            for f in load.fixes
        ],
    }


def channel_to_dict(
    item: ChannelAdvice, presence: Mapping[str, tuple[bool, str]]
) -> dict[str, Any]:
    """One network's verdict with its reasons, checklist and whether you are there
    (``presence``: network → (present, URL), as ``ChannelReport`` holds it)."""
    language = current_language()
    present, url = presence.get(item.network.name, (False, ""))
    return {
        "network": item.network.name,
        "verdict": item.verdict.value,
        "reasons": [item.network.reason[language], *(r.text() for r in item.reasons)],
        "present": present,
        "url": url,
        "checklist": list(item.network.checklist[language]),
    }


def gaps_to_dict(found: Gaps, limit: int) -> dict[str, Any]:
    """Both lists of gaps, each with its ``total`` and its first ``limit`` contacts."""
    return {
        "met_not_connected": _gap_list(found.met_not_connected, limit),
        "connected_never_met": _gap_list(found.connected_never_met, limit),
    }


def _gap_list(items: list[Gap], limit: int) -> dict[str, Any]:
    return {
        "total": len(items),
        "contacts": [
            {
                "id": g.contact_id,
                "display_name": g.display_name,
                "tier": g.tier.value,
                "step": _(g.step),
            }
            for g in items[:limit]
        ],
    }


def triage_to_dict(result: TriageResult) -> dict[str, Any]:
    """The answer to a meeting request with its reasons and the ready-to-send texts."""
    return {
        "id": result.contact_id,
        "display_name": result.display_name,
        "answer": result.decision.answer.value,
        "reasons": [r.text() for r in result.decision.reasons],
        "messages": result.messages,
    }


# -- network -----------------------------------------------------------------------------------


def intro_to_dict(report: IntroReport) -> dict[str, Any]:
    """The ways in to a target, best chance first, each as a sentence and as its people."""
    return {
        "target": report.target,
        "kind": report.kind.value,
        "targets": report.targets,
        "paths": [
            {
                "chance": round(path.chance, 4),
                "sentence": path.sentence,
                "people": [
                    {
                        "id": step.contact_id,
                        "name": step.name,
                        "about": step.about,
                        "tier": step.tier,
                        "tie_to_next": step.link.value if step.link else None,
                    }
                    for step in path.steps
                ],
            }
            for path in report.paths
        ],
    }


def structure_to_dict(found: Structure, limit: int, *, detail: bool = True) -> dict[str, Any]:
    """The JSON of ``einhorn structure``; every list holds its ``total`` and the first
    ``limit`` items. ``detail=False`` is the overview the web API serves (its analysis skips
    the contacts' own measures): without each contact's chance, effective size and
    constraint, the E-I index's weighted sums, the index by cluster and the positions."""
    data = {
        "contacts": found.contacts,
        "ties": found.ties,
        "inferred_ties": found.inferred,
        "strong_ties": found.strong_ties,
        "me": {
            "degree": found.me.degree,
            **_holes_to_dict(found.me),
            "reading": _(constraint_reading(found.me)),
        },
        "clusters": {
            "total": len(found.clusters),
            "items": [_cluster_to_dict(c) for c in found.clusters[:limit]],
        },
        "brokers": {
            "total": len(found.brokers),
            "betweenness_sources": found.pivots,
            "items": [_place_to_dict(p, detail=detail) for p in found.brokers[:limit]],
        },
        "weak_ties_outside": {
            "total": len(found.weak_ties),
            "items": [_place_to_dict(p, detail=detail) for p in found.weak_ties[:limit]],
        },
        "ei_index": _ei_to_dict(found.ei_sector, "sector", detail=detail),
    }
    if not detail:
        return data
    positions = sorted(
        found.places.values(),
        key=lambda p: (p.holes.constraint if p.holes else 0.0, -p.ties, p.person.id),
    )
    return {
        **data,
        "ei_index_by_cluster": _ei_to_dict(found.ei_cluster, "cluster"),
        "positions": {
            "total": len(positions),
            "items": [_place_to_dict(p) for p in positions[:limit]],
        },
    }


def _holes_to_dict(holes: Holes | None) -> dict[str, Any]:
    if holes is None:
        return {"effective_size": None, "efficiency": None, "constraint": None}
    return {
        "effective_size": round(holes.effective_size, 3),
        "efficiency": round(holes.efficiency, 4),
        "constraint": round(holes.constraint, 5),
    }


def _place_to_dict(place: Place, *, detail: bool = True) -> dict[str, Any]:
    person = place.person
    data: dict[str, Any] = {
        "id": person.id,
        "display_name": person.name,
        "tier": person.tier.value,
        "company": person.company,
        "sector": person.sector,
        "cluster": place.cluster,
    }
    if detail:
        data["my_chance"] = round(place.my_chance, 3)
    data |= {
        "strong": place.strong,
        "ties": place.ties,
        "clusters_reached": place.clusters,
        "ties_to_other_clusters": place.bridges,
        "betweenness": round(place.betweenness, 6),
    }
    if detail:
        data |= _holes_to_dict(place.holes)
    return data


def _cluster_to_dict(cluster: Cluster) -> dict[str, Any]:
    return {
        "number": cluster.number,
        "label": cluster.title,
        "size": cluster.size,
        "strong_ties": cluster.strong_ties,
        "sectors": [{"name": name, "count": count} for name, count in cluster.sectors],
        "companies": [{"name": name, "count": count} for name, count in cluster.companies],
    }


def _ei_to_dict(index: EIIndex, by: str, *, detail: bool = True) -> dict[str, Any]:
    reading = ei_reading(index) if by == "sector" else None
    data: dict[str, Any] = {
        "by": by,
        "value": None if index.value is None else round(index.value, 4),
        "expected": None if index.expected is None else round(index.expected, 4),
    }
    if detail:
        data |= {"external": round(index.external, 3), "internal": round(index.internal, 3)}
    return data | {"ties": index.ties, "reading": _(reading) if reading else None}


# -- the lunch plan ----------------------------------------------------------------------------


def plan_report_to_dict(report: PlanReport) -> dict[str, Any]:
    """The lunches with who and why, the cadences the plan cannot keep, and, for a new
    plan, how good the solver's answer is."""
    data: dict[str, Any] = {
        "lunches": [slot_view_to_dict(v) for v in report.slots],
        "shortfalls": [_shortfall_to_dict(m) for m in report.shortfalls],
    }
    if report.solver:
        s = report.solver
        data["solver"] = {
            "objective": s.objective,
            "bound": s.bound,
            "optimal": s.optimal,
            "gap": round(s.gap, 6) if s.gap is not None else None,
            "contacts_considered": s.considered,
            "contacts_available": s.candidates,
            "outside_bubble_lunches": s.chance_lunches,
            "outside_bubble_slots": s.chance_slots,
            "seconds": round(s.seconds, 3),
        }
    return data


def slot_view_to_dict(view: SlotView) -> dict[str, Any]:
    """One lunch of the plan with the person's name and tier and the reasons in words."""
    return {
        **lunch_slot_to_dict(view.slot),
        "name": view.name or None,
        "tier": view.tier.value if view.tier else None,
        "why": view.why,
    }


def _shortfall_to_dict(miss: Shortfall) -> dict[str, Any]:
    return {
        "contact_id": miss.contact_id,
        "name": miss.name,
        "tier": miss.tier.value,
        "due_on": miss.due_on.isoformat(),
        "cause": miss.cause,
        "city": miss.city or None,
    }


# -- imports -----------------------------------------------------------------------------------


def import_report_to_dict(report: ImportReport) -> dict[str, Any]:
    """What an import did (or a dry run would do): counts, issues and the pairs held.

    On a dry run the held pairs' new contacts were never saved: their id is None (the ids the
    rolled-back transaction gave them would name nobody, or later somebody else).
    """
    hide = report.dry_run
    return {
        "batch": report.batch if not report.dry_run else None,
        "dry_run": report.dry_run,
        "files": report.files,
        **report.totals(),
        "issues": [issue_to_dict(issue) for issue in report.issues],
        "held": [
            {
                "contact_id": None if hide else pair.contact_id,
                "contact": pair.contact_name,
                "candidate_id": pair.candidate_id,
                "candidate": pair.candidate_name,
                "reason": pair.reason,
            }
            for pair in report.held
        ],
    }


def issue_to_dict(issue: ImportIssue) -> dict[str, Any]:
    return {
        "file": issue.file,
        "line": issue.line,
        "reason": _(issue.reason),
        "detail": issue.detail,
        "level": issue.level.value,
    }


def review_item_to_dict(item: ReviewItem) -> dict[str, Any]:
    """A pair that may be one person, both contacts in full."""
    return {
        "id": item.review.id,
        "reason": item.review.reason,
        "contact": contact_to_dict(item.contact),
        "candidate": contact_to_dict(item.candidate),
    }
