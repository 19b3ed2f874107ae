"""The import page and API through the real store: upload, preview, import, unsure pairs side
by side, undo, and what is refused (too large, ZIP bombs, unreadable files) without a trace."""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

import einhorn.interchange.linkedin_zip as linkedin_zip
import einhorn.web.pages.imports as import_page
import einhorn.web.uploads as uploads
from einhorn.bootstrap import App
from einhorn.domain.contacts import Contact
from einhorn.domain.ids import AccountId
from einhorn.services.batches import list_batches, open_reviews
from einhorn.services.contacts import create_contact
from einhorn.services.imports import ImportReport
from einhorn.services.ports import ContactQuery
from einhorn.web.app import create_app
from einhorn.web.import_jobs import ImportDesk, Job, Upload, desk_of
from tests.web import TODAY
from tests.web.conftest import csrf_headers
from tests.web.server import Clock, server_app, sign_up

DATA = Path(__file__).parents[1] / "data"
CORPORA = Path(__file__).parents[3] / "shared" / "corpora"
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ANNA = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Müller;Anna;;;\r\nFN:Anna Müller\r\n"
    "ORG:Siemens AG\r\nEMAIL:anna@siemens.example\r\nTEL:0221 1234567\r\nEND:VCARD\r\n"
)
JENS = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jens Weber\r\nORG:Bosch\r\nEND:VCARD\r\n"
NAMELESS = (  # a card without any name (line 1), then a good one
    "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nothing to call it by\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Second Card\r\nEND:VCARD\r\n"
)
HOSTILE = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:<script>alert("x")</script> Eve\r\nEND:VCARD\r\n'
CONNECTIONS = (
    LINKEDIN_HEADER + "Anna,Müller,https://www.linkedin.com/in/anna-m,anna@siemens.example,Siemens,"
    "Head of HR,08 Feb 2026\n"
    + "Lena,Kraus,https://www.linkedin.com/in/lena-k,,Bosch,CTO,01 Mar 2024\n"
)
UNSURE_ANNA = LINKEDIN_HEADER + "Anna,Müller,,anna@acme.example,ACME GmbH,CEO,01 Feb 2024\n"
JOB_URL = re.compile(r'hx-get="(/import/jobs/[^"]+)"')
TOKEN = re.compile(r'name="token" value="([^"]+)"')
SAVED_AS = re.compile(r"Saved as import (\d+)\.")
ALERT = re.compile(r'<p role="alert">(.*?)</p>', re.S)

Files = list[tuple[str, tuple[str, bytes, str]]]


def _files(*named: tuple[str, str | bytes], field: str = "files") -> Files:
    return [
        (field, (name, body.encode() if isinstance(body, str) else body, "text/plain"))
        for name, body in named
    ]


def _linkedin_zip(connections: str = CONNECTIONS) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Basic_LinkedInDataExport/Connections.csv", "Notes:\n\n" + connections)
    return buffer.getvalue()


def _htmx(client: TestClient) -> dict[str, str]:
    return {**csrf_headers(client), "HX-Request": "true"}


def _finished(client: TestClient, answer: httpx.Response, *, htmx: bool = True) -> httpx.Response:
    """Poll the job the answer shows, as the page does (or its link, without htmx), until
    it has finished."""
    for _ in range(250):
        found = JOB_URL.search(answer.text)
        if found is None:
            return answer
        time.sleep(0.02)
        answer = client.get(found.group(1), headers={"HX-Request": "true"} if htmx else {})
        assert answer.status_code == 200
    raise AssertionError("the import job did not finish")


def _preview(client: TestClient, files: Files, **form: str) -> httpx.Response:
    answer = client.post("/import", files=files, data=form, headers=_htmx(client))
    assert answer.status_code == 200, answer.text
    return _finished(client, answer)


def _token(page: httpx.Response) -> str:
    found = TOKEN.search(page.text)
    assert found, page.text
    return found.group(1)


def _commit(client: TestClient, preview: httpx.Response) -> httpx.Response:
    answer = client.post("/import/commit", data={"token": _token(preview)}, headers=_htmx(client))
    assert answer.status_code == 200, answer.text
    return _finished(client, answer)


def _people(app: App) -> list[str]:
    with app.uow(TODAY) as uow:
        return sorted(c.display_name for c in uow.contacts.list_(ContactQuery()))


def _batches(app: App) -> int:
    with app.uow(TODAY) as uow:
        return len(list_batches(uow=uow))


