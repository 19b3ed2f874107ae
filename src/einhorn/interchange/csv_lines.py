"""CSV rows with the file line each starts on: what every CSV reader's issues point at."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from einhorn.errors import ImportFormatError
from einhorn.i18n import N_


def rows_with_lines(
    text: str, delimiter: str = ",", *, source: str
) -> Iterator[tuple[int, list[str]]]:
    """The rows of ``text`` with the line each starts on (a quoted value may span lines).

    Strict: an unclosed quote is an error naming its line, never the rest of the file read
    into one cell.
    """
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter, strict=True)
    start = 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFormatError(source, start, N_("unreadable CSV row"), str(exc)) from exc
