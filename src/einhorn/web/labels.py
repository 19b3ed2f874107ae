"""Every word the pages show, through the one gettext catalog (templates hold no text)."""

from __future__ import annotations

from einhorn.i18n import gettext as _


def labels() -> dict[str, str]:
    """The words every page shows (menu, tiers, common buttons) in the current language.

    Each page module adds its own words through ``render(..., words=...)``.
    """
    return {
        "title": _("einhorn — strategic networking"),
        "dashboard": _("Overview"),
        "contacts": _("Contacts"),
        "import": _("Import"),
        "plan": _("Plan"),
        "strategy": _("Strategy"),
        "review": _("Review"),
        "network": _("Network"),
        "menu": _("Main menu"),
        "skip": _("Skip to the content"),
        "logout": _("Sign out"),
        "save": _("Save"),
        "cancel": _("Cancel"),
        "goal": _("Goal"),
        "no_goal": _("no goal set yet"),
        "due": _("Who is due"),
        "nobody_due": _("Nobody is due. Well kept!"),
        "lunches": _("Lunches this week"),
        "no_lunches": _("None planned: einhorn plan lunches"),
        "recent": _("Recently"),
        "search": _("Search contacts"),
        "search_hint": _("Name, company, city, tag …"),
        "name": _("Name"),
        "company": _("Company"),
        "city": _("City"),
        "tier": _("Tier"),
        "next_due": _("Next due"),
        "shown": _("{shown} of {total}"),
        "none_found": _("No contacts match."),
        "language": _("Language"),
        "error": _("Something is not right"),
        "back": _("Back to the overview"),
        "unicorn": _("unicorn"),
        "flamingo": _("flamingo"),
        "penguin": _("penguin"),
    }