def _batch_id(app: App) -> int:
    """The id of the one batch saved. Not always 1: on PostgreSQL a preview (a dry run,
    rolled back) has used up a number of the sequence."""
    with app.uow(TODAY) as uow:
        [batch] = list_batches(uow=uow)
    assert batch.id is not None
    return batch.id


def _saved_as(answer: httpx.Response) -> int:
    found = SAVED_AS.search(answer.text)
    assert found, answer.text
    return int(found.group(1))


def _kept(desk: ImportDesk, account: AccountId) -> Upload:
    """An upload kept by the desk, in a folder the desk made (as a page upload is)."""
    upload = Upload("t", account, desk.new_folder(account), {})
    desk.keep(upload)
    return upload


def _desk(client: TestClient) -> ImportDesk:
    return desk_of(client.app.state.web)  # type: ignore[attr-defined]


def _kept_uploads(client: TestClient) -> list[Path]:
    """Every file the desk keeps on disk, for any account."""
    root = _desk(client)._root
    return [p for p in Path(root.name).rglob("*") if p.is_file()] if root else []


@pytest.fixture
def known_anna(app: App) -> None:
    with app.uow(TODAY) as uow:
        create_contact(uow=uow, contact=Contact("Anna Müller"), today=TODAY)


# -- upload, preview, import ------------------------------------------------------------------


def test_the_page_offers_files_a_folder_and_lists_no_imports_yet(web: TestClient) -> None:
    page = web.get("/import")
    assert page.status_code == 200
    assert 'type="file" name="files" multiple' in page.text
    assert "webkitdirectory" in page.text
    assert '<label for="folder">' in page.text and '<label for="files">' in page.text
    assert "No imports yet." in page.text
    assert 'name="htmx-config"' in page.text and "<script>" not in page.text


def test_a_preview_shows_what_would_happen_and_saves_nothing(web: TestClient, app: App) -> None:
    preview = _preview(web, _files(("anna.vcf", ANNA), ("jens.vcf", JENS)))
    assert "Preview: nothing is saved yet" in preview.text
    assert "anna.vcf, jens.vcf" in preview.text
    assert "<strong>2</strong> new" in preview.text
    assert "Anna Müller" in preview.text and "Jens Weber" in preview.text
    assert "Import now" in preview.text
    assert _people(app) == [] and _batches(app) == 0


def test_import_now_creates_the_contacts_of_the_preview(web: TestClient, app: App) -> None:
    preview = _preview(web, _files(("anna.vcf", ANNA), ("jens.vcf", JENS)))
    done = _commit(web, preview)
    assert _saved_as(done) == _batch_id(app)
    assert 'id="batches"' in done.text and 'hx-swap-oob="true"' in done.text
    assert _people(app) == ["Anna Müller", "Jens Weber"]
    with app.uow(TODAY) as uow:
        [batch] = list_batches(uow=uow)
    assert batch.files == ["anna.vcf", "jens.vcf"]  # the names given, not the saved ones
    assert _kept_uploads(web) == []  # imported: the files are gone
    again = web.post("/import/commit", data={"token": _token(preview)}, headers=_htmx(web))
    assert again.status_code == 409 and "no longer kept" in again.text
    assert _people(app) == ["Anna Müller", "Jens Weber"]


def test_a_vcard_and_linkedin_zip_of_one_person_are_merged(web: TestClient, app: App) -> None:
    files = _files(("anna.vcf", ANNA), ("Basic_LinkedInDataExport.zip", _linkedin_zip()))
    preview = _preview(web, files)
    assert "<strong>2</strong> new" in preview.text and "<strong>1</strong> merged" in preview.text
    _commit(web, preview)
    assert _people(app) == ["Anna Müller", "Lena Kraus"]
    with app.uow(TODAY) as uow:
        [anna] = uow.contacts.list_(ContactQuery(text="Anna"))
    assert anna.profiles == {"linkedin": "https://www.linkedin.com/in/anna-m"}
    assert anna.position == "Head of HR" and anna.company == "Siemens AG"


