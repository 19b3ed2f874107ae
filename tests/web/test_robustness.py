"""Hostile input on EVERY route: the app refuses it in one line and never breaks. And every
page in German, labelled for screen readers, every change behind the CSRF token.

The routes are enumerated from the app itself (``endpoints`` of test_isolation), so a route
added later is covered without touching this file. Each route is first called with valid
values (the ids of a small demo network); then each of its parameters in turn, path, query,
form field or JSON field, gets something hostile while the others stay valid: huge, negative
and non-numeric ids, 10,000 characters, NUL bytes, odd unicode, impossible dates, an empty
value, the wrong JSON type; a JSON body also comes as the wrong shape, or not at all.

No answer may be a server error or show a traceback, nor send the browser to another site;
a refusal is a 4xx that says what is wrong in one line: a page in an element with
role="alert", the API as ``{"error": ...}``. An upload the page previews in the background
may fail, but only as the import's own error.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import itertools
import re
import time
import types
import typing
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI, params
from fastapi.responses import HTMLResponse
from fastapi.testclient import TestClient
from pydantic import BaseModel
from starlette.datastructures import UploadFile

from einhorn.bootstrap import App
from einhorn.domain.goals import Goal, GoalKind
from einhorn.domain.groups import Event, Group, GroupKind
from einhorn.domain.plans import Trip
from einhorn.domain.ties import TieKind
from einhorn.i18n import set_language
from einhorn.services.contacts import list_contacts
from einhorn.services.demo import fill_demo
from einhorn.services.groups import add_event, add_group
from einhorn.services.imports import ImportRequest, import_files
from einhorn.services.network import add_tie
from einhorn.services.plan_views import PlanOptions
from einhorn.services.plans import add_trip, plan_lunches
from einhorn.services.ports import ContactQuery
from einhorn.services.strategy import make_review, set_goal
from einhorn.web.app import create_app
from einhorn.web.import_jobs import desk_of
from einhorn.web.kit import CSRF_COOKIE, CSRF_HEADER
from tests.web import TODAY
from tests.web.server import Clock, add_login, new_invitation, server_app
from tests.web.test_isolation import Endpoint, endpoints, snapshot

NOW = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)
SKIPPED = {"/api/docs", "/docs/oauth2-redirect", "/api/openapi.json"}  # FastAPI's own

# -- the network the routes work on ----------------------------------------------------------

VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{given} {family}\r\nN:{family};{given};;;\r\n"
    "ORG:{company}\r\nEMAIL:{email}\r\nEND:VCARD\r\n"
)


def _fill(app: App, tmp: Path) -> dict[str, Any]:
    """40 demo contacts, a goal, a tie, a group with an event, a trip, a lunch plan, an import
    with a pair to decide and a kept review. Returns valid values by parameter name."""
    ids: dict[str, Any] = {}
    with app.uow(TODAY) as uow:
        fill_demo(uow=uow, contacts=40, seed=7, today=TODAY)
    with app.uow(TODAY) as uow:  # before the goal: its home city would narrow the plan
        options = PlanOptions(weeks=2, days=(0, 1, 2, 3, 4), time_limit=1.0, seed=1)
        report = plan_lunches(uow=uow, today=TODAY, options=options)
        ids["slot_id"] = next(s.slot.id for s in report.slots if s.slot.contact_id)
    with app.uow(TODAY) as uow:
        goal = Goal(GoalKind.CAREER, role="Leiterin Vertrieb", home_city="Köln")
        set_goal(uow=uow, goal=goal, now=NOW - dt.timedelta(days=120))
    with app.uow(TODAY) as uow:
        people, _ = list_contacts(uow=uow, query=ContactQuery(limit=3))
    ids["contact_id"], ids["other_id"], ids["victim_id"] = (p.id for p in people)
    with app.uow(TODAY) as uow:
        add_tie(
            uow=uow,
            one=f"#{ids['contact_id']}",
            other=f"#{ids['other_id']}",
            kind=TieKind.COLLEAGUE,
            strength=2,
            now=NOW,
        )
    with app.uow(TODAY) as uow:
        group = add_group(uow=uow, group=Group("Stammtisch Ehrenfeld", GroupKind.REGULARS_TABLE))
        ids["group_id"] = group.id
    with app.uow(TODAY) as uow:
        add_event(
            uow=uow,
            event=Event("Sommerfest", TODAY - dt.timedelta(days=10), city="Köln"),
            group_ref=group.name,
            met_refs=[f"#{ids['other_id']}"],
            new_names=[],
            today=TODAY,
        )
    with app.uow(TODAY) as uow:
        away = Trip("Hamburg", TODAY + dt.timedelta(days=20), TODAY + dt.timedelta(days=22))
        ids["trip_id"] = add_trip(uow=uow, trip=away, today=TODAY).id
    twin = people[0]  # the same name without a company: maybe the same person
    vcard = tmp / "adressen.vcf"
    vcard.write_text(
        VCARD.format(
            given=twin.given_name,
            family=twin.family_name,
            company="",
            email="zwilling@example.org",
        )
        + VCARD.format(given="Zora", family="Neumann", company="Import AG", email="z@example.org"),
        encoding="utf-8",
    )
    with app.uow(TODAY) as uow:
        ids["batch_id"] = import_files(
            uow=uow, request=ImportRequest(paths=[vcard], shown_names={vcard: vcard.name}), now=NOW
        ).batch
    with app.engine.connect() as connection:
        ids["review_id"] = connection.execute(sa.text("SELECT max(id) FROM merge_reviews")).scalar()
        ids["interaction_id"] = connection.execute(
            sa.text("SELECT max(id) FROM interactions")
        ).scalar()
    ids["target"] = ids["who"] = people[1].display_name
    with app.uow(TODAY) as uow:
        make_review(uow=uow, today=TODAY, now=NOW)
    return ids


OMIT = object()  # a parameter left out of the valid call
# Valid values by parameter name (after the ids); a path's own override wins.
VALID: dict[str, Any] = {
    "code": "de",
    "network": "linkedin",
    "tier": "flamingo",
    "engagement": "member",
    "decision": "merge",
    "kind": "coffee",
    "color": "tier",
    "q": "a",
    "company": "Beispiel GmbH",
    "city": "Bonn",
    "name": "Zora Neumann",
    "display_name": "Zora Neumann",
    "line": "lunch yesterday talked about the fair",
    "date": TODAY.isoformat(),
    "from_on": (TODAY + dt.timedelta(days=40)).isoformat(),
    "to_on": (TODAY + dt.timedelta(days=41)).isoformat(),
    "from": (TODAY + dt.timedelta(days=40)).isoformat(),
    "to": (TODAY + dt.timedelta(days=41)).isoformat(),
    "weeks": 1,
    "per_week": 1,
    "time_limit": 1,
    "meetings": "3",
    "minutes": "240",
    "review_weeks": "13",
    "region": "dach",
    "sphere": "professional",
    "present": "on",
    "url": "https://example.org/zora",
    "email": "zora@example.org",
    "emails": "zora@example.org",
    "phone": "+49 221 1234567",
    "phones": "+49 221 1234567",
    "profiles": "linkedin=https://www.linkedin.com/in/zora",
    "address": "",
    "cadence": "4w",
    "wish_list": "on",
    "days": "tue",
    "meetings_per_week": 3,
    "minutes_per_week": 240,
    "review_every_days": 91,
    "emails_before": "",
    "phones_before": "",
    "tags_before": "",
    "profiles_before": "",
    "birthday": "1990-05-17",
    "limit": 5,
    "offset": 0,
    "page": 1,
    "history": "all",
    "wish": "yes",
    "saved": True,
    "same_person": False,
    "dry_run": True,
    "lang": "de",
    "token": "nope",
    "job_id": "nope",
}
BY_PATH: dict[str, dict[str, Any]] = {
    "/strategy/goal": {"kind": "career"},
    "/api/goal": {"kind": "career"},
    "/strategy/groups": {"kind": "association", "name": "Rotary Bonn"},
    "/network/{name}": {"name": "d3.LICENSE"},
    "/api/network/intro": {"kind": "auto"},
    "/network": {"kind": "auto"},
    "/api/contacts/{contact_id}/interactions": {"line": OMIT},
    "/api/plan/slots/{slot_id}/swap": {"with": "Zora"},
}
ID_NAMES = {
    "contact_id": "contact_id",
    "id": "contact_id",
    "ids": "contact_id",
    "contact_ids": "contact_id",
    "interaction_id": "interaction_id",
    "slot_id": "slot_id",
    "trip_id": "trip_id",
    "batch_id": "batch_id",
    "review_id": "review_id",
    "group_id": "group_id",
    "group": "group_id",
    "met": "other_id",
    "with": "other_id",
}


# -- the routes' parameters and a valid call ---------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One parameter of a route: where it goes, its name, its type."""

    where: str  # path, query, form, file, json
    name: str
    annotation: Any


