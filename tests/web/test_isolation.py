"""Server mode: each account sees and changes only its own data, on EVERY route.

The routes are enumerated from the app itself, so a page or endpoint added later is covered
without touching this file. Bob, signed in, calls each route with every parameter filled with
Alice's ids (contacts, interactions, slots, trips, groups, events, batches, reviews ...): no
answer may show her data, and after each state-changing request her rows in every
account-scoped table must be exactly as before (the local account's too). A stranger without a
session is sent to the sign-in (pages) or gets 401 (``/api``) on every private route.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from fastapi import Depends, FastAPI, params
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import BaseModel
from starlette.datastructures import UploadFile
from starlette.routing import Route

from einhorn.bootstrap import App
from einhorn.domain.contacts import Contact
from einhorn.domain.goals import Goal, GoalKind
from einhorn.domain.groups import Event, Group, GroupKind
from einhorn.domain.ids import AccountId
from einhorn.domain.interactions import InteractionKind
from einhorn.domain.plans import Trip
from einhorn.domain.tiers import Tier
from einhorn.domain.ties import TieKind
from einhorn.services.contacts import create_contact, erase_contact, list_contacts
from einhorn.services.groups import add_event, add_group
from einhorn.services.imports import ImportRequest, import_files
from einhorn.services.interactions import log_interaction
from einhorn.services.network import add_tie
from einhorn.services.plan_views import PlanOptions
from einhorn.services.plans import add_trip, plan_lunches
from einhorn.services.ports import ContactQuery
from einhorn.services.strategy import make_review, set_goal
from einhorn.store.tables import metadata
from einhorn.web.kit import signed_in
from einhorn.web.pages.auth import SESSION_COOKIE
from tests.web import TODAY
from tests.web.server import Clock, add_login, log_in, page_csrf, server_app

# Routes anyone may call: signing in and up, the language switch, the API's description and
# the calendar feed (its secret link is its key). Every other route must need a session.
PUBLIC = {
    "/login",
    "/signup",
    "/logout",
    "/lang/{code}",
    "/feed/{token}.ics",
    "/api/openapi.json",
    "/api/docs",
    "/docs/oauth2-redirect",
}
SKIPPED_METHODS = {"HEAD", "OPTIONS"}
NOW = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)
SECRETS = ("Alizq", "alizq", "Lokalyy", "lokalyy")  # in every string of Alice's and local data


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    route: APIRoute | Route

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def endpoints(web_app: FastAPI) -> list[Endpoint]:
    """Every (method, path) the app answers, however its routers are nested."""
    found = [
        Endpoint(method, prefix + route.path, route)
        for prefix, route in _walk(web_app.routes)
        for method in sorted(route.methods or ())
        if method not in SKIPPED_METHODS
    ]
    assert len(found) > 5, "the routes could not be enumerated"
    return found


def _walk(routes: typing.Sequence[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for route in routes:
        nested = getattr(route, "original_router", None)  # FastAPI's included routers
        if nested is not None:
            context = getattr(route, "include_context", None)
            yield from _walk(nested.routes, prefix + (getattr(context, "prefix", "") or ""))
        elif isinstance(route, APIRoute | Route):
            yield prefix, route


# -- the accounts' data ----------------------------------------------------------------------

VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{given} {family}\r\nN:{family};{given};;;\r\n"
    "ORG:{company}\r\nEMAIL:{email}\r\nEND:VCARD\r\n"
)


def _fill(app: App, account: AccountId, tag: str, tmp: Path) -> dict[str, Any]:
    """A goal, contacts, an interaction, a tie, a group with an event, a trip, a lunch plan,
    an import batch with a pair to decide and a strategy review; every text carries ``tag``.
    Returns the ids by parameter name."""
    ids: dict[str, Any] = {}

    def uow() -> Any:
        return app.uow(TODAY, account_id=account)

    with uow() as unit:
        goal = Goal(GoalKind.CAREER, role=f"{tag}rolle", home_city="Köln")
        set_goal(uow=unit, goal=goal, now=NOW - dt.timedelta(days=120))
    names = []
    for number, tier in enumerate([Tier.UNICORN, Tier.FLAMINGO, Tier.PENGUIN, Tier.FLAMINGO]):
        contact = Contact(
            f"{tag}Vorname{number} {tag}Nachname{number}",
            tier=tier,
            company=f"{tag}Firma{number} GmbH",
            city="Köln",
            sector="IT",
            emails=[f"{tag.lower()}{number}@example.org"],
        )
        with uow() as unit:
            created = create_contact(uow=unit, contact=contact, today=TODAY)
        names.append(created.display_name)
        ids.setdefault("contact_id" if number == 0 else "other_id", created.id)
    with uow() as unit:
        logged = log_interaction(
            uow=unit,
            kind=InteractionKind.LUNCH,
            refs=names[:2],
            occurred_on=TODAY - dt.timedelta(days=3),
            today=TODAY,
            note=f"{tag}Notiz über die Fusion",
            follow_up_on=TODAY + dt.timedelta(days=2),
        )
        ids["interaction_id"] = logged.interaction.id
    with uow() as unit:
        add_tie(uow=unit, one=names[0], other=names[1], kind=TieKind.COLLEAGUE, strength=2, now=NOW)
    with uow() as unit:
        group = add_group(uow=unit, group=Group(f"{tag}Stammtisch", GroupKind.REGULARS_TABLE))
        ids["group_id"] = group.id
    with uow() as unit:
        event, _ = add_event(
            uow=unit,
            event=Event(f"{tag}Sommerfest", TODAY - dt.timedelta(days=10), city="Köln"),
            group_ref=group.name,
            met_refs=[names[2]],
            new_names=[],
            today=TODAY,
        )
        ids["event_id"] = event.id
    with uow() as unit:
        away = Trip(f"{tag}stadt", TODAY + dt.timedelta(days=20), TODAY + dt.timedelta(days=22))
        ids["trip_id"] = add_trip(uow=unit, trip=away, today=TODAY).id
    with uow() as unit:
        options = PlanOptions(weeks=2, days=(0, 1, 2, 3, 4), time_limit=2.0, seed=1)
        report = plan_lunches(uow=unit, today=TODAY, options=options)
        ids["slot_id"] = next(s.slot.id for s in report.slots if s.slot.contact_id)
    vcard = tmp / f"{tag.lower()}-adressen.vcf"
    same = {"given": f"{tag}Vorname0", "family": f"{tag}Nachname0", "company": f"{tag}Firma0 GmbH"}
    other = {"given": f"{tag}Importiert", "family": f"{tag}Person", "company": f"{tag}Import AG"}
    vcard.write_text(
        VCARD.format(**same, email=f"{tag.lower()}.other@example.org")
        + VCARD.format(**other, email=f"{tag.lower()}.import@example.org"),
        encoding="utf-8",
    )
    with uow() as unit:
        imported = import_files(uow=unit, request=ImportRequest(paths=[vcard]), now=NOW)
        ids["batch_id"] = imported.batch
    with app.engine.connect() as connection:
        review = connection.execute(
            sa.text("SELECT id FROM merge_reviews WHERE account_id = :a"), {"a": account}
        ).scalar()
    if review is not None:
        ids["review_id"] = review
    with uow() as unit:
        ids["report_id"] = make_review(uow=unit, today=TODAY, now=NOW).id
    return ids


# Parameter names that stand for the same kind of object.
ALIASES = {
    "contact_id": [
        "id",
        "contact",
        "ref",
        "person",
        "person_id",
        "target",
        "one",
        "a",
        "keep",
        "member_id",
        "contact_ids",
        "ids",
        "refs",
        "people",
    ],
    "other_id": ["other", "b", "drop", "with_id", "swap_with", "introducer"],
    "slot_id": ["slot", "slot_ids"],
    "interaction_id": ["interaction"],
    "group_id": ["group"],
    "event_id": ["event"],
    "batch_id": ["batch"],
    "report_id": ["strategy_review_id"],
    "trip_id": ["trip"],
}


@dataclass
class World:
    alice: AccountId
    bob: AccountId
    ids: dict[str, Any] = field(default_factory=dict)  # parameter name → Alice's value


@pytest.fixture
def world(app: App, tmp_path: Path) -> World:
    clock = Clock()
    alice = add_login(app, clock, "alice")
    bob = add_login(app, clock, "bob")
    ids = _fill(app, alice, "Alizq", tmp_path)
    _fill(app, bob, "Bobwx", tmp_path)
    _fill(app, app.account_id, "Lokalyy", tmp_path)  # the local account is not Bob's either
    for key, names in ALIASES.items():
        for name in names:
            ids.setdefault(name, ids.get(key, ids["contact_id"]))
    ids.setdefault("review_id", ids["contact_id"])
    # Valid words where a route needs one, so that it gets as far as looking up the ids.
    ids.update(code="de", network="linkedin", tier="flamingo", engagement="member")
    ids.update(decision="merge")
    return World(alice, bob, ids)


def snapshot(app: App, account: AccountId) -> dict[str, list[str]]:
    """Every row of every account-scoped table that belongs to ``account``."""
    rows = {}
    with app.engine.connect() as connection:
        for table in metadata.sorted_tables:
            if "account_id" in table.c:
                found = connection.execute(sa.select(table).where(table.c.account_id == account))
                rows[table.name] = sorted(repr(tuple(row)) for row in found)
    return rows


# -- requests with Alice's ids ---------------------------------------------------------------


@dataclass
class Call:
    url: str
    query: dict[str, Any] = field(default_factory=dict)
    form: dict[str, Any] = field(default_factory=dict)
    files: dict[str, Any] = field(default_factory=dict)
    json: Any = None


def _fields(dependant: Any) -> Iterator[tuple[str, Any]]:
    """The parameters of a route and of all its dependencies."""
    yield from (("path", f) for f in dependant.path_params)
    yield from (("query", f) for f in dependant.query_params)
    yield from (("body", f) for f in dependant.body_params)
    for sub in dependant.dependencies:
        yield from _fields(sub)


def _value(name: str, annotation: Any, ids: dict[str, Any], depth: int = 0) -> Any:
    """Alice's object for a parameter name; else a value of the right type pointing at her."""
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Annotated:
        return _value(name, args[0], ids, depth)
    if origin in (typing.Union, types.UnionType):
        return _value(name, args[0], ids, depth) if args else ids["contact_id"]
    if origin in (list, set, tuple, frozenset) or annotation in (list, set):
        return [_value(name, args[0] if args else int, ids, depth)]
    if origin is typing.Literal:
        return args[0]
    if name in ids:
        return str(ids[name]) if annotation is str else ids[name]
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel) and depth < 3:
            return {
                key: _value(key, info.annotation, ids, depth + 1)
                for key, info in annotation.model_fields.items()
            }
        if issubclass(annotation, enum.Enum):
            return next(iter(annotation)).value
        if issubclass(annotation, bool):
            return True
        if issubclass(annotation, int | float):
            return ids["contact_id"]
        if issubclass(annotation, dt.date):
            return TODAY.isoformat()
    return str(ids["contact_id"])


