"""The issue's scenarios in a real headless Chromium against the real server (``einhorn serve``).

Locators go by role and accessible name where they can, so a control without a label or a
heading out of place fails here too. Screenshots of the main pages land in
.artifacts/screenshots/ (desktop 1280 px and phone 390 px wide).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, expect

from tests.e2e.conftest import DESKTOP, PHONE, Server, new_page, screenshot

pytestmark = pytest.mark.e2e


def rows(page: Page) -> Locator:
    """The data rows of the tables in the page's main part (header rows left out)."""
    return page.get_by_role("main").locator("tbody tr")


def test_the_first_start_on_the_demo_data_shows_who_is_due(
    page: Page, local_server: Server
) -> None:
    due = local_server.json("due")["due"]
    assert due, "the demo network always has someone due"
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview")
    expect(page.get_by_role("heading", name="Who is due")).to_be_visible()
    for entry in due[:3]:
        expect(page.get_by_role("main").get_by_text(entry["display_name"]).first).to_be_visible()
    screenshot(page, "overview-desktop")


def test_searching_a_contact_updates_the_rows_without_a_reload(
    page: Page, local_server: Server
) -> None:
    listed = local_server.json("contacts", "list", "--tier", "penguin", "--limit", "1")
    person = listed["contacts"][0]
    term = person["family_name"]
    expected = local_server.json("contacts", "list", "--search", term)["total"]
    page.goto("/contacts")
    expect(rows(page)).to_have_count(50)  # one page of the 300 demo contacts
    page.evaluate("window.einhornProbe = 'still the same page'")

    page.get_by_role("searchbox", name="Search contacts").press_sequentially(term, delay=20)

    expect(rows(page)).to_have_count(min(expected, 50))
    expect(rows(page).get_by_text(person["display_name"], exact=True)).to_be_visible()
    assert page.evaluate("window.einhornProbe") == "still the same page"  # no reload
    expect(page).to_have_url(re.compile(r"[?&]q="))  # the address can be bookmarked
    screenshot(page, "contacts-search")


def test_the_language_switch_shows_german_and_survives_a_reload(page: Page) -> None:
    page.goto("/contacts?q=a")
    page.get_by_role("link", name="Deutsch").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page).to_have_url(re.compile(r"/contacts\?q=a$"))  # back where the switch was
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontakte")
    expect(page.get_by_role("searchbox", name="Kontakte suchen")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontakte")
    page.get_by_role("link", name="Übersicht").click()
    expect(page.get_by_role("heading", name="Wer ist dran")).to_be_visible()
    screenshot(page, "overview-german")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Who is due")).to_be_visible()


def test_the_keyboard_reaches_the_search_box_through_the_skip_link(page: Page) -> None:
    page.goto("/contacts")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to the content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()  # shown while it has the focus
    page.keyboard.press("Enter")
    search = page.get_by_role("searchbox", name="Search contacts")
    in_main = "document.activeElement.closest('main') !== null"
    for _ in range(3):  # past the menu at once: the search is among the first stops in main
        page.keyboard.press("Tab")
        assert page.evaluate(in_main), "Tab after the skip link left the main part"
        if search.evaluate("box => box === document.activeElement"):
            break
    expect(search).to_be_focused()
    page.keyboard.type("zzzqx-nobody")
    expect(page.get_by_text("No contacts match.")).to_be_visible()


MAIN_PAGES = {
    "overview": "/",
    "contacts": "/contacts",
    "contact": "/contacts/1",
    "import": "/import",
    "plan": "/plan",
    "strategy": "/strategy",
    "review": "/review",
    "network": "/network",
}


def note_console_error(problems: list[str], line: ConsoleMessage) -> None:
    """Keep the console's errors: a script that fails, a Content-Security-Policy refusal."""
    if line.type == "error" and not line.text.startswith("Failed to load resource"):
        problems.append(line.text)


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("name", list(MAIN_PAGES))
def test_the_main_pages_fit_the_screen_without_errors(
    chromium: Browser, local_server: Server, name: str, size: str
) -> None:
    """Each main page at 1280 and at 390 px: a heading, no sideways scrolling, no script or
    Content-Security-Policy error in the console, a CSRF token in every form; a screenshot."""
    viewport = DESKTOP if size == "desktop" else PHONE
    page = new_page(chromium, local_server.url, viewport)
    problems: list[str] = []
    # Failed loads are caught by their responses: the console's copy would also report the
    # favicon, which the browser asks for by itself (einhorn has none).
    page.on("console", lambda line: note_console_error(problems, line))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )
    answer = page.goto(MAIN_PAGES[name])
    assert answer is not None and answer.status == 200, f"{name}: {answer and answer.status}"
    expect(page.locator(".htmx-request")).to_have_count(0)  # the parts htmx loads after
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    # A form posted without htmx sends only its hidden field: empty, the server refuses it.
    tokenless = page.locator("form[method=post i]").filter(
        has_not=page.locator("input[name=csrf_token]:not([value=''])")
    )
    forms = [f"{f.get_attribute('action')}" for f in tokenless.all()]
    screenshot(page, f"{name}-{size}")
    page.context.close()
    assert not forms, f"{name}: forms without a CSRF token: {forms}"
    assert overflow <= 0, f"{name} is {overflow} px wider than a {viewport['width']} px screen"
    assert not problems, f"{name} ({size}): {problems}"