@dataclass
class Call:
    template: str  # the route's path, its {parameters} filled from ``path_values``
    path_values: dict[str, str] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    form: dict[str, Any] = field(default_factory=dict)
    files: list[tuple[str, tuple[str, bytes, str]]] = field(default_factory=list)
    json: Any = None
    json_body: bool = False  # the body is JSON (even when ``json`` is None)
    raw: bytes | None = None  # a body that is no JSON at all
    htmx: bool = False  # sent as htmx sends it (pages answer with a fragment)
    what: str = "valid"

    @property
    def path(self) -> str:
        return re.sub(r"{(\w+)(?::\w+)?}", lambda m: self.path_values[m.group(1)], self.template)


def _fields(dependant: Any) -> Iterator[tuple[str, Any]]:
    yield from (("path", f) for f in dependant.path_params)
    yield from (("query", f) for f in dependant.query_params)
    yield from (("body", f) for f in dependant.body_params)
    for sub in dependant.dependencies:
        yield from _fields(sub)


def _plain(annotation: Any) -> Any:
    """``X`` of ``Annotated[X, ...]``, ``X | None`` and ``list[X]``."""
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Annotated or origin in (typing.Union, types.UnionType):
        return _plain(args[0])
    if origin in (list, set, tuple):
        return _plain(args[0]) if args else str
    return annotation