def _is_upload(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, UploadFile):
        return True
    return any(_is_upload(arg) for arg in typing.get_args(annotation))


UPLOAD = VCARD.format(given="Zed", family="Upload", company="", email="z@example.org").encode()


def call_for(endpoint: Endpoint, ids: dict[str, Any]) -> Call:
    """The request: path, query and body parameters filled with Alice's ids."""
    url = endpoint.path
    for name in re.findall(r"{(\w+)(?::\w+)?}", url):
        url = re.sub(r"{" + name + r"(?::\w+)?}", str(ids.get(name, ids["contact_id"])), url)
    call = Call(url)
    dependant = getattr(endpoint.route, "dependant", None)
    if dependant is None:
        return call
    bodies: list[tuple[str, Any, Any]] = []
    for where, param in _fields(dependant):
        key = param.alias or param.name
        annotation = param.field_info.annotation
        if where == "query":
            call.query[key] = _value(param.name, annotation, ids)
        elif where != "body":
            continue
        elif isinstance(param.field_info, params.File) or _is_upload(annotation):
            call.files[key] = ("upload.vcf", UPLOAD, "text/vcard")
        elif isinstance(param.field_info, params.Form):
            call.form[key] = _value(param.name, annotation, ids)
        else:
            bodies.append((key, _value(param.name, annotation, ids), param))
    if len(bodies) == 1 and not getattr(bodies[0][2].field_info, "embed", False):
        call.json = bodies[0][1]
    elif bodies:
        call.json = {key: value for key, value, _ in bodies}
    return call


