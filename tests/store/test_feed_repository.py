"""Calendar feed links in the store and their services, on SQLite and (when configured)
PostgreSQL: only hashes are kept, each account sees its own, the lookup finds the owner."""

from __future__ import annotations

import datetime as dt
import hashlib

import sqlalchemy as sa

from einhorn.bootstrap import App, create_account, feed_account
from einhorn.services.feeds import feed_token_hash, is_feed_token, new_feed, revoke_feed
from tests.conftest import TODAY

NOW = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)


def test_a_feed_link_is_stored_as_its_hash_and_found_by_it(app: App) -> None:
    with app.uow(TODAY) as uow:
        uow.feeds.add("ab" * 32, NOW)
        uow.commit()
    with app.uow(TODAY) as uow:
        assert uow.feeds.created() == [NOW]
    with app.engine.connect() as connection:
        [row] = connection.execute(sa.text("SELECT token_hash, account_id FROM calendar_feeds"))
    assert tuple(row) == ("ab" * 32, app.account_id)


def test_each_account_sees_and_revokes_only_its_own_links(app: App) -> None:
    other = create_account(app, "other")
    with app.uow(TODAY) as uow:
        uow.feeds.add("a" * 64, NOW)
        uow.commit()
    with app.uow(TODAY, account_id=other) as uow:
        assert uow.feeds.created() == []
        uow.feeds.add("b" * 64, NOW + dt.timedelta(hours=1))
        assert uow.feeds.remove_all() == 1
        uow.commit()
    with app.uow(TODAY) as uow:
        assert uow.feeds.created() == [NOW]
        assert uow.feeds.remove_all() == 1
        uow.commit()
    with app.uow(TODAY) as uow:
        assert uow.feeds.created() == []


def test_a_new_link_replaces_the_old_and_the_lookup_finds_its_account(app: App) -> None:
    other = create_account(app, "other")
    with app.uow(TODAY) as uow:
        first = new_feed(uow=uow, now=NOW)
    with app.uow(TODAY) as uow:
        second = new_feed(uow=uow, now=NOW + dt.timedelta(minutes=1))
        assert len(uow.feeds.created()) == 1
    with app.uow(TODAY, account_id=other) as uow:
        theirs = new_feed(uow=uow, now=NOW)
    assert is_feed_token(first) and len({first, second, theirs}) == 3
    assert feed_token_hash(second) == hashlib.sha256(second.encode()).hexdigest()
    assert feed_account(app, first) is None
    assert feed_account(app, second) == app.account_id
    assert feed_account(app, theirs) == other
    assert feed_account(app, "not a token") is None
    with app.uow(TODAY) as uow:
        assert revoke_feed(uow=uow) == 1
    assert feed_account(app, second) is None
    assert feed_account(app, theirs) == other


def test_leaving_without_commit_keeps_no_link(app: App) -> None:
    with app.uow(TODAY) as uow:
        uow.feeds.add("c" * 64, NOW)
    with app.uow(TODAY) as uow:
        assert uow.feeds.created() == []