def _is_upload(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, UploadFile):
        return True
    return any(_is_upload(arg) for arg in typing.get_args(annotation))


def slots_of(endpoint: Endpoint) -> list[Slot]:
    """The route's parameters; of a form model or a JSON body model its fields one by one
    (a JSON body of several parameters is an object of them, as FastAPI reads it)."""
    dependant = getattr(endpoint.route, "dependant", None)
    if dependant is None:
        return []
    slots: list[Slot] = []
    bodies = []
    for where, param in _fields(dependant):
        key = param.alias or param.name
        annotation = param.field_info.annotation
        if where in ("path", "query"):
            slots.append(Slot(where, key, annotation))
        elif isinstance(param.field_info, params.File) or _is_upload(annotation):
            slots.append(Slot("file", key, annotation))
        elif isinstance(param.field_info, params.Form):
            model = _plain(annotation)
            if isinstance(model, type) and issubclass(model, BaseModel):
                slots += [Slot("form", k, f.annotation) for k, f in model.model_fields.items()]
            else:
                slots.append(Slot("form", key, annotation))
        else:
            bodies.append((key, annotation, param))
    whole = len(bodies) == 1 and not getattr(bodies[0][2].field_info, "embed", False)
    for key, annotation, _param in bodies:
        model = _plain(annotation)
        if whole and isinstance(model, type) and issubclass(model, BaseModel):
            slots += [
                Slot("json", info.alias or name, info.annotation)
                for name, info in model.model_fields.items()
            ]
        else:
            slots.append(Slot("json", key, annotation))
    return slots


def valid_value(endpoint: Endpoint, slot: Slot, ids: dict[str, Any]) -> Any:
    """A value the route accepts for ``slot`` (as far as one can tell from its name)."""
    plain = _plain(annotation := slot.annotation)
    is_list = typing.get_origin(annotation) in (list, set) or any(
        typing.get_origin(a) in (list, set) for a in typing.get_args(annotation)
    )
    value = BY_PATH.get(endpoint.path, {}).get(slot.name)
    if value is None and slot.name in ID_NAMES:
        key = ID_NAMES[slot.name]
        if key == "contact_id" and ("erase" in endpoint.path or endpoint.method == "DELETE"):
            key = "victim_id"  # erasing the one contact the rest works on would end the test
        value = ids[key] if plain is int else str(ids[key])
    if value is None and slot.name in ids:
        value = ids[slot.name]
    if value is None:
        value = VALID.get(slot.name)
    if value is None and isinstance(plain, type):
        if issubclass(plain, enum.Enum):
            value = next(iter(plain)).value
        elif issubclass(plain, bool):
            value = True
        elif issubclass(plain, int | float):
            value = 1
        elif issubclass(plain, dt.date):
            value = TODAY.isoformat()
    if value is None and typing.get_origin(plain) is typing.Literal:
        value = typing.get_args(plain)[-1]
    if value is None:
        value = "Zora"
    return [value] if is_list and value is not OMIT else value


def valid_call(endpoint: Endpoint, ids: dict[str, Any]) -> Call:
    call = Call(endpoint.path)
    body: dict[str, Any] = {}
    for slot in slots_of(endpoint):
        value = valid_value(endpoint, slot, ids)
        if value is OMIT:
            continue
        if slot.where == "path":
            call.path_values[slot.name] = str(value)
        elif slot.where == "query":
            call.query[slot.name] = value
        elif slot.where == "form":
            call.form[slot.name] = value
        elif slot.where == "file":
            call.files.append((slot.name, GOOD_UPLOAD))
        else:
            body[slot.name] = value
            call.json_body = True
    if call.json_body:
        call.json = body
    return call


# -- hostile values ---------------------------------------------------------------------------

LONG = "Ä" * 10_000
# Every parameter gets these; a number (or id) the NUMBERS too, a date the DATES; a JSON
# field also the wrong JSON types.
TEXTS: dict[str, str] = {
    "10,000 characters": LONG,
    "a NUL byte": "Zo\x00ra",
    "odd unicode": "\u202eZ\u0301\u200b\ufeff\U0001f984\U0001d518\uffff",
    "nothing": "",
    "another site": "//evil.example/x",
}
NUMBERS: dict[str, Any] = {
    "a negative number": "-1",
    "a huge number": "9" * 40,
    "no number": "zwölf",
}
DATES = {"an impossible date": "2026-02-30", "a date far out": "9999-12-31"}
JSON_TYPES: dict[str, Any] = {
    "a huge JSON number": 10**40,
    "a float": 1.5e308,
    "null": None,
    "a list": ["x"],
    "an object": {"x": 1},
}