def test_a_folder_brings_its_contact_files_only(web: TestClient, app: App) -> None:
    files = _files(
        ("cards/anna.vcf", ANNA),
        ("cards/sub/Connections.csv", "Notes:\n\n" + CONNECTIONS),
        ("cards/.DS_Store", b"\x00\x01binary"),
        ("cards/photo.jpg", b"\xff\xd8\xff"),
        field="folder",
    )
    preview = _preview(web, files)
    assert "cards/anna.vcf, cards/sub/Connections.csv" in preview.text
    assert "DS_Store" not in preview.text and "photo.jpg" not in preview.text
    _commit(web, preview)
    assert _people(app) == ["Anna Müller", "Lena Kraus"]


def test_discard_deletes_the_kept_files(web: TestClient, app: App) -> None:
    preview = _preview(web, _files(("anna.vcf", ANNA)))
    assert len(_kept_uploads(web)) == 1
    token = _token(preview)
    gone = web.post("/import/discard", data={"token": token}, headers=_htmx(web))
    assert gone.status_code == 200 and _kept_uploads(web) == []
    assert "Preview" not in web.get("/import").text
    assert web.post("/import/commit", data={"token": token}, headers=_htmx(web)).status_code == 409
    assert _people(app) == []


def test_without_javascript_the_forms_answer_whole_pages(web: TestClient, app: App) -> None:
    token = csrf_headers(web)["X-CSRF-Token"]
    answer = web.post("/import", files=_files(("anna.vcf", ANNA)), data={"csrf_token": token})
    assert answer.status_code == 200 and "<html" in answer.text
    preview = _finished(web, answer, htmx=False)
    assert "<html" in preview.text and "Preview" in preview.text
    page = web.get("/import")  # the page shows the account's preview until it is used
    assert "Preview: nothing is saved yet" in page.text
    done = web.post("/import/commit", data={"csrf_token": token, "token": _token(page)})
    assert "<html" in done.text
    assert _saved_as(_finished(web, done, htmx=False)) == _batch_id(app)
    assert _people(app) == ["Anna Müller"]


def test_a_post_without_the_csrf_token_is_refused_and_stores_nothing(
    web: TestClient, app: App
) -> None:
    web.get("/import")
    refused = web.post("/import", files=_files(("anna.vcf", ANNA)))
    assert refused.status_code == 403
    assert _kept_uploads(web) == [] and _people(app) == []


def test_progress_is_shown_while_the_import_runs(web: TestClient) -> None:
    desk = _desk(web)
    account = web.app.state.web.app.account_id  # type: ignore[attr-defined]
    upload = _kept(desk, account)
    release: list[bool] = []

    def slow(job: Job) -> ImportReport:
        job.progress("matching", 500, 30_000)
        while not release:
            time.sleep(0.01)
        raise RuntimeError("a bug")

    job = desk.start(upload, dry_run=True, work=slow)
    try:
        time.sleep(0.05)
        running = web.get(f"/import/jobs/{job.id}", headers={"HX-Request": "true"})
        assert 'hx-trigger="every 1s"' in running.text
        assert "Finding duplicates" in running.text
        assert '<progress id="progress" max="30000" value="500">' in running.text
        busy = web.post("/import", files=_files(("anna.vcf", ANNA)), headers=_htmx(web))
        assert busy.status_code == 409 and "still running" in busy.text
    finally:
        release.append(True)
    failed = _finished(web, web.get(f"/import/jobs/{job.id}", headers={"HX-Request": "true"}))
    assert "failed unexpectedly; nothing was saved" in failed.text
    assert "RuntimeError" not in failed.text and "Traceback" not in failed.text
    assert not upload.folder.exists()


