"""Every error reads as one line that names what went wrong and where."""

from __future__ import annotations

import pytest

from einhorn.errors import (
    AmbiguousReference,
    ConfigError,
    Conflict,
    EinhornError,
    ImportFormatError,
    InvalidInput,
    NotFound,
    StorageError,
)


def test_invalid_input_names_the_field_the_value_and_the_reason() -> None:
    error = InvalidInput("email", "anna@", "not an email address")
    assert str(error) == "email: 'anna@' is not valid: not an email address"
    assert (error.field, error.value, error.reason) == ("email", "anna@", "not an email address")


def test_invalid_input_shows_a_non_text_value_as_its_repr() -> None:
    assert str(InvalidInput("cadence", 0, "too short")) == "cadence: 0 is not valid: too short"


def test_not_found_names_what_and_the_reference() -> None:
    assert str(NotFound("contact", "Bob")) == "No contact matches 'Bob'."
    assert str(NotFound("contact", 42)) == "No contact matches 42."


def test_an_ambiguous_reference_lists_every_candidate_with_its_id() -> None:
    error = AmbiguousReference("anna", [(1, "Anna Müller"), (7, "Anna Schmidt")])
    assert str(error) == (
        "'anna' matches 2 contacts: #1 Anna Müller; #7 Anna Schmidt. "
        "Use the id or more of the name."
    )
    assert error.candidates == [(1, "Anna Müller"), (7, "Anna Schmidt")]


def test_an_ambiguous_reference_is_a_conflict() -> None:
    assert isinstance(AmbiguousReference("x", []), Conflict)


def test_an_import_error_names_the_file_and_the_line() -> None:
    error = ImportFormatError("contacts.csv", 12, "missing column Name")
    assert str(error) == "contacts.csv, line 12: missing column Name"
    assert (error.file, error.line) == ("contacts.csv", 12)


def test_an_import_error_without_a_line_names_only_the_file() -> None:
    error = ImportFormatError("export.vcf", None, "not a vCard")
    assert str(error) == "export.vcf: not a vCard"
    assert error.line is None


def test_an_import_error_shows_its_detail_in_brackets() -> None:
    error = ImportFormatError("a.csv", 3, "row not imported", "email: 'x' is not valid")
    assert str(error) == "a.csv, line 3: row not imported (email: 'x' is not valid)"


def test_a_config_error_names_the_key_and_where_the_value_came_from() -> None:
    error = ConfigError("EINHORN_DATABASE_URL", "environment", "bad scheme")
    assert str(error) == "Setting EINHORN_DATABASE_URL (from environment) is not valid: bad scheme"
    assert (error.key, error.source) == ("EINHORN_DATABASE_URL", "environment")


def test_a_storage_error_names_the_database() -> None:
    error = StorageError("sqlite:///x.db", "disk full")
    assert str(error) == "Database sqlite:///x.db: disk full"


@pytest.mark.parametrize(
    "error",
    [
        InvalidInput("f", "v", "r"),
        NotFound("contact", "x"),
        AmbiguousReference("a", [(1, "A"), (2, "B")]),
        ImportFormatError("f.csv", 1, "r"),
        ConfigError("k", "s", "r"),
        StorageError("t", "r"),
        Conflict("already exists"),
    ],
)
def test_every_error_is_an_einhorn_error_and_reads_as_one_line(error: EinhornError) -> None:
    assert isinstance(error, EinhornError)
    text = str(error)
    assert text
    assert "\n" not in text
    assert "{" not in text


def test_braces_in_a_value_are_shown_literally_not_formatted() -> None:
    assert str(InvalidInput("name", "{evil}", "r")) == "name: '{evil}' is not valid: r"


def test_a_long_refused_value_is_named_by_its_start() -> None:
    message = str(InvalidInput("name", "a" * 5_000 + "z" * 5_000, "too long"))
    assert len(message) < 250 and "a" * 120 + "…" + "z" * 60 in message
    assert "a" * 121 not in message and "z" * 61 not in message