def hostile_values(slot: Slot, valid: Any) -> dict[str, Any]:
    """What to try instead of ``valid`` in ``slot``."""
    values: dict[str, Any] = dict(TEXTS)
    single = valid[0] if isinstance(valid, list) and valid else valid
    number = isinstance(single, int) or re.fullmatch(r"-?[\d.]+", str(single)) is not None
    if slot.where == "path" or number:
        values.update(NUMBERS)
    if re.fullmatch(r"\d{4}-\d\d-\d\d", str(single)):
        values.update(DATES)
    if slot.where == "json":  # for a text, one number stands for all
        values.update({k: v for k, v in JSON_TYPES.items() if number or k != "a float"})
    return values


def _file(name: str, content: bytes, media: str = "text/vcard") -> tuple[str, bytes, str]:
    return (name, content, media)


GOOD_UPLOAD = _file(
    "kontakte.vcf",
    VCARD.format(given="Uli", family="Upload", company="U AG", email="u@example.org").encode(),
)


def _zip_bomb_ish() -> bytes:
    """A zip whose one member is large and compresses well (the reader must limit it)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", b"First Name,Last Name\n" + b"a" * 3_000_000)
    return buffer.getvalue()


HOSTILE_FILES: dict[str, tuple[str, bytes, str]] = {
    "an empty file": _file("leer.vcf", b""),
    "binary garbage": _file("müll.vcf", bytes(range(256)) * 40, "application/octet-stream"),
    "NUL bytes": _file("nul.csv", b"First Name,Last Name\nA\x00,B\x00\n", "text/csv"),
    "a broken vCard": _file("kaputt.vcf", b"BEGIN:VCARD\r\nFN:\xff\xfe\r\n"),
    "invalid UTF-8": _file("latin.csv", "Name\nJürgen Müß\n".encode("utf-16"), "text/csv"),
    "a path as name": _file("../../../etc/passwd", GOOD_UPLOAD[1]),
    "a NUL in the name": _file("a\x00b.vcf", GOOD_UPLOAD[1]),
    "a 10,000-character name": _file("n" * 10_000 + ".vcf", GOOD_UPLOAD[1]),
    "a broken zip": _file("export.zip", b"PK\x03\x04" + b"\x00" * 100, "application/zip"),
    "a large zip member": _file("export.zip", _zip_bomb_ish(), "application/zip"),
}


def hostile_calls(endpoint: Endpoint, ids: dict[str, Any]) -> Iterator[Call]:
    """The valid call with one parameter made hostile at a time; then the body's shape."""
    base = valid_call(endpoint, ids)
    for slot in slots_of(endpoint):
        if slot.where == "file":
            for what, upload in HOSTILE_FILES.items():
                yield replace(base, files=[(slot.name, upload)], what=f"{slot.name}: {what}")
            yield replace(base, files=[], what=f"{slot.name}: missing")
            continue
        valid = valid_value(endpoint, slot, ids)
        for what, value in hostile_values(slot, valid).items():
            if isinstance(valid, list) and what not in JSON_TYPES:
                value = [value]  # inside the list: its items are checked too
            yield _with(base, slot, value, f"{slot.where} {slot.name}: {what}")
        if slot.where in ("form", "json", "query"):
            yield _without(base, slot)
    if base.json_body:
        for what, shape in {"a list": [], "a string": "x", "null": None}.items():
            yield replace(base, json=shape, what=f"the JSON body as {what}")
        yield replace(base, json=None, raw=b'{"unfinished', what="a body that is no JSON")
    if base.form or base.files:
        yield replace(base, form={}, files=[], what="an empty form")


def _with(base: Call, slot: Slot, value: Any, what: str) -> Call:
    call = replace(base, query=dict(base.query), form=dict(base.form), what=what)
    if slot.where == "path":
        call.path_values = {**base.path_values, slot.name: quote(str(value), safe="")}
    elif slot.where == "query":
        call.query[slot.name] = value
    elif slot.where == "form":
        call.form[slot.name] = value
    else:
        call.json = {**(base.json or {}), slot.name: value}
    return call


def _without(base: Call, slot: Slot) -> Call:
    call = replace(base, query=dict(base.query), form=dict(base.form))
    call.what = f"{slot.where} {slot.name}: missing"
    if slot.where == "query":
        call.query.pop(slot.name, None)
    elif slot.where == "form":
        call.form.pop(slot.name, None)
    else:
        call.json = {k: v for k, v in (base.json or {}).items() if k != slot.name}
    return call


# -- sending and judging -----------------------------------------------------------------------


