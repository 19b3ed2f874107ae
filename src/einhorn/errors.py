"""The one exception root of einhorn, with subclasses that carry their context.

Every message is an English gettext id with ``{placeholders}``; ``str(error)`` translates it
into the current language when it is shown, so the same error reads well in the CLI and the web.
"""

from __future__ import annotations

from collections.abc import Sequence

from einhorn.i18n import N_, gettext

# Context values under these keys are message ids themselves and are translated when shown.
_TRANSLATED = frozenset({"reason", "what", "field", "source"})
# Values the user typed, repeated in a message: a refused value of 10,000 characters is named
# by its start and its end (a long path keeps its file name).
_ECHOED = frozenset({"value", "ref"})
SHOWN_HEAD, SHOWN_TAIL = 120, 60

# Field and source names the domain and config use; marked so the catalog translates them.
FIELD_NAMES = (
    N_("name"),
    N_("email"),
    N_("phone"),
    N_("profile"),
    N_("sphere"),
    N_("address"),
    N_("tier"),
    N_("cadence"),
    N_("kind"),
    N_("date"),
    N_("follow-up"),
    N_("contact"),
    N_("tag"),
    N_("place"),
    N_("city"),
    N_("command line"),
    N_("environment"),
)


class EinhornError(Exception):
    """Root of every error a user may see. ``str()`` is one readable line."""

    def __init__(self, message: str, /, **context: object) -> None:
        super().__init__(message)
        self.message = message
        self.context = context

    def __str__(self) -> str:
        context = {
            key: gettext(value)
            if key in _TRANSLATED and isinstance(value, str)
            else _short(value)
            if key in _ECHOED
            else value
            for key, value in self.context.items()
        }
        return gettext(self.message).format(**context)


def _short(value: object) -> object:
    """The start of a long value, with an ellipsis."""
    if isinstance(value, str) and len(value) > SHOWN_HEAD + SHOWN_TAIL + 20:
        return value[:SHOWN_HEAD] + "…" + value[-SHOWN_TAIL:]
    return value


class NotFound(EinhornError):
    """Something named by the user does not exist (in the acting account)."""

    def __init__(self, what: str, ref: object) -> None:
        super().__init__(N_("No {what} matches {ref!r}."), what=what, ref=ref)


class Conflict(EinhornError):
    """The request contradicts what is stored."""


class AmbiguousReference(Conflict):
    """A name fragment matches more than one contact; the candidates are listed."""

    def __init__(
        self,
        ref: str,
        candidates: Sequence[tuple[int, str]],
        count: int | None = None,
        message: str = N_(
            "{ref!r} matches {count} contacts: {listed}. Use the id or more of the name."
        ),
    ) -> None:
        listed = "; ".join(f"#{cid} {name}" for cid, name in candidates)
        total = len(candidates) if count is None else count
        if total > len(candidates):
            listed += "; …"
        super().__init__(
            message,
            ref=ref,
            count=total,
            listed=listed,
        )
        self.candidates = list(candidates)


class InvalidInput(EinhornError):
    """A value the user gave is not acceptable; names the field and the value."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        super().__init__(
            N_("{field}: {value!r} is not valid: {reason}"), field=field, value=value, reason=reason
        )
        self.field = field
        self.value = value
        self.reason = reason


class ImportFormatError(EinhornError):
    """A file cannot be read; names the file, the line and the reason."""

    def __init__(self, file: str, line: int | None, reason: str, detail: str = "") -> None:
        if line is None:
            message = N_("{file}: {reason} {detail}") if detail else N_("{file}: {reason}")
        else:
            message = (
                N_("{file}, line {line}: {reason} {detail}")
                if detail
                else N_("{file}, line {line}: {reason}")
            )
        super().__init__(
            message, file=file, line=line, reason=reason, detail=f"({detail})" if detail else ""
        )
        self.file = file
        self.line = line
        self.reason = reason
        self.detail = detail


class ConfigError(EinhornError):
    """A setting is wrong; names the key and where the value came from."""

    def __init__(self, key: str, source: str, reason: str) -> None:
        super().__init__(
            N_("Setting {key} (from {source}) is not valid: {reason}"),
            key=key,
            source=source,
            reason=reason,
        )
        self.key = key
        self.source = source


class StorageError(EinhornError):
    """The database could not be opened or refused a change; nothing was written."""

    def __init__(self, target: str, reason: str) -> None:
        super().__init__(N_("Database {target}: {reason}"), target=target, reason=reason)
