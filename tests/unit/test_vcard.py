"""vCard reading: every quirk fixture, and every real-world card in shared/corpora."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from einhorn.domain.contacts import Contact
from einhorn.interchange.records import ParseResult
from einhorn.interchange.vcard import read_vcards
from einhorn.interchange.vcard_bytes import QUIRKS

FIXTURES = Path(__file__).parents[1] / "data" / "vcard"
CORPORA = Path(__file__).parents[3] / "shared" / "corpora"
CORPUS_FILES = sorted(CORPORA.rglob("*.vcf")) if CORPORA.is_dir() else []


def _read(name: str) -> ParseResult:
    return read_vcards((FIXTURES / name).read_bytes(), source=name)


def _only(name: str) -> Contact:
    result = _read(name)
    [record] = result.records
    return record.contact


def test_a_byte_order_mark_and_crlf_are_no_obstacle() -> None:
    contact = _only("bom_crlf.vcf")
    assert contact.display_name == "Jörg Weiß"
    assert (contact.given_name, contact.family_name) == ("Jörg", "Weiß")
    assert contact.emails == ["joerg.weiss@example.de"]


def test_a_fold_inside_a_utf8_character_is_joined_before_decoding() -> None:
    contact = _only("fold_splits_utf8_character.vcf")
    assert contact.notes == "Grüße aus Köln"


def test_quoted_printable_with_soft_breaks_and_a_latin1_charset() -> None:
    contact = _only("qp_soft_breaks_latin1.vcf")
    assert (contact.family_name, contact.given_name) == ("Müller", "Jürgen")
    assert contact.title == "Dr."
    assert contact.display_name == "Dr. Jürgen Müller"
    assert contact.notes == "Erste Zeile\nzweite Zeile mit Umlaut ä und Fortsetzung"
    assert contact.phones == ["0221 1234567"]


def test_apple_item_groups_label_profiles_and_the_rest_is_mapped() -> None:
    contact = _only("apple_item_groups.vcf")
    assert contact.profiles == {
        "xing": "https://www.xing.com/profile/Lena_Kraus",
        "website": "https://lenakraus.example",
    }
    assert (contact.company, contact.department, contact.position) == (
        "Kraus & Partner mbB",
        "Steuerberatung",
        "Partnerin",
    )
    assert (contact.city, contact.country) == ("Köln", "Deutschland")
    assert contact.tags == ["ihk", "mandantin"]
    assert contact.birthday == dt.date(1985, 4, 12)


def test_a_card_without_fn_or_version_takes_its_name_from_n() -> None:
    contact = _only("no_fn_no_version.vcf")
    assert contact.display_name == "Tim Becker"
    assert contact.phones == ["+49 30 1234567"]


def test_cr_cr_lf_and_a_base64_photo_without_blank_line_are_skipped_cleanly() -> None:
    result = _read("cr_cr_lf_and_base64_photo.vcf")
    [record] = result.records
    assert record.contact.display_name == "Foto Person"
    assert record.contact.emails == ["foto@example.org"]
    assert result.issues == []


def test_utf16_files_with_several_cards_give_every_card_with_its_line() -> None:
    result = _read("utf16_two_cards.vcf")
    assert [(r.contact.display_name, r.line) for r in result.records] == [
        ("Erika Muster", 1),
        ("Max Muster", 5),
    ]


def test_a_card_that_cannot_be_a_contact_is_an_issue_and_the_next_card_still_counts() -> None:
    result = _read("card_without_any_name.vcf")
    assert [r.contact.display_name for r in result.records] == ["Second Card"]
    [issue] = result.issues
    assert (issue.file, issue.line) == ("card_without_any_name.vcf", 1)
    assert "name" in issue.detail


def test_every_quirk_in_the_table_names_its_reason_and_source() -> None:
    assert all(len(entry) == 3 and all(entry) for entry in QUIRKS.values())


@pytest.mark.skipif(not CORPUS_FILES, reason="shared/corpora is not beside the checkout")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=[p.name for p in CORPUS_FILES])
def test_every_corpus_vcard_reads_without_a_crash(path: Path) -> None:
    result = read_vcards(path.read_bytes(), source=path.name)
    assert result.records or result.issues
    for record in result.records:
        assert record.contact.display_name.strip()
        assert record.line >= 1
    for issue in result.issues:
        assert issue.file == path.name and issue.line is not None and issue.line >= 1


def test_the_corpus_reads_well_not_just_without_crashing() -> None:
    if not CORPUS_FILES:
        pytest.skip("shared/corpora is not beside the checkout")
    read = [read_vcards(p.read_bytes(), source=p.name) for p in CORPUS_FILES]
    records = [r for result in read for r in result.records]
    cards = len(records) + sum(
        1 for result in read for i in result.issues if i.reason == "card not imported"
    )
    assert len(records) >= 0.9 * cards  # almost every card becomes a contact
    names = {r.contact.display_name for r in records}
    assert {"Frank Dawson", "Tim Howes", "安藤 ロイド"} <= names  # RFC 2426, vCard 4.0 SORT-AS


def test_an_unreadable_birthday_is_noted_and_the_card_kept() -> None:
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna\r\nBDAY:--0228\r\nEND:VCARD\r\n"
    result = read_vcards(data, source="a.vcf")
    [record] = result.records
    assert record.contact.birthday is None
    assert [(i.reason, i.detail) for i in result.issues] == [
        ("a value was not kept", "BDAY '--0228'")
    ]


def test_a_file_without_any_card_is_an_error() -> None:
    from einhorn.errors import ImportFormatError

    with pytest.raises(ImportFormatError, match="no vCard in the file"):
        read_vcards(b"Vorname;Nachname\nAnna;Eins\n", source="table.csv")