def send(client: TestClient, endpoint: Endpoint, call: Call, csrf: str) -> httpx.Response:
    headers = {CSRF_HEADER: csrf} | ({"HX-Request": "true"} if call.htmx else {})
    options: dict[str, Any] = {"params": call.query, "follow_redirects": False}
    if call.raw is not None:
        headers["content-type"] = "application/json"
        return client.request(
            endpoint.method, call.path, content=call.raw, headers=headers, **options
        )
    if call.json_body:
        return client.request(
            endpoint.method, call.path, json=call.json, headers=headers, **options
        )
    if endpoint.method in ("GET", "DELETE") or not (call.form or call.files):
        return client.request(endpoint.method, call.path, headers=headers, **options)
    return client.request(
        endpoint.method,
        call.path,
        data={**call.form, "csrf_token": csrf},
        files=call.files or None,
        headers=headers,
        **options,
    )


class Alerts(HTMLParser):
    """The text of every element with role="alert"."""

    def __init__(self) -> None:
        super().__init__()
        self.alerts: list[str] = []
        self._depth = 0  # > 0 inside an alert

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._depth:
            self._depth += tag not in VOID
        elif ("role", "alert") in attrs:
            self._depth = 1
            self.alerts.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.alerts[-1] += data


VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
MESSAGE_LIMIT = 500  # characters: a message that repeats 10,000 of them is no message


def refusal_problem(response: httpx.Response, api: bool) -> str:
    """What is wrong with a 4xx answer: it must say in one short line what is wrong."""
    if api:
        try:
            message = response.json().get("error")
        except (ValueError, AttributeError):
            return "a refusal that is not JSON"
    else:
        parser = Alerts()
        parser.feed(response.text)
        message = " ".join(a.strip() for a in parser.alerts if a.strip()) or None
    if not isinstance(message, str) or not message.strip():
        return "a refusal without a message" + ("" if api else ' (role="alert")')
    if "\n" in message.strip():
        return f"a message of more than one line: {message[:200]!r}"
    if len(message) > MESSAGE_LIMIT:
        return f"a message of {len(message)} characters: {message[:120]!r}…"
    return ""


def _here(location: str) -> bool:
    """Whether a redirect stays on einhorn: a path, or the test client's own host."""
    if location.startswith("http://testserver/"):
        location = location.removeprefix("http://testserver")
    return location.startswith("/") and not location.startswith(("//", "/\\"))


def judge(endpoint: Endpoint, call: Call, response: httpx.Response) -> str:
    """'' when the answer is acceptable, else what is wrong with it."""
    status = response.status_code
    body = response.content.decode("utf-8", "replace")
    where = f"{endpoint} ({call.what}{', htmx' * call.htmx})"
    if status >= 500:
        return f"{where}: server error {status}"
    if "Traceback" in body or "Internal Server Error" in body:
        return f"{where}: shows a traceback ({status})"
    if 300 <= status < 400 and not _here(response.headers.get("location", "")):
        return f"{where}: sends the browser to {response.headers.get('location')!r}"
    if 400 <= status < 500:
        problem = refusal_problem(response, endpoint.path.startswith("/api/"))
        if problem:
            return f"{where}: {status}, {problem}"
    return ""


DESTRUCTIVE = ("erase", "DELETE", "/logout", "/undo")


def _order(endpoint: Endpoint) -> tuple[int, bool, str]:
    """Reading routes first, destroying ones last (so the rest sees the whole network)."""
    text = str(endpoint)
    destructive = any(word in text for word in DESTRUCTIVE)
    return (
        2 if destructive else 0 if endpoint.method == "GET" else 1,
        endpoint.method != "GET",
        text,
    )


def robustness_problems(
    client: TestClient, web_app: FastAPI, ids: dict[str, Any], picked: Callable[[Endpoint], bool]
) -> tuple[list[str], list[str]]:
    """Every route, valid and then hostile: (what went wrong, routes refusing valid input)."""
    csrf = _csrf(client)
    problems: list[str] = []
    refused: list[str] = []
    for endpoint in sorted(endpoints(web_app), key=_order):
        if endpoint.path in SKIPPED or not picked(endpoint):
            continue
        base = valid_call(endpoint, ids)
        response = send(client, endpoint, base, csrf)
        if response.status_code >= 400:
            refused.append(f"{endpoint}: {response.status_code}")
        if problem := judge(endpoint, base, response):
            problems.append(problem)
        for number, call in enumerate(hostile_calls(endpoint, ids)):
            call.htmx = number % 2 == 1 and not endpoint.path.startswith("/api/")  # half as htmx
            if problem := judge(endpoint, call, send(client, endpoint, call, csrf)):
                problems.append(problem)
            if problem := finished_import(web_app):
                problems.append(f"{endpoint} ({call.what}): {problem}")
    return problems, refused


def finished_import(web_app: FastAPI) -> str:
    """Wait for the import the page started in the background: it may fail, never break."""
    job = desk_of(web_app.state.web).current(web_app.state.web.app.account_id)
    deadline = time.monotonic() + 10
    while job is not None and job.view().running and time.monotonic() < deadline:
        time.sleep(0.01)
    view = job.view() if job is not None else None
    if view is not None and view.running:
        return "the import is still running"
    if view is not None and view.failed:
        return "the import failed unexpectedly"
    return ""


def _csrf(client: TestClient) -> str:
    client.get("/")
    return client.cookies[CSRF_COOKIE]