def send(client: TestClient, endpoint: Endpoint, call: Call, csrf: str) -> httpx.Response:
    options: dict[str, Any] = {
        "params": call.query,
        "headers": {"X-CSRF-Token": csrf},
        "follow_redirects": False,
    }
    if endpoint.method in {"GET", "DELETE"}:
        return client.request(endpoint.method, call.url, **options)
    if call.json is not None and not call.form and not call.files:
        return client.request(endpoint.method, call.url, json=call.json, **options)
    data = {**call.form, "csrf_token": csrf}
    return client.request(endpoint.method, call.url, data=data, files=call.files or None, **options)


def leaked(response: httpx.Response, call: Call) -> list[str]:
    """Alice's (or the local account's) strings in the answer or where it redirects to."""
    asked = " ".join(map(str, [call.url, call.query, call.form, call.json]))
    body = response.content.decode("utf-8", "replace") + response.headers.get("location", "")
    return sorted(s for s in SECRETS if s in body and s not in asked)


# -- the tests -------------------------------------------------------------------------------


@pytest.fixture
def server(app: App) -> FastAPI:
    return server_app(app, Clock())


def _signed_in(web_app: FastAPI, username: str) -> TestClient:
    client = TestClient(web_app, raise_server_exceptions=False)  # a 500 is reported below
    assert log_in(client, username).status_code == 303
    return client