def test_a_job_that_finishes_while_the_page_is_made_is_shown_whole(
    web: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The page is made from one snapshot of the job: were it read twice, the job could be
    # running when the report was looked up and finished when the template asked.
    desk, form = _desk(web), import_page._form
    account = web.app.state.web.app.account_id  # type: ignore[attr-defined]

    def finish_first() -> dict[str, object]:
        job = desk.current(account)
        for _ in range(500):
            if job is None or not job.running:
                break
            time.sleep(0.01)
        return form()

    monkeypatch.setattr(import_page, "_form", finish_first)
    token = csrf_headers(web)["X-CSRF-Token"]
    answer = web.post("/import", files=_files(("anna.vcf", ANNA)), data={"csrf_token": token})
    assert answer.status_code == 200, answer.text
    assert "Reading the files" in answer.text  # as it was when the answer began
    job = desk.current(account)
    assert job is not None and not job.running  # and it finished before the answer was done
    page = web.get("/import")
    assert page.status_code == 200 and "Preview: nothing is saved yet" in page.text


def test_a_finished_job_without_a_report_shows_the_failure_line(web: TestClient) -> None:
    desk = _desk(web)
    account = web.app.state.web.app.account_id  # type: ignore[attr-defined]
    upload = _kept(desk, account)
    job = desk.start(upload, dry_run=True, work=lambda job: None)  # type: ignore[arg-type,return-value]
    url = f"/import/jobs/{job.id}"
    shown = _finished(web, web.get(url, headers={"HX-Request": "true"}))
    assert shown.status_code == 200
    assert "failed unexpectedly; nothing was saved" in shown.text
    assert "Import now" not in shown.text
    page = web.get("/import")  # the whole page too
    assert page.status_code == 200 and "failed unexpectedly" in page.text
    assert not upload.folder.exists()  # nothing to import again


def test_discarding_or_uploading_waits_for_the_running_import(web: TestClient) -> None:
    desk = _desk(web)
    account = web.app.state.web.app.account_id  # type: ignore[attr-defined]
    upload = _kept(desk, account)
    (upload.folder / "00001").write_bytes(ANNA.encode())
    release: list[bool] = []

    def slow(job: Job) -> ImportReport:
        while not release:
            time.sleep(0.01)
        raise RuntimeError("a bug")

    job = desk.start(upload, dry_run=False, work=slow)
    try:
        gone = web.post("/import/discard", data={"token": "t"}, headers=_htmx(web))
        assert gone.status_code == 409 and "still running" in gone.text
        again = web.post("/import/commit", data={"token": "t"}, headers=_htmx(web))
        assert again.status_code == 409 and "still running" in again.text
        assert (upload.folder / "00001").read_bytes() == ANNA.encode()  # being read
    finally:
        release.append(True)
    _finished(web, web.get(f"/import/jobs/{job.id}", headers={"HX-Request": "true"}))
    assert not upload.folder.exists()


def test_the_app_waits_for_its_imports_when_it_shuts_down(app: App) -> None:
    with TestClient(create_app(app, today=lambda: TODAY)) as client:
        desk = _desk(client)
        upload = _kept(desk, app.account_id)
        root = Path(desk._root.name)  # type: ignore[union-attr]

        def slow(job: Job) -> ImportReport:
            time.sleep(0.3)
            raise RuntimeError("a bug")

        job = desk.start(upload, dry_run=True, work=slow)
        assert job.running
    # Leaving the client shuts the app down: the job has finished, the folders are gone and
    # the app's next start gets a new desk.
    assert not job.running and not root.exists()
    assert "import_desk" not in client.app.state.web.extra


def test_the_desk_deletes_no_folder_it_did_not_make(
    web: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # so that even a broken guard could only harm tmp_path
    desk = _desk(web)
    account = web.app.state.web.app.account_id  # type: ignore[attr-defined]
    desk.new_folder(account)  # the desk has its root
    (tmp_path / "keep.txt").write_text("keep")
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "keep.txt").write_text("keep")
    desk.drop(Upload("t", account, precious, {}))
    desk.drop(Upload("u", account, Path(), {}))
    assert (precious / "keep.txt").read_text() == "keep"
    assert (tmp_path / "keep.txt").read_text() == "keep"


# -- unsure duplicates -----------------------------------------------------------------------


def test_an_unsure_pair_is_shown_side_by_side_and_merged(
    web: TestClient, app: App, known_anna: None
) -> None:
    preview = _preview(web, _files(("Connections.csv", "Notes:\n\n" + UNSURE_ANNA)))
    assert "May be the same person" in preview.text
    assert "<strong>1</strong> to review" in preview.text
    done = _commit(web, preview)
    assert 'href="/import/review"' in done.text
    page = web.get("/import/review")
    assert page.status_code == 200
    pair = re.search(r'<article class="card pair" id="pair-(\d+)".*?</article>', page.text, re.S)
    assert pair is not None
    assert pair.group(0).count("<h3>") == 2  # new and known, side by side
    assert "anna@acme.example" in pair.group(0) and "ACME GmbH" in pair.group(0)
    assert "Connections.csv:4" in pair.group(0)  # where the new one came from
    decided = web.post(
        f"/import/review/{pair.group(1)}", data={"decision": "merge"}, headers=_htmx(web)
    )
    assert decided.status_code == 200 and "Merged Anna Müller into Anna Müller" in decided.text
    assert _people(app) == ["Anna Müller"]
    with app.uow(TODAY) as uow:
        [anna] = uow.contacts.list_(ContactQuery())
        assert anna.emails == ["anna@acme.example"]
        assert open_reviews(uow=uow)[1] == 0
    twice = web.post(
        f"/import/review/{pair.group(1)}", data={"decision": "merge"}, headers=_htmx(web)
    )
    assert twice.status_code == 409 and "already decided" in twice.text


def test_keeping_both_stops_the_question(web: TestClient, app: App, known_anna: None) -> None:
    _commit(web, _preview(web, _files(("Connections.csv", "Notes:\n\n" + UNSURE_ANNA))))
    with app.uow(TODAY) as uow:
        [item], _ = open_reviews(uow=uow)
    token = csrf_headers(web)["X-CSRF-Token"]
    kept = web.post(
        f"/import/review/{item.review.id}",
        data={"decision": "separate", "csrf_token": token},
        follow_redirects=False,
    )
    assert kept.status_code == 303
    assert _people(app) == ["Anna Müller", "Anna Müller"]
    assert "Nothing to review." in web.get("/import/review").text
    bad = web.post(
        f"/import/review/{item.review.id}", data={"decision": "both"}, headers=_htmx(web)
    )
    assert bad.status_code == 422


# -- batches and undo ------------------------------------------------------------------------


def test_undo_asks_first_and_then_removes_the_batchs_contacts(web: TestClient, app: App) -> None:
    _commit(web, _preview(web, _files(("anna.vcf", ANNA), ("jens.vcf", JENS))))
    batch = _batch_id(app)
    page = web.get("/import")
    assert f'href="/import/batches/{batch}/undo"' in page.text
    assert "anna.vcf, and 1 more" in page.text
    confirm = web.get(f"/import/batches/{batch}/undo")
    assert confirm.status_code == 200 and f"Undo import {batch}" in confirm.text
    assert _people(app) == ["Anna Müller", "Jens Weber"]  # asking changed nothing
    token = csrf_headers(web)["X-CSRF-Token"]
    done = web.post(f"/import/batches/{batch}/undo", data={"csrf_token": token})
    assert done.status_code == 200 and "2 contacts removed" in done.text
    assert _people(app) == []
    assert "undone on" in web.get("/import").text
    again = web.post(f"/import/batches/{batch}/undo", data={"csrf_token": token})
    assert again.status_code == 409 and "already undone" in again.text
    assert web.get("/import/batches/99/undo").status_code == 404
    assert web.get("/import/batches/0/undo").status_code == 422


# -- refused uploads -------------------------------------------------------------------------


def test_an_upload_over_the_limit_is_refused_with_413_and_nothing_is_stored(
    web: TestClient, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 10_000)
    big = _files(("many.vcf", ANNA * 200))
    page = web.post("/import", files=big, headers=_htmx(web))
    assert page.status_code == 413
    assert "The upload is larger than 10 kB" in page.text and "<html" not in page.text
    whole = web.post("/import", files=big, data={"csrf_token": csrf_headers(web)["X-CSRF-Token"]})
    assert whole.status_code == 413 and "<html" in whole.text
    api = web.post("/api/imports", files=big, headers=csrf_headers(web))
    assert api.status_code == 413 and "larger than 10 kB" in api.json()["error"]
    assert _kept_uploads(web) == [] and _people(app) == [] and _batches(app) == 0


def test_a_chunked_upload_is_counted_while_it_arrives(
    web: TestClient, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 10_000)
    request = web.build_request(
        "POST", "/import", files=_files(("many.vcf", ANNA * 200)), headers=_htmx(web)
    )
    body = request.read()

    def chunks() -> Iterator[bytes]:  # no Content-Length: sent in pieces
        for start in range(0, len(body), 1000):
            yield body[start : start + 1000]

    headers = {k: v for k, v in request.headers.items() if k.lower() != "content-length"}
    answer = web.post("/import", content=chunks(), headers=headers)
    assert answer.status_code == 413 and "larger than 10 kB" in answer.text
    assert _kept_uploads(web) == [] and _people(app) == []


def test_a_zip_bomb_is_refused_naming_the_file(
    web: TestClient, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linkedin_zip, "MAX_UNPACKED_BYTES", 100_000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", LINKEDIN_HEADER + "Anna,Müller,,,,,\n" * 50_000)
    bomb = buffer.getvalue()
    assert len(bomb) < 10_000  # a few kB that unpack to 1.3 MB
    answer = web.post(
        "/import", files=_files(("export.zip", bomb), ("anna.vcf", ANNA)), headers=_htmx(web)
    )
    refused = _finished(web, answer)
    alert = ALERT.search(refused.text)
    assert alert is not None
    assert alert.group(1) == "export.zip: unpacks to more than 200 MB; not a LinkedIn export"
    assert "Import now" not in refused.text
    assert _people(app) == [] and _batches(app) == 0 and _kept_uploads(web) == []
    api = web.post("/api/imports", files=_files(("export.zip", bomb)), headers=csrf_headers(web))
    assert api.status_code == 400 and api.json()["error"].startswith("export.zip: unpacks")


def test_an_unreadable_file_is_one_line_naming_file_and_line_and_changes_nothing(
    web: TestClient, app: App
) -> None:
    refused = _preview(web, _files(("cards.vcf", NAMELESS), ("anna.vcf", ANNA)))
    alert = ALERT.search(refused.text)
    assert alert is not None and "\n" not in alert.group(1)
    assert alert.group(1).startswith("cards.vcf, line 1: card not imported")
    assert "Traceback" not in refused.text and "Import now" not in refused.text
    garbage = _preview(web, _files(("notes.txt", b"\x00\xff\xfe just bytes")))
    assert "notes.txt: not a contact file einhorn can read" in garbage.text
    assert _people(app) == [] and _batches(app) == 0 and _kept_uploads(web) == []


def test_skipping_bad_records_imports_the_rest(web: TestClient, app: App) -> None:
    files = _files(("cards.vcf", NAMELESS), ("anna.vcf", ANNA))
    preview = _preview(web, files, skip_bad="true")
    assert "Problems in the files" in preview.text and "cards.vcf, line 1" in preview.text
    assert "<strong>1</strong> skipped" in preview.text
    _commit(web, preview)
    assert _people(app) == ["Anna Müller", "Second Card"]


def test_a_bad_value_is_noted_and_its_record_imported(web: TestClient, app: App) -> None:
    # LinkedIn's export as it comes: a hidden profile (skipped) and a broken e-mail address
    # (the person is imported without it): problems worth a line, not a refusal.
    broken = (DATA / "linkedin" / "preamble_2024.csv").read_text("utf-8")
    preview = _preview(web, _files(("Connections.csv", broken)))
    assert "Connections.csv, line 6: hidden profile; not imported" in preview.text
    assert "Connections.csv, line 8: a value was not kept (not-an-email)" in preview.text
    _commit(web, preview)
    assert _people(app) == ["Anna Müller", "Dr. Jens Weber", "Max Bad"]


def test_no_file_chosen_is_one_line(web: TestClient) -> None:
    # httpx sends a nameless part as a text field; a browser as a file named "".
    empty = web.post("/import", files=_files(("", b"")), headers=_htmx(web))
    assert empty.status_code == 400 and "Choose at least one file" in empty.text
    boundary = "einhorn-test-boundary"
    body = (
        "".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename=""\r\n'
            "Content-Type: application/octet-stream\r\n\r\n\r\n"
            for name in ("files", "folder")
        )
        + f"--{boundary}--\r\n"
    )
    headers = {**_htmx(web), "Content-Type": f"multipart/form-data; boundary={boundary}"}
    browser = web.post("/import", content=body.encode(), headers=headers)
    assert browser.status_code == 400 and "Choose at least one file" in browser.text
    assert _kept_uploads(web) == []


def test_hostile_names_are_escaped(web: TestClient, app: App) -> None:
    name = '<img src=x onerror="alert(1)">.vcf'
    preview = _preview(web, _files((name, HOSTILE)))
    assert "<script>" not in preview.text and "<img src=x" not in preview.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Eve" in preview.text
    assert "&lt;img src=x onerror=" in preview.text
    _commit(web, preview)
    page = web.get("/import")
    assert "<img src=x" not in page.text and "&lt;img src=x" in page.text


# -- the API ---------------------------------------------------------------------------------


def test_the_api_imports_lists_undoes_and_decides(
    web: TestClient, app: App, known_anna: None
) -> None:
    headers = csrf_headers(web)
    files = _files(("jens.vcf", JENS), ("Connections.csv", "Notes:\n\n" + UNSURE_ANNA))
    dry = web.post("/api/imports", files=files, data={"dry_run": "true"}, headers=headers)
    assert dry.status_code == 200, dry.text
    assert (dry.json()["dry_run"], dry.json()["created"], dry.json()["batch"]) == (True, 2, None)
    assert dry.json()["examples"]["created"] == ["Jens Weber", "Anna Müller"]
    assert _people(app) == ["Anna Müller"]
    real = web.post("/api/imports", files=files, headers=headers).json()
    assert (real["created"], real["needs_review"], real["files"]) == (
        2,
        1,
        ["jens.vcf", "Connections.csv"],
    )
    [batch] = web.get("/api/imports").json()["batches"]
    assert batch["batch"] == real["batch"] and batch["counts"]["created"] == 2
    reviews = web.get("/api/reviews").json()
    assert reviews["total"] == 1
    pair = reviews["pairs"][0]
    assert pair["contact"]["company"] == "ACME GmbH" and pair["candidate"]["company"] == ""
    decided = web.post(f"/api/reviews/{pair['id']}", json={"same_person": False}, headers=headers)
    assert decided.json() == {"review": pair["id"], "merged": False, "batch": None, "contact": None}
    undone = web.post(f"/api/imports/{real['batch']}/undo", headers=headers)
    assert undone.status_code == 200 and undone.json()["removed"] == 2
    assert _people(app) == ["Anna Müller"]
    missing = web.post("/api/reviews/99", json={"same_person": True}, headers=headers)
    assert missing.status_code == 404
    paths = web.get("/api/openapi.json").json()["paths"]
    assert {"/api/imports", "/api/imports/{batch_id}/undo", "/api/reviews"} <= set(paths)


# -- real files and other accounts -----------------------------------------------------------


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared/corpora is not beside the checkout")
def test_real_vcards_from_the_corpora_come_in_through_the_page(web: TestClient, app: App) -> None:
    folder = CORPORA / "ez-vcard" / "src" / "test" / "resources" / "ezvcard" / "io" / "text"
    names = ("gmail-list.vcf", "John_Doe_IPHONE.vcf", "outlook-2007.vcf")
    files = _files(*((f"text/{n}", (folder / n).read_bytes()) for n in names), field="folder")
    preview = _preview(web, files)
    assert "Preview: nothing is saved yet" in preview.text, preview.text
    done = _commit(web, preview)
    assert _saved_as(done) == _batch_id(app)
    assert _people(app) == [
        "Arnold Smith",
        "Chris Beatle",
        "Doug White",
        "Mr. John Richter James Doe Sr.",  # FN of John_Doe_IPHONE.vcf
        "Mr. Michael Angstadt Jr.",
    ]


def test_another_account_reaches_neither_the_preview_nor_the_job(app: App) -> None:
    clock = Clock()
    web_app = server_app(app, clock)
    with TestClient(web_app) as alice, TestClient(web_app) as mallory:
        assert sign_up(alice, app, clock, "alice").status_code == 303
        assert sign_up(mallory, app, clock, "mallory").status_code == 303
        alice_headers = {"X-CSRF-Token": _meta_csrf(alice), "HX-Request": "true"}
        answer = alice.post("/import", files=_files(("anna.vcf", ANNA)), headers=alice_headers)
        assert answer.status_code == 200, answer.text
        job_url = JOB_URL.search(answer.text)
        assert job_url is not None
        preview = _finished(alice, answer)
        mallory_headers = {"X-CSRF-Token": _meta_csrf(mallory), "HX-Request": "true"}
        assert mallory.get(job_url.group(1), headers={"HX-Request": "true"}).status_code == 404
        stolen = mallory.post(
            "/import/commit", data={"token": _token(preview)}, headers=mallory_headers
        )
        assert stolen.status_code == 409
        assert "Preview" not in mallory.get("/import").text
        mine = alice.post("/import/commit", data={"token": _token(preview)}, headers=alice_headers)
        batch = _saved_as(_finished(alice, mine))
        assert alice.get(f"/import/batches/{batch}/undo").status_code == 200
        assert mallory.get(f"/import/batches/{batch}/undo").status_code == 404
        assert mallory.get("/api/imports").json()["batches"] == []
        assert mallory.get("/api/reviews").json()["total"] == 0


def _meta_csrf(client: TestClient) -> str:
    found = re.search(r'<meta name="csrf-token" content="([^"]+)">', client.get("/import").text)
    assert found
    return found.group(1)