# -- the tests -------------------------------------------------------------------------------


@pytest.fixture
def ids(app: App, tmp_path: Path) -> dict[str, Any]:
    return _fill(app, tmp_path)


@pytest.fixture
def web_app(app: App) -> Iterator[FastAPI]:
    yield create_app(app, today=lambda: TODAY)
    set_language("en")


def test_no_route_breaks_on_hostile_input(web_app: FastAPI, ids: dict[str, Any]) -> None:
    with TestClient(web_app, raise_server_exceptions=False) as client:
        problems, refused = robustness_problems(client, web_app, ids, lambda e: True)
    assert problems == [], "\n".join([f"{len(problems)} bad answers:", *problems])
    # Most routes took their valid call (the rest refused it for the state the others left,
    # e.g. a slot skipped before): the hostile values reached the services behind them.
    assert len(refused) < len(endpoints(web_app)) / 4, refused


def test_import_tokens_of_any_shape_are_refused(web_app: FastAPI, ids: dict[str, Any]) -> None:
    """With an upload kept and its preview made, a token or job id of any shape is compared
    with the kept ones, and refused."""
    with TestClient(web_app, raise_server_exceptions=False) as client:
        csrf = _csrf(client)
        preview = client.post("/import", data={"csrf_token": csrf}, files=[("files", GOOD_UPLOAD)])
        assert preview.status_code == 200 and finished_import(web_app) == ""
        assert desk_of(web_app.state.web).current(web_app.state.web.app.account_id) is not None
        problems, _refused = robustness_problems(
            client, web_app, ids, lambda e: e.path in TOKEN_ROUTES
        )
    assert problems == [], "\n".join(problems)


TOKEN_ROUTES = {"/import/jobs/{job_id}", "/import/commit", "/import/discard"}


def test_sign_in_and_sign_up_refuse_hostile_input(app: App) -> None:
    """Server mode: the pages anyone may call (sign-in, sign-up, sign-out)."""
    web_app = server_app(app, Clock())
    add_login(app, Clock(), "zora")
    with TestClient(web_app, raise_server_exceptions=False) as client:
        problems, refused = robustness_problems(
            client, web_app, {}, lambda e: e.path in {"/login", "/signup", "/logout"}
        )
    assert problems == [], "\n".join(problems)
    assert len(refused) == 3  # wrong password, wrong invitation, no session: all said so


def test_the_check_catches_a_breaking_route(web_app: FastAPI, ids: dict[str, Any]) -> None:
    """A route that breaks on a huge id, refuses without a message and echoes the input."""

    @web_app.get("/probe/{number}")
    def probe(number: int, note: str = "") -> HTMLResponse:
        if number > 10**6:
            raise OverflowError("the database cannot hold it")
        if "\x00" in note:
            return HTMLResponse("<p>Bad.</p>", status_code=400)
        if len(note) > 1000:  # echoes the whole value back
            return HTMLResponse(f'<p role="alert">Too long: {note}</p>', status_code=400)
        return HTMLResponse("<p>Fine.</p>")

    with TestClient(web_app, raise_server_exceptions=False) as client:
        problems, _refused = robustness_problems(
            client, web_app, ids, lambda e: e.path == "/probe/{number}"
        )
    assert len(problems) == 3, problems
    assert "(path number: a huge number" in problems[0] and "server error 500" in problems[0]
    assert "(query note: 10,000 characters" in problems[1] and "a message of 100" in problems[1]
    assert "(query note: a NUL byte" in problems[2] and "without a message" in problems[2]


# -- every page in German, and usable without sight or mouse ---------------------------------

# Common English words of the pages' labels that German never uses (so a leak shows, while a
# German word such as "Name", "Plan" or "Import" does not count). Names of people in the
# demo data are no such words.
ENGLISH = frozenset(
    """the and your with not yet none nobody who why save cancel delete edit search contacts
    company city back next previous add remove accept skip swap done show sign password phone
    notes date goal overview strategy network week weeks meetings page upload files undo merge
    keep trips from sector email birthday details timeline ties apply filters reset move erase
    find map colour brokers clusters weak size known saved groups events channels minutes day
    actions calendar subscribe copy trip tier unicorn penguin lunch lunches due overdue""".split()  # noqa: SIM905
)
WORD = re.compile(r"[^\W\d_]+")


class Visible(HTMLParser):
    """The words a visitor reads or hears: text, and the labels, hints, titles and
    alternative texts in attributes; not what is marked as another language (lang=...)."""

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.words: list[str] = []
        self._open: list[tuple[str, bool]] = []  # each open element: is its text left out?

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        other = given.get("lang") not in (None, self.language) and tag != "html"
        hidden = tag in ("script", "style") or other or self._hidden()
        if not hidden:
            shown = [given.get(key) for key in ("aria-label", "placeholder", "title", "alt")]
            if tag == "input" and given.get("type") in ("submit", "button"):
                shown.append(given.get("value"))
            self.words += [w for text in shown if text for w in WORD.findall(text)]
        if tag not in VOID:
            self._open.append((tag, hidden))

    def handle_endtag(self, tag: str) -> None:
        while self._open and self._open.pop()[0] != tag:
            pass  # an element closed without its end tag

    def handle_data(self, data: str) -> None:
        if not self._hidden():
            self.words += WORD.findall(data)

    def _hidden(self) -> bool:
        return bool(self._open) and self._open[-1][1]


