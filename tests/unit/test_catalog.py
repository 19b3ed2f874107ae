"""The one gettext catalog: every message a user can read exists in German, compiled."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import einhorn.i18n as i18n

SOURCE = Path(i18n.__file__).parents[1]
PO = i18n.LOCALE_DIR / "de" / "LC_MESSAGES" / "einhorn.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _catalog() -> dict[str, str | tuple[str, ...]]:
    with PO.open("rb") as handle:
        return {
            (m.id if isinstance(m.id, str) else m.id[0]): m.string
            for m in read_po(handle)
            if m.id and "fuzzy" not in m.flags
        }


def _source_ids() -> set[str]:
    ids = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(SOURCE)):
        ids.add(message if isinstance(message, str) else message[0])
    return ids


def test_every_message_in_the_code_has_a_german_translation() -> None:
    catalog = _catalog()
    missing = sorted(m for m in _source_ids() if not catalog.get(m) or not all(catalog[m]))
    assert missing == [], "run `make i18n` and translate these in einhorn.po"


def test_translations_keep_every_placeholder() -> None:
    wrong = []
    with PO.open("rb") as handle:
        for message in read_po(handle):
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            # Plural forms: the first follows the singular id, the others the plural id.
            for index, string in enumerate(strings):
                expected = set(PLACEHOLDER.findall(ids[min(index, len(ids) - 1)]))
                if set(PLACEHOLDER.findall(string)) != expected:
                    wrong.append(string)
    assert wrong == []


def test_the_compiled_catalog_matches_the_po_file() -> None:
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, msgstr in _catalog().items():
        if isinstance(msgstr, tuple):
            assert compiled.ngettext(msgid, msgid + "s", 1) == msgstr[0], msgid
        else:
            assert compiled.gettext(msgid) == msgstr, "stale .mo: run `make i18n`"


@pytest.mark.parametrize(
    ("msgid", "german"),
    [("unicorn", "Einhorn"), ("penguin", "Pinguin"), ("Who is due", "Wer ist dran")],
)
def test_switching_the_language_translates_and_switching_back_does_not(
    msgid: str, german: str
) -> None:
    i18n.set_language("de")
    assert i18n.gettext(msgid) == german
    i18n.set_language("en")
    assert i18n.gettext(msgid) == msgid