def test_every_private_route_needs_a_session(server: FastAPI, world: World) -> None:
    stranger = TestClient(server, raise_server_exceptions=False)
    csrf = page_csrf(stranger, "/login")  # a pre-session token: CSRF is not what stops it
    wrong = []
    for endpoint in endpoints(server):
        if endpoint.path in PUBLIC:
            continue
        response = send(stranger, endpoint, call_for(endpoint, world.ids), csrf)
        if endpoint.path.startswith("/api/"):
            ok = response.status_code == 401
        else:
            ok = response.status_code == 303 and response.headers["location"] == "/login"
        if not ok:
            where = response.headers.get("location", "")
            wrong.append(f"{endpoint}: {response.status_code} {where}")
    assert wrong == [], "\n".join(["Open without a session (or add it to PUBLIC):", *wrong])


def isolation_problems(
    app: App, server: FastAPI, world: World, selected: list[Endpoint]
) -> list[str]:
    """Bob calls each endpoint with Alice's ids: what he saw of hers, what changed of hers,
    and which calls failed with a server error."""
    alice = _signed_in(server, "alice")
    bob = _signed_in(server, "bob")
    # Alice first: whatever a page caches is then filled with her data.
    for endpoint in selected:
        if endpoint.method == "GET" and endpoint.path not in PUBLIC:
            alice.get(call_for(endpoint, world.ids).url, follow_redirects=False)
    csrf = page_csrf(bob)
    before = snapshot(app, world.alice)
    local_before = snapshot(app, app.account_id)
    problems = []
    for endpoint in selected:
        call = call_for(endpoint, world.ids)
        response = send(bob, endpoint, call, csrf)
        if response.status_code >= 500:
            problems.append(f"{endpoint} ({call.url}): server error {response.status_code}")
        if found := leaked(response, call):
            problems.append(f"{endpoint} ({call.url}): shows {found} ({response.status_code})")
        if endpoint.method != "GET":
            after, local_after = snapshot(app, world.alice), snapshot(app, app.account_id)
            if changed := [name for name in before if before[name] != after[name]]:
                problems.append(f"{endpoint} ({call.url}): changed Alice's {changed}")
            if changed := [n for n in local_before if local_before[n] != local_after[n]]:
                problems.append(f"{endpoint} ({call.url}): changed the local account's {changed}")
            before, local_before = after, local_after
        if bob.cookies.get(SESSION_COOKIE) is None or endpoint.path == "/logout":
            bob = _signed_in(server, "bob")
            csrf = page_csrf(bob)
    if alice.get("/", follow_redirects=False).status_code != 200:
        problems.append("Alice's session was ended")
    return problems


def test_no_route_shows_or_changes_another_accounts_data(
    app: App, server: FastAPI, world: World
) -> None:
    bob = _signed_in(server, "bob")
    own = bob.get("/contacts")
    assert "BobwxVorname0" in own.text and not leaked(own, Call("/contacts"))
    problems = isolation_problems(app, server, world, endpoints(server))
    assert problems == [], "\n".join(["Alice's data is not safe from Bob:", *problems])


def test_the_check_catches_a_leaking_and_a_meddling_route(
    app: App, server: FastAPI, world: World
) -> None:
    """Two routes that forget the account: one reads the local account, one trusts the id."""

    @server.get("/probe/{contact_id}", dependencies=[Depends(signed_in)])
    def peek(contact_id: int) -> dict[str, str]:
        with app.uow(TODAY) as uow:  # the app's own (local) account, not the request's
            found, _ = list_contacts(uow=uow, query=ContactQuery(limit=1))
        return {"name": found[0].display_name}

    @server.post("/probe/{contact_id}/erase", dependencies=[Depends(signed_in)])
    def meddle(contact_id: int) -> dict[str, bool]:
        with app.uow(TODAY, account_id=world.alice) as uow:  # the object's account
            erase_contact(uow=uow, ref=str(contact_id))
        return {"erased": True}

    probes = [e for e in endpoints(server) if e.path.startswith("/probe/")]
    problems = isolation_problems(app, server, world, probes)
    assert len(problems) == 2
    assert "GET /probe/{contact_id}" in problems[0] and "Lokalyy" in problems[0]
    assert "POST /probe/{contact_id}/erase" in problems[1] and "contacts" in problems[1]


def test_the_walk_finds_every_documented_route(server: FastAPI) -> None:
    """Guards the walk over FastAPI's routers: every path in the OpenAPI schema is found."""
    documented = {
        (method.upper(), path)
        for path, item in TestClient(server).get("/api/openapi.json").json()["paths"].items()
        for method in item
    }
    found = {(e.method, e.path) for e in endpoints(server)}
    assert documented <= found
    assert ("POST", "/login") in found and ("GET", "/contacts") in found
