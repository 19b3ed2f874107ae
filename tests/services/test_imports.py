"""Imports through the real store on every backend: merge, provenance, review, undo."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from einhorn.bootstrap import App
from einhorn.domain.contacts import Contact
from einhorn.domain.ids import BatchId, ContactId
from einhorn.domain.tiers import Tier
from einhorn.errors import Conflict, ImportFormatError
from einhorn.services import contacts as contact_service
from einhorn.services.batches import decide_review, merge_contacts, open_reviews, undo_batch
from einhorn.services.imports import ImportReport, ImportRequest, import_files
from einhorn.services.ports import ContactQuery
from tests.conftest import TODAY
from tests.factories import make_contact, make_interaction

NOW = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)
CARD_TEMPLATE = "BEGIN:VCARD\nVERSION:3.0\nFN:{name}\nEND:VCARD\n"
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ANNA_VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Müller;Anna;;Dr.;\r\nFN:Dr. Anna Müller\r\n"
    "ORG:Siemens AG\r\nEMAIL:Anna@Siemens.example\r\nTEL;TYPE=CELL:0221 1234567\r\n"
    "END:VCARD\r\n"
)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def _import(app: App, *paths: Path, **options: object) -> ImportReport:
    with app.uow(TODAY) as uow:
        return import_files(
            uow=uow,
            request=ImportRequest(paths=list(paths), **options),  # type: ignore[arg-type]
            now=NOW,
        )


def _people(app: App) -> list[Contact]:
    with app.uow(TODAY) as uow:
        return uow.contacts.list_(ContactQuery())


def _linkedin(folder: Path, *rows: str, name: str = "Connections.csv") -> Path:
    return _write(folder, name, "Notes:\n\n" + LINKEDIN_HEADER + "".join(r + "\n" for r in rows))


def test_the_same_person_from_a_vcard_and_linkedin_becomes_one_contact(
    app: App, tmp_path: Path
) -> None:
    card = _write(tmp_path, "anna.vcf", ANNA_VCARD)
    connections = _linkedin(
        tmp_path,
        "Anna,Müller,https://www.linkedin.com/in/anna-m,anna@siemens.example,Siemens,"
        "Head of HR,08 Feb 2026",
    )
    report = _import(app, card, connections)
    assert (report.count("created"), report.count("merged")) == (1, 1)
    [anna] = _people(app)
    assert anna.display_name == "Dr. Anna Müller"
    assert anna.profiles == {"linkedin": "https://www.linkedin.com/in/anna-m"}
    assert anna.position == "Head of HR"
    with app.uow(TODAY) as uow:
        sources = uow.imports.sources_of(anna.key)
    assert [(Path(s.file).name, s.line, s.format) for s in sources] == [
        ("anna.vcf", 1, "vcard"),
        ("Connections.csv", 4, "linkedin"),
    ]
    assert {s.batch_id for s in sources} == {report.batch}
    assert sources[1].values["company"] == "Siemens"  # every source keeps its own spelling
    assert "profiles" not in sources[0].values  # the vCard said nothing of LinkedIn
    assert sources[0].values["emails"] == ["anna@siemens.example"]


def test_three_spellings_of_one_phone_number_are_one_person(app: App, tmp_path: Path) -> None:
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nTEL:{phone}\r\nEND:VCARD\r\n"
        for name, phone in (
            ("Jens Weber", "0221 1234567"),
            ("Jens Weber (Bosch)", "0221/1234567"),
            ("J. Weber", "+49 221 1234567"),
        )
    )
    report = _import(app, _write(tmp_path, "phone.vcf", cards))
    assert (report.count("created"), report.count("merged")) == (1, 2)
    [jens] = _people(app)
    assert jens.display_name == "Jens Weber"


def test_two_people_with_one_name_at_different_companies_stay_two(app: App, tmp_path: Path) -> None:
    connections = _linkedin(
        tmp_path,
        "Thomas,Schmidt,https://www.linkedin.com/in/ts1,,Deutsche Bahn AG,Planer,01 Jan 2020",
        "Thomas,Schmidt,https://www.linkedin.com/in/ts2,,SAP SE,Entwickler,01 Jan 2021",
    )
    report = _import(app, connections)
    assert (report.count("created"), report.count("merged"), report.held) == (2, 0, [])
    assert sorted(p.company for p in _people(app)) == ["Deutsche Bahn AG", "SAP SE"]


def test_importing_the_same_file_again_changes_nothing(app: App, tmp_path: Path) -> None:
    card = _write(tmp_path, "anna.vcf", ANNA_VCARD)
    first = _import(app, card)
    before = [p for p in _people(app)]
    second = _import(app, card)
    assert (first.count("created"), second.count("created")) == (1, 0)
    assert (second.count("unchanged"), second.count("merged")) == (1, 0)
    assert _people(app) == before
    with app.uow(TODAY) as uow:
        assert len(uow.imports.sources_of(before[0].key)) == 1


def test_an_unsure_match_is_held_and_a_review_decides_it(app: App, tmp_path: Path) -> None:
    known = _write(tmp_path, "phone.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Anna Müller\nEND:VCARD\n")
    _import(app, known)
    report = _import(
        app,
        _linkedin(tmp_path, "Anna,Müller,,anna@acme.example,ACME GmbH,CEO,01 Feb 2024"),
    )
    assert report.count("needs_review") == 1
    [held] = report.held
    assert (held.contact_name, held.candidate_name) == ("Anna Müller", "Anna Müller")
    with app.uow(TODAY) as uow:
        items, total = open_reviews(uow=uow)
        assert total == 1
        result = decide_review(uow=uow, review_id=items[0].review.id, same_person=True, now=NOW)
    assert result is not None
    [anna] = _people(app)
    assert (anna.key, anna.company, anna.emails) == (
        held.candidate_id,
        "ACME GmbH",
        ["anna@acme.example"],
    )
    with app.uow(TODAY) as uow:
        assert open_reviews(uow=uow)[1] == 0
        # Undoing the decision brings both back and asks again.
        undo_batch(uow=uow, batch_id=result.batch, now=NOW)
    with app.uow(TODAY) as uow:
        assert uow.imports.count_open_reviews() == 1
        assert uow.contacts.get(held.candidate_id).company == ""
        assert uow.contacts.get(held.contact_id).company == "ACME GmbH"


def test_keeping_a_pair_apart_stops_the_question(app: App, tmp_path: Path) -> None:
    _import(app, _write(tmp_path, "a.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Anna Müller\nEND:VCARD\n"))
    _import(app, _linkedin(tmp_path, "Anna,Müller,,,ACME,CEO,01 Feb 2024"))
    with app.uow(TODAY) as uow:
        [item], _ = open_reviews(uow=uow)
        assert decide_review(uow=uow, review_id=item.review.id, same_person=False, now=NOW) is None
    assert len(_people(app)) == 2
    with app.uow(TODAY) as uow:
        assert uow.imports.count_open_reviews() == 0
        with pytest.raises(Conflict):
            decide_review(uow=uow, review_id=item.review.id, same_person=True, now=NOW)


def test_undo_removes_created_contacts_and_takes_out_merged_values_only(
    app: App, tmp_path: Path
) -> None:
    with app.uow(TODAY) as uow:
        anna = contact_service.create_contact(
            uow=uow,
            contact=make_contact(display_name="Anna Müller", emails=["anna@siemens.example"]),
            today=TODAY,
        )
        uow.commit()
    report = _import(
        app,
        _linkedin(
            tmp_path,
            "Anna,Müller,https://linkedin.com/in/anna,anna@siemens.example,Siemens,CFO,08 Feb 2026",
            "Lena,Kraus,https://linkedin.com/in/lena,,Bosch,CTO,08 Feb 2026",
        ),
    )
    assert (report.count("created"), report.count("merged")) == (1, 1)
    with app.uow(TODAY) as uow:
        merged = uow.contacts.get(anna.key)
        assert merged.position == "CFO"
        merged.notes = "Met at the IHK evening"  # the user's own edit after the import
        uow.contacts.update(merged)
        uow.commit()
    with app.uow(TODAY) as uow:
        assert report.batch is not None
        done = undo_batch(uow=uow, batch_id=report.batch, now=NOW)
    assert (done["removed"], done["reverted"]) == (1, 1)
    [left] = _people(app)
    assert (left.key, left.position, left.profiles, left.notes) == (
        anna.key,
        "",
        {},
        "Met at the IHK evening",
    )
    with app.uow(TODAY) as uow:
        assert uow.imports.sources_of(anna.key) == []
        with pytest.raises(Conflict):
            undo_batch(uow=uow, batch_id=report.batch, now=NOW)
    # After an undo the same file imports again as new.
    assert _import(app, tmp_path / "Connections.csv").count("created") == 1


def test_a_batch_cannot_be_undone_while_a_later_one_changed_its_contacts(
    app: App, tmp_path: Path
) -> None:
    first = _import(app, _write(tmp_path, "anna.vcf", ANNA_VCARD))
    with app.uow(TODAY) as uow:
        other = contact_service.create_contact(
            uow=uow, contact=make_contact(display_name="A. Müller"), today=TODAY
        )
        uow.commit()
        [anna] = [c for c in uow.contacts.list_(ContactQuery()) if c.key != other.key]
        merge = merge_contacts(uow=uow, keep=anna.key, other=other.key, now=NOW)
    with app.uow(TODAY) as uow:
        assert first.batch is not None
        with pytest.raises(Conflict, match=str(merge.batch)):
            undo_batch(uow=uow, batch_id=first.batch, now=NOW)
        undo_batch(uow=uow, batch_id=merge.batch, now=NOW)
    with app.uow(TODAY) as uow:
        undo_batch(uow=uow, batch_id=first.batch, now=NOW)
    assert [p.display_name for p in _people(app)] == ["A. Müller"]


def test_merge_moves_interactions_and_undo_gives_them_back(app: App) -> None:
    with app.uow(TODAY) as uow:
        keep = contact_service.create_contact(uow=uow, contact=make_contact(), today=TODAY)
        other = contact_service.create_contact(
            uow=uow,
            contact=make_contact(display_name="Anna Mueller", phones=["+49 221 1234567"]),
            today=TODAY,
        )
        uow.interactions.add(make_interaction(other.key, occurred_on=dt.date(2026, 11, 20)))
        uow.interactions.add(make_interaction(keep.key, other.key))
        uow.commit()
        result = merge_contacts(uow=uow, keep=keep.key, other=other.key, now=NOW)
    assert result.kept.phones == ["+49 221 1234567"]
    assert result.kept.last_interaction_on == dt.date(2026, 11, 20)
    with app.uow(TODAY) as uow:
        assert len(uow.interactions.list_for_contact(keep.key)) == 2
        undo_batch(uow=uow, batch_id=result.batch, now=NOW)
    with app.uow(TODAY) as uow:
        back = uow.contacts.get(other.key)
        assert (back.display_name, back.last_interaction_on) == (
            "Anna Mueller",
            dt.date(2026, 11, 20),
        )
        assert len(uow.interactions.list_for_contact(other.key)) == 2
        kept = uow.contacts.get(keep.key)
        assert (kept.phones, kept.last_interaction_on) == ([], dt.date(2026, 11, 1))


def test_a_bad_record_stops_the_import_and_changes_nothing(app: App, tmp_path: Path) -> None:
    good = _write(tmp_path, "good.vcf", ANNA_VCARD)
    bad = _write(tmp_path, "bad.vcf", "BEGIN:VCARD\nVERSION:3.0\nNOTE:no name\nEND:VCARD\n")
    with pytest.raises(ImportFormatError) as caught:
        _import(app, good, bad)
    assert (caught.value.file, caught.value.line) == (str(bad), 1)
    assert _people(app) == []
    with app.uow(TODAY) as uow:
        assert uow.imports.list_batches(10) == []
    report = _import(app, good, bad, skip_bad=True)
    assert (report.count("created"), report.count("skipped")) == (1, 1)
    assert [(Path(i.file).name, i.line) for i in report.issues] == [("bad.vcf", 1)]


def test_an_unreadable_file_stops_the_import_unless_skipped(app: App, tmp_path: Path) -> None:
    good = _write(tmp_path, "good.vcf", ANNA_VCARD)
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\x01\x02 not a table")
    with pytest.raises(ImportFormatError):
        _import(app, good, junk)
    assert _people(app) == []
    report = _import(app, good, junk, skip_bad=True)
    assert report.count("created") == 1
    assert [Path(i.file).name for i in report.issues] == ["junk.csv"]


def test_a_dry_run_reports_the_same_numbers_and_saves_nothing(app: App, tmp_path: Path) -> None:
    card = _write(tmp_path, "anna.vcf", ANNA_VCARD + ANNA_VCARD.replace("Anna", "Lena"))
    dry = _import(app, card, dry_run=True)
    assert _people(app) == []
    real = _import(app, card)
    assert (dry.count("created"), dry.count("merged")) == (
        real.count("created"),
        real.count("merged"),
    )
    assert len(_people(app)) == real.count("created")


def _linkedin_zip(folder: Path, message_date: str) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "Connections.csv",
            LINKEDIN_HEADER + "Anna,Müller,https://www.linkedin.com/in/anna-m,,Siemens,HR,"
            "08 Feb 2020\n",
        )
        archive.writestr(
            "messages.csv",
            "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
            "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
            f"c1,,Anna Müller,https://www.linkedin.com/in/anna-m,Me,"
            f"https://www.linkedin.com/in/me,{message_date} 10:00:00 UTC,,Hallo,INBOX\n"
            f"c1,,Me,https://www.linkedin.com/in/me,Anna Müller,"
            f"https://www.linkedin.com/in/anna-m,2026-01-02 10:00:00 UTC,,Hi,INBOX\n",
        )
    path = folder / "Basic_LinkedInDataExport_11-27-2026.zip"
    path.write_bytes(buffer.getvalue())
    return path


def test_the_last_linkedin_message_restarts_the_clock_once(app: App, tmp_path: Path) -> None:
    archive = _linkedin_zip(tmp_path, "2026-03-15")
    report = _import(app, archive)
    assert (report.count("created"), report.count("interactions")) == (1, 1)
    [anna] = _people(app)
    assert anna.last_interaction_on == dt.date(2026, 3, 15)
    again = _import(app, archive)
    assert (again.count("unchanged"), again.count("interactions")) == (1, 0)
    with app.uow(TODAY) as uow:
        assert report.batch is not None
        assert undo_batch(uow=uow, batch_id=report.batch, now=NOW)["interactions"] == 1
        assert uow.interactions.count() == 0


def test_erasing_a_contact_erases_where_its_data_came_from(app: App, tmp_path: Path) -> None:
    _import(app, _write(tmp_path, "anna.vcf", ANNA_VCARD))
    [anna] = _people(app)
    with app.uow(TODAY) as uow:
        contact_service.erase_contact(uow=uow, ref=f"#{anna.key}")
    with app.uow(TODAY) as uow:
        assert uow.imports.sources_of(anna.key) == []
        assert uow.imports.fingerprints() == set()


def test_reviews_and_batches_belong_to_their_account(app: App, tmp_path: Path) -> None:
    from einhorn.bootstrap import create_account
    from einhorn.store.unit_of_work import SqlUnitOfWork

    report = _import(app, _write(tmp_path, "anna.vcf", ANNA_VCARD))
    other = create_account(app, "other")
    with SqlUnitOfWork(app.engine, other, today=TODAY) as uow:
        assert uow.imports.list_batches(10) == []
        assert uow.imports.fingerprints() == set()
        assert report.batch is not None
        with pytest.raises(Exception, match="No import"):
            uow.imports.get_batch(BatchId(report.batch))
        assert uow.imports.sources_of(ContactId(1)) == []


def test_undo_keeps_created_contacts_the_user_has_worked_on_since(app: App, tmp_path: Path) -> None:
    cards = "".join(
        CARD_TEMPLATE.format(name=name) for name in ("Carla Berg", "Dirk Fuchs", "Eva Lang")
    )
    report = _import(app, _write(tmp_path, "three.vcf", cards))
    with app.uow(TODAY) as uow:
        carla, dirk, _ = sorted(uow.contacts.list_(ContactQuery()), key=lambda c: c.display_name)
        carla.tier = Tier.UNICORN  # edited since the import
        uow.contacts.update(carla)
        uow.interactions.add(make_interaction(dirk.key))  # met since the import
        uow.commit()
        assert report.batch is not None
        done = undo_batch(uow=uow, batch_id=report.batch, now=NOW)
    assert (done["removed"], done["kept"]) == (1, 2)
    assert [p.display_name for p in _people(app)] == ["Carla Berg", "Dirk Fuchs"]
    with app.uow(TODAY) as uow:
        assert uow.interactions.count() == 1
        # What the undone batch recorded (it holds personal data) is gone with it.
        assert uow.imports.changes(report.batch) == []


def test_a_merge_hands_the_other_open_pairs_to_the_kept_contact(app: App, tmp_path: Path) -> None:
    for name in ("z", "y", "x"):
        card = CARD_TEMPLATE.format(name="Anna Müller").replace(
            "END:", f"EMAIL:{name}@example.org\nEND:"
        )
        _import(app, _write(tmp_path, f"{name}.vcf", card))
    with app.uow(TODAY) as uow:
        items, total = open_reviews(uow=uow)
        assert total == 2  # #2 may be #1, #3 may be #1 or #2
        first = items[0].review
        result = decide_review(uow=uow, review_id=first.id, same_person=True, now=NOW)
    assert result is not None
    with app.uow(TODAY) as uow:
        [left], total = open_reviews(uow=uow)
        assert total == 1
        assert first.candidate_id in (left.review.contact_id, left.review.candidate_id)
        undo_batch(uow=uow, batch_id=result.batch, now=NOW)
    with app.uow(TODAY) as uow:
        assert uow.imports.count_open_reviews() == 2


def test_one_number_in_two_spellings_is_kept_once(app: App, tmp_path: Path) -> None:
    _import(app, _write(tmp_path, "anna.vcf", ANNA_VCARD))
    other = ANNA_VCARD.replace("0221 1234567", "+49 221 1234567").replace("ORG:", "NOTE:x\r\nORG:")
    report = _import(app, _write(tmp_path, "phone.vcf", other))
    assert report.count("merged") == 1
    [anna] = _people(app)
    assert anna.phones == ["0221 1234567"]


def test_a_message_finds_a_known_person_by_name_without_a_profile(app: App, tmp_path: Path) -> None:
    _import(app, _write(tmp_path, "lena.vcf", CARD_TEMPLATE.format(name="Lena Kraus")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Connections.csv", LINKEDIN_HEADER)
        archive.writestr(
            "messages.csv",
            "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
            "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
            "c1,,Lena Kraus,https://www.linkedin.com/in/lena,Me,"
            "https://www.linkedin.com/in/me,2024-02-11 10:00:00 UTC,,Hallo,INBOX\n"
            "c2,,Me,https://www.linkedin.com/in/me,Someone,"
            "https://www.linkedin.com/in/someone,2024-02-12 10:00:00 UTC,,Hi,INBOX\n",
        )
    path = tmp_path / "export.zip"
    path.write_bytes(buffer.getvalue())
    report = _import(app, path)
    assert report.count("interactions") == 1
    [lena] = _people(app)
    assert lena.last_interaction_on == dt.date(2024, 2, 11)