def test_planning_lunches_and_accepting_one(page: Page, local_server: Server) -> None:
    page.goto("/plan")
    page.get_by_label("Weeks").fill("2")
    page.get_by_label("Lunches a week").fill("1")
    page.get_by_label("Time for the solver (seconds)").fill("3")
    page.get_by_role("button", name="Plan lunches", exact=True).click()
    expect(page.get_by_role("heading", name="The new plan")).to_be_visible(timeout=30_000)

    proposal = page.get_by_role("row").filter(has=page.get_by_role("button", name="Accept")).first
    person = proposal.get_by_role("link").first.inner_text()
    slot = f"#{proposal.get_attribute('id')}"
    page.evaluate("window.einhornProbe = 'still the same page'")
    proposal.get_by_role("button", name="Accept").click()

    expect(page.locator(slot)).to_contain_text("accepted")
    expect(page.locator(slot).get_by_role("button", name="Accept")).to_have_count(0)
    assert page.evaluate("window.einhornProbe") == "still the same page"  # only the row changed
    screenshot(page, "plan-desktop")
    page.reload()
    expect(page.locator(slot)).to_contain_text("accepted")
    lunches = local_server.json("plan", "show")["lunches"]
    assert {"status": "accepted", "name": person} in [
        {"status": lunch["status"], "name": lunch["name"]} for lunch in lunches
    ]


LINKEDIN_CONNECTIONS = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Quirina,Importnova,https://www.linkedin.com/in/quirina,quirina@nova.example,Nova,Sales,08 Feb 2026
Rasmus,Importnova,https://www.linkedin.com/in/rasmus-importnova,,Nova Werke GmbH,CTO,12 Jan 2025
Selma,Importnova,https://www.linkedin.com/in/selma-importnova,,Kobold Labs,Founder,01 Mar 2019
"""


def linkedin_export(folder: Path) -> Path:
    """A small LinkedIn data export as LinkedIn sends it: a ZIP with Connections.csv."""
    path = folder / "Basic_LinkedInDataExport_11-27-2026.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Connections.csv", LINKEDIN_CONNECTIONS)
    return path


def test_importing_a_linkedin_export_shows_a_preview_before_it_saves(
    page: Page, local_server: Server, tmp_path: Path
) -> None:
    def found() -> int:
        return int(local_server.json("contacts", "list", "--search", "importnova")["total"])

    page.goto("/import")
    page.get_by_label("Files").set_input_files(linkedin_export(tmp_path))
    page.get_by_role("button", name="Show what would happen").click()

    expect(page.get_by_role("heading", name="Preview: nothing is saved yet")).to_be_visible()
    for name in ("Quirina Importnova", "Rasmus Importnova", "Selma Importnova"):
        expect(page.get_by_role("listitem").filter(has_text=name)).to_be_visible()
    assert found() == 0  # a preview saves nothing
    screenshot(page, "import-preview")

    page.get_by_role("button", name="Import now").click()
    expect(page.get_by_role("heading", name="Imported", exact=True)).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Saved as import")).to_be_visible()
    assert found() == 3
    page.goto("/contacts?q=importnova")
    expect(rows(page)).to_have_count(3)


def sign_up(page: Page, server: Server, username: str, password: str) -> None:
    """Follow an invitation link (``einhorn invite``) and create the account on its page."""
    link = server.json("invite", "--url", server.url)["url"]
    page.goto(link)
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Repeat the password").fill(password)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview")


def sign_in(page: Page, username: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview")


def test_a_signed_in_user_cannot_reach_another_users_contact(
    chromium: Browser, multi_user_server: Server
) -> None:
    server = multi_user_server
    stranger, alice, bob = (new_page(chromium, server.url) for _ in range(3))

    stranger.goto("/contacts")
    expect(stranger).to_have_url(re.compile(r"/login$"))  # nobody gets in without signing in
    expect(stranger.get_by_role("heading", level=1)).to_have_text("Sign in")

    sign_up(alice, server, "alice", "alice-secret-1234")
    alice.goto("/contacts/new")
    alice.get_by_label("Name", exact=True).fill("Zora Geheimnis")
    alice.get_by_role("button", name="Add", exact=True).click()
    expect(alice).to_have_url(re.compile(r"/contacts/\d+$"))
    secret = alice.url
    alice.get_by_role("button", name="Sign out").click()
    expect(alice).to_have_url(re.compile(r"/login$"))
    sign_in(alice, "alice", "alice-secret-1234")
    alice.goto(secret)
    expect(alice.get_by_role("heading", level=1)).to_contain_text("Zora Geheimnis")

    sign_up(bob, server, "bob", "bob-secret-12345")
    answer = bob.goto(secret)
    assert answer is not None and answer.status == 404
    expect(bob.get_by_text("Zora Geheimnis")).to_have_count(0)
    api = bob.request.get(secret.replace("/contacts/", "/api/contacts/"))
    assert api.status == 404 and "Zora" not in api.text()
    bob.goto("/contacts?q=zora")
    expect(bob.get_by_text("No contacts match.")).to_be_visible()
    screenshot(bob, "server-mode-other-account")
    for opened in (stranger, alice, bob):
        opened.context.close()
