"""Strategy rules on small hand-built cases with a known right answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from einhorn.advice.budget import weekly_load
from einhorn.advice.relevance import Facts, load_rules, relevance, seniority_word
from einhorn.domain.goals import Goal, GoalKind, parse_goal_kind
from einhorn.domain.tiers import CadencePolicy, Tier
from einhorn.errors import InvalidInput

RULES = load_rules()


def test_a_head_of_hr_at_a_target_company_is_a_unicorn_with_its_reasons() -> None:
    scored = relevance(
        Facts(target_company="Siemens", position="Head of HR", meetings_last_year=1), RULES
    )
    assert scored.tier is Tier.UNICORN
    assert [(r.message, r.points) for r in scored.reasons] == [
        ("works at target company {company}", 40),
        ("senior role: {position}", 15),
        ("met {count}× in the last 12 months", 5),
    ]
    assert scored.points == 60 and scored.reasons[0].values == {"company": "Siemens"}


@pytest.mark.parametrize(
    ("facts", "tier"),
    [
        (Facts(), Tier.PENGUIN),
        (Facts(position="Sachbearbeiterin", meetings_last_year=4), Tier.FLAMINGO),
        (Facts(target_company="SAP", private_only=True), Tier.FLAMINGO),
        (Facts(meetings_last_year=100), Tier.FLAMINGO),  # meetings count up to 20 points
    ],
)
def test_points_add_up_to_a_tier(facts: Facts, tier: Tier) -> None:
    assert relevance(facts, RULES).tier is tier


@pytest.mark.parametrize(
    ("position", "word"),
    [
        ("Geschäftsführerin", "geschaftsfuhrerin"),
        ("Head of People", "head"),
        ("Leiter Einkauf", "leiter"),
        ("Senior Consultant", ""),
        ("Headhunterin", ""),  # whole words only
    ],
)
def test_senior_roles_are_found_as_whole_words_in_german_and_english(
    position: str, word: str
) -> None:
    assert seniority_word(position, RULES) == word


def test_the_points_come_from_an_editable_rules_file(tmp_path: Path) -> None:
    text = (Path(__file__).parents[2] / "src/einhorn/advice/rules/relevance.toml").read_text()
    path = tmp_path / "rules.toml"
    path.write_text(text.replace("target_company = 40", "target_company = 5"), encoding="utf-8")
    scored = relevance(Facts(target_company="Siemens"), load_rules(path))
    assert (scored.points, scored.tier) == (5, Tier.PENGUIN)


def test_twenty_unicorns_every_six_weeks_are_over_a_budget_of_two() -> None:
    load = weekly_load({(Tier.UNICORN, None): 20}, CadencePolicy(), 2.0, 600, list(range(20)))
    assert round(load.meetings_per_week, 2) == 3.33
    assert load.over_budget
    longer = next(f for f in load.fixes if f.values.get("tier") == "unicorn")
    assert (longer.values["weeks"], longer.values["now"]) == (10, 6)
    assert round(longer.saves_per_week, 2) == 1.33
    move = next(f for f in load.fixes if f.contact_ids)
    # each move saves 1/6 - 1/12 of a meeting a week: 16 moves cover the 4/3 over
    assert move.values == {"count": 16} and move.contact_ids == tuple(range(16))


def test_a_load_within_budget_needs_no_fix() -> None:
    load = weekly_load({(Tier.UNICORN, None): 6, (Tier.PENGUIN, 14): 1}, CadencePolicy(), 2.0, 600)
    assert round(load.meetings_per_week, 2) == 1.5 and load.own_contacts == 1
    assert not load.over_budget and load.fixes == ()


def test_goal_kinds_read_in_english_and_german_and_budgets_are_checked() -> None:
    assert parse_goal_kind("Forschung") is GoalKind.RESEARCH
    with pytest.raises(InvalidInput):
        parse_goal_kind("reich werden")
    with pytest.raises(InvalidInput):
        Goal(kind=GoalKind.CAREER, meetings_per_week=0)
    goal = Goal(kind=GoalKind.CAREER, target_companies=[" Siemens ", "Siemens", ""])
    assert goal.target_companies == ["Siemens"]


def _decide(tier: Tier, facts: Facts, kind: str = "coffee", used: int = 0) -> str:
    from einhorn.advice.triage import triage
    from einhorn.domain.interactions import InteractionKind

    decision = triage(
        tier=tier,
        relevance=relevance(facts, RULES),
        kind=InteractionKind(kind),
        meetings_this_week=used,
        budget_per_week=2.0,
    )
    return decision.answer.value


@pytest.mark.parametrize(
    ("tier", "facts", "kind", "used", "answer"),
    [
        (Tier.UNICORN, Facts(), "lunch", 0, "accept"),
        (Tier.UNICORN, Facts(), "lunch", 2, "call"),  # the week's budget is used up
        (Tier.FLAMINGO, Facts(), "lunch", 0, "call"),
        (Tier.FLAMINGO, Facts(), "call", 2, "accept"),  # a call costs little
        (Tier.PENGUIN, Facts(), "coffee", 0, "decline"),
        (Tier.PENGUIN, Facts(target_company="Siemens", position="CEO"), "coffee", 0, "accept"),
    ],
)
def test_a_meeting_request_is_answered_from_tier_relevance_and_budget(
    tier: Tier, facts: Facts, kind: str, used: int, answer: str
) -> None:
    assert _decide(tier, facts, kind, used) == answer


def test_every_answer_has_a_text_in_german_sie_du_and_english() -> None:
    from einhorn.advice.triage import Answer, messages
    from einhorn.domain.interactions import InteractionKind

    for answer in Answer:
        texts = messages(answer, InteractionKind.LUNCH, "Dr. Anna Müller", "Anna")
        assert set(texts) == {"de_sie", "de_du", "en"}
        assert "Dr. Anna Müller" in texts["de_sie"] and "Hallo Anna" in texts["de_du"]
        assert "Ihnen" in texts["de_sie"] or "Ihr" in texts["de_sie"]
        assert "dir" in texts["de_du"] or "deine" in texts["de_du"]
        if answer is not Answer.DECLINE:  # a refusal does not repeat what was asked
            assert "Mittagessen" in texts["de_sie"] and "lunch" in texts["en"]


def test_diversity_measures_spread_with_unknown_as_its_own_class() -> None:
    from einhorn.advice.bubble import diversity

    alike = diversity(["IT", "it", "IT "])
    assert (alike.classes, alike.blau, alike.entropy, alike.coverage) == (1, 0.0, 0.0, 1.0)
    assert alike.top == (("IT", 1.0),)
    even = diversity(["IT", "Handel", "Bau", "Medien"])
    assert (round(even.blau, 3), round(even.entropy, 3)) == (0.75, 1.0)
    thin = diversity(["IT", "", "", ""])
    assert (thin.known, thin.classes, round(thin.coverage, 2)) == (1, 1, 0.25)
    assert round(thin.blau, 3) == 0.375  # IT and unknown: 1 - (1/16 + 9/16)


def test_targets_no_contact_matches_are_missing() -> None:
    from einhorn.advice.bubble import missing

    assert missing(["Automobil", "Medien"], ["Automobilindustrie", "IT", ""]) == ["Medien"]


def _verdicts(
    goal: Goal, at_targets: dict[str, int] | None = None, known: int = 0
) -> dict[str, str]:
    from einhorn.advice.channels import advise, load_networks

    return {
        a.network.name: a.verdict.value
        for a in advise(goal, load_networks(), at_targets or {}, known)
    }


def test_the_researcher_is_advised_researchgate() -> None:
    verdicts = _verdicts(Goal(kind=GoalKind.RESEARCH, sector="Forschung"))
    assert verdicts["researchgate"] == "invest"
    assert verdicts["instagram"] == "skip"


def test_the_dach_job_seeker_whose_targets_are_on_xing_is_advised_xing() -> None:
    from einhorn.domain.goals import Region

    goal = Goal(kind=GoalKind.EXPERT, region=Region.DACH, target_companies=["Siemens"])
    assert _verdicts(goal)["xing"] == "keep"
    # 8 of 10 contacts at the target companies have a Xing profile: invest there
    assert _verdicts(goal, {"xing": 8}, 10)["xing"] == "invest"
    assert _verdicts(Goal(kind=GoalKind.JOB_SEARCH))["xing"] == "invest"


def test_the_international_consultant_is_advised_linkedin_not_xing() -> None:
    from einhorn.domain.goals import Region

    verdicts = _verdicts(Goal(kind=GoalKind.INTERNATIONAL, region=Region.INTERNATIONAL))
    assert verdicts["linkedin"] == "invest"
    assert verdicts["xing"] == "skip"


def test_a_network_added_to_the_rules_file_is_advised(tmp_path: Path) -> None:
    from einhorn.advice.channels import advise, load_networks

    path = tmp_path / "channels.toml"
    path.write_text(
        '[[network]]\nname = "stackoverflow"\ninvest = ["expert"]\nsectors = ["software"]\n'
        'reason_en = "Answers show what you know."\n',
        encoding="utf-8",
    )
    [advice] = advise(Goal(kind=GoalKind.EXPERT), load_networks(path), {}, 0)
    assert (advice.network.name, advice.verdict.value) == ("stackoverflow", "invest")


def test_over_the_minutes_only_the_fix_is_coffee_instead_of_lunch() -> None:
    load = weekly_load({(Tier.UNICORN, None): 20}, CadencePolicy(), 10.0, 100)
    assert load.over_budget and load.minutes_per_week == 300  # 3.33 lunches of 90 minutes
    [fix] = load.fixes
    assert (fix.message, fix.saves_minutes) == ("Meet unicorns for coffee instead of lunch", 150)