def english_words(html: str, language: str) -> set[str]:
    parser = Visible(language)
    parser.feed(html)
    return {word for word in parser.words if word.casefold() in ENGLISH}


@dataclass(frozen=True)
class Controls:
    """What a screen reader needs of a page, collected by ``Accessibility``."""

    lang: str | None
    ids: list[str]
    labelled: set[str]  # ids that a <label for=...> names
    controls: list[tuple[str, dict[str, str], bool]]  # tag, attributes, inside a <label>
    named: list[tuple[str, dict[str, str], str]]  # buttons and links: tag, attributes, text
    images: list[dict[str, str]]
    headings: list[int]


class Accessibility(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = Controls(None, [], set(), [], [], [], [])
        self.lang: str | None = None
        self._open: list[tuple[str, dict[str, str], list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = {key: value or "" for key, value in attrs}
        found = self.found
        if tag == "html":
            self.lang = given.get("lang")
        if "id" in given:
            found.ids.append(given["id"])
        if tag == "label" and given.get("for"):
            found.labelled.add(given["for"])
        if tag in ("input", "select", "textarea"):
            kind = given.get("type", "")
            if kind in ("submit", "button"):
                found.named.append(("input", given, given.get("value", "")))
            elif kind not in ("hidden", "image", "reset"):
                inside = any(open_tag == "label" for open_tag, _, _ in self._open)
                found.controls.append((tag, given, inside))
        if tag == "img":
            found.images.append(given)
        if tag not in VOID:
            self._open.append((tag, given, []))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            open_tag, given, text = self._open.pop()
            content = " ".join("".join(text).split())
            if self._open:
                self._open[-1][2].append(f" {content} ")
            if open_tag == "button" or (open_tag == "a" and "href" in given):
                self.found.named.append((open_tag, given, content))
            if re.fullmatch(r"h[1-6]", open_tag):
                self.found.headings.append(int(open_tag[1]))
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][2].append(data)


def accessibility_problems(html: str, *, whole_page: bool = True) -> list[str]:
    """Labels for controls, names for buttons and links, alt texts, the page's language and
    headings from h1 down without gaps (a fragment for htmx only the last two)."""
    parser = Accessibility()
    parser.feed(html)
    parser.close()
    found = parser.found
    problems = []
    if whole_page and not parser.lang:
        problems.append("<html> without lang")
    problems += [
        f"id {i!r} twice" for i in sorted({i for i in found.ids if found.ids.count(i) > 1})
    ]
    for tag, given, inside in found.controls:
        named = given.get("aria-label") or given.get("aria-labelledby")
        if not (inside or named or given.get("id", "") in found.labelled):
            problems.append(f"<{tag} name={given.get('name')!r}> without a label")
    for tag, given, text in found.named:
        if not (text.strip() or given.get("aria-label")):
            problems.append(f"<{tag} {given}> without text")
    problems += [f"<img src={i.get('src')!r}> without alt" for i in found.images if "alt" not in i]
    levels = found.headings
    if whole_page and (not levels or levels[0] != 1 or levels.count(1) > 1):
        problems.append(f"the headings do not start at one h1: {levels[:5]}")
    problems += [f"h{a} is followed by h{b}" for a, b in itertools.pairwise(levels) if b > a + 1]
    return problems


def page_requests(ids: dict[str, Any]) -> list[str]:
    """Every page a visitor can open (local mode), in the states the demo network gives."""
    contact = f"/contacts/{ids['contact_id']}"
    return [
        "/",
        "/contacts",
        "/contacts?q=zzzz",
        "/contacts/new",
        contact,
        f"{contact}/edit",
        f"{contact}/erase",
        f"{contact}/ties",
        f"{contact}/introductions",
        "/import",
        "/import/review",
        f"/import/batches/{ids['batch_id']}/undo",
        "/plan",
        "/strategy",
        "/strategy/goal",
        f"/strategy/triage?who={ids['who']}",
        "/strategy/triage?who=Zora+Neumann&company=Beispiel+GmbH",
        "/review",
        "/network",
        f"/network?target={ids['target']}",
        "/contacts/999999",  # the error page
    ]


FRAGMENTS = ["/contacts?q=a", "/strategy/triage?who=Zora", "/plan/people?q=a"]


def rendered(client: TestClient, path: str, language: str, htmx: bool = False) -> str:
    headers = {"Accept-Language": language} | ({"HX-Request": "true"} if htmx else {})
    response = client.get(path, headers=headers)
    assert response.status_code < 500, path
    assert htmx or "<html" in response.text, path
    return response.text


@pytest.fixture
def previewed(web_app: FastAPI, ids: dict[str, Any]) -> Iterator[TestClient]:
    """A client after uploading a file (so /import shows a preview with a pair to decide)."""
    with TestClient(web_app) as client:
        twin = client.get(f"/api/contacts/{ids['contact_id']}").json()
        upload = VCARD.format(
            given=twin["given_name"], family=twin["family_name"], company="", email="w@x.org"
        )
        client.post(
            "/import",
            data={"csrf_token": _csrf(client)},
            files=[("files", ("zwilling.vcf", upload.encode(), "text/vcard"))],
        )
        assert finished_import(web_app) == ""
        yield client


def test_german_pages_show_no_english_words(
    previewed: TestClient, app: App, ids: dict[str, Any]
) -> None:
    leaks, english = {}, set()
    for path in page_requests(ids):
        if found := english_words(rendered(previewed, path, "de"), "de"):
            leaks[path] = sorted(found)
        english |= english_words(rendered(previewed, path, "en"), "en")
    for path in FRAGMENTS:
        if found := english_words(rendered(previewed, path, "de", htmx=True), "de"):
            leaks[path] = sorted(found)
    with TestClient(server_app(app, Clock())) as stranger:
        for path in ("/login", f"/signup?token={new_invitation(app, Clock())}"):
            if found := english_words(rendered(stranger, path, "de"), "de"):
                leaks[path] = sorted(found)
    assert leaks == {}
    # The same check on the English pages finds the words: it would see them leak.
    assert len(english) > 0.8 * len(ENGLISH), sorted(ENGLISH - {w.casefold() for w in english})


def test_every_page_labels_its_controls(
    previewed: TestClient, app: App, ids: dict[str, Any]
) -> None:
    problems = {}
    for path in page_requests(ids):
        if found := accessibility_problems(rendered(previewed, path, "de")):
            problems[path] = found
    for path in FRAGMENTS:
        html = rendered(previewed, path, "de", htmx=True)
        if found := accessibility_problems(html, whole_page=False):
            problems[path] = found
    with TestClient(server_app(app, Clock())) as stranger:
        for path in ("/login", f"/signup?token={new_invitation(app, Clock())}"):
            if found := accessibility_problems(rendered(stranger, path, "de")):
                problems[path] = found
    assert problems == {}


def test_the_accessibility_check_sees_what_is_missing() -> None:
    page = (
        "<html><body><h1>Kontakte</h1><h3>Filter</h3><input name=q id=q>"
        "<label for=s>Stufe</label><select id=s></select><button></button>"
        '<img src=a.png><a href="/"></a><span id=s></span></body></html>'
    )
    assert accessibility_problems(page) == [
        "<html> without lang",
        "id 's' twice",
        "<input name='q'> without a label",
        "<button {}> without text",
        "<a {'href': '/'}> without text",
        "<img src='a.png'> without alt",
        "h1 is followed by h3",
    ]


# -- security: CSRF on every state-changing route, redirects that stay ------------------------


def test_every_state_changing_route_needs_the_csrf_token(
    web_app: FastAPI, app: App, ids: dict[str, Any]
) -> None:
    """Without the token, or from another site with it, every POST, PUT, PATCH and DELETE
    is refused with 403 and changes nothing."""
    before = snapshot(app, app.account_id)
    wrong = []
    with TestClient(web_app) as client:
        token = _csrf(client)  # the browser holds the cookie; a foreign page cannot read it
        for endpoint in endpoints(web_app):
            if endpoint.method == "GET" or endpoint.path in SKIPPED:
                continue
            call = valid_call(endpoint, ids)
            for csrf, origin in (("", None), ("forged", None), (token, "https://evil.example")):
                client.headers.pop("origin", None)
                if origin:
                    client.headers["origin"] = origin
                response = send(client, endpoint, call, csrf)
                if response.status_code != 403:
                    wrong.append(
                        f"{endpoint} ({csrf or 'no token'}, {origin}): {response.status_code}"
                    )
    assert wrong == []
    assert snapshot(app, app.account_id) == before


def test_the_language_switch_returns_only_to_einhorn(web_app: FastAPI) -> None:
    with TestClient(web_app) as client:
        for referer, back in (
            ("http://testserver/contacts?q=a", "http://testserver/contacts?q=a"),
            ("https://evil.example/", "/"),
            ("http://testserver.evil.example/", "/"),
            ("//evil.example/", "/"),
        ):
            switched = client.get("/lang/de", headers={"referer": referer}, follow_redirects=False)
            assert switched.headers["location"] == back


def test_a_refused_value_is_explained_in_german(web_app: FastAPI) -> None:
    with TestClient(web_app) as client:
        page = client.get("/contacts?page=zwei", headers={"Accept-Language": "de"})
    parser = Alerts()
    parser.feed(page.text)
    assert page.status_code == 422 and parser.alerts
    assert "should" not in " ".join(parser.alerts)
