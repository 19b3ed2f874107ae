"""Server mode's accounts: invitations, sign-up, sign-in with throttling, sessions, sign-out.

Secrets (invitation and session tokens) leave this module once, to the user; the database keeps
only their SHA-256 digests, so a copy of the database opens no account. Passwords are kept as
argon2id hashes (RFC 9106) and checked in the same time whether or not the user exists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from einhorn.domain.ids import AccountId
from einhorn.errors import Conflict, EinhornError, InvalidInput
from einhorn.i18n import N_
from einhorn.services.ports import Transaction

if TYPE_CHECKING:
    from argon2 import PasswordHasher

INVITATION_DAYS = 7
SESSION_LIFETIME = dt.timedelta(days=14)
MIN_PASSWORD = 10
MAX_PASSWORD = 1024  # argon2 would hash a megabyte too; nobody types one, an attacker might
MIN_USERNAME, MAX_USERNAME = 3, 64
# Throttling (OWASP: limit failed attempts per account and per source, for a short window).
THROTTLE_WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_USER = 5
MAX_FAILURES_PER_ADDRESS = 20
ACCOUNT_PREFIX = "user:"  # account names of sign-ups never collide with the local account


@dataclass(frozen=True, slots=True)
class Login:
    account_id: AccountId
    username: str
    password_hash: str


@dataclass(frozen=True, slots=True)
class Invitation:
    token_hash: str
    expires_at: dt.datetime
    used_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class Session:
    """A new session: the secret for the cookie (never stored) and when it ends."""

    token: str
    account_id: AccountId
    expires_at: dt.datetime


class AccessRepository(Protocol):
    """Logins, invitations, sessions and failed attempts of every account (not scoped: it is
    how a request finds its account)."""

    def add_account(self, name: str) -> AccountId: ...
    def add_invitation(self, token_hash: str, now: dt.datetime, expires_at: dt.datetime) -> None:
        """Store a new invitation by the digest of its token."""

    def invitation(self, token_hash: str) -> Invitation | None: ...
    def use_invitation(self, token_hash: str, account_id: AccountId, now: dt.datetime) -> bool:
        """Mark it used by ``account_id``; False if it was used meanwhile (a race)."""

    def login(self, username: str) -> Login | None: ...
    def add_login(self, login: Login, now: dt.datetime) -> None:
        """Raises Conflict when the user name is taken."""

    def set_password_hash(self, account_id: AccountId, password_hash: str) -> None: ...
    def add_session(
        self, token_hash: str, account_id: AccountId, now: dt.datetime, expires_at: dt.datetime
    ) -> None: ...
    def session_account(self, token_hash: str, now: dt.datetime) -> AccountId | None:
        """The account of an unexpired session (one small query: every request asks)."""

    def delete_session(self, token_hash: str) -> None: ...
    def delete_expired_sessions(self, now: dt.datetime) -> None: ...
    def add_failure(self, username: str, address: str, at: dt.datetime) -> None: ...
    def failures(
        self, *, since: dt.datetime, username: str | None = None, address: str | None = None
    ) -> list[dt.datetime]:
        """The times of failed attempts since ``since`` for the user name or the address."""

    def forget_failures(
        self, *, before: dt.datetime | None = None, username: str | None = None
    ) -> None:
        """Delete the attempts older than ``before`` and/or those for ``username``."""


class AccessUnitOfWork(Transaction, Protocol):
    """One transaction over the access tables (the composition root provides it)."""

    @property
    def access(self) -> AccessRepository: ...


# -- errors ----------------------------------------------------------------------------------


class InvitationInvalid(EinhornError):
    """An invitation link that cannot be used (unknown, expired or used)."""


class WrongCredentials(EinhornError):
    """Unknown user or wrong password: one message for both, so neither is revealed."""

    def __init__(self) -> None:
        super().__init__(N_("The user name or the password is wrong."))


class TooManyAttempts(EinhornError):
    """Sign-in is refused for a while after too many failures."""

    def __init__(self, retry_after: dt.timedelta) -> None:
        minutes = max(1, -(-int(retry_after.total_seconds()) // 60))
        super().__init__(
            N_("Too many failed sign-ins. Try again in {minutes} min."), minutes=minutes
        )
        self.retry_after = retry_after


class SignUpRefused(EinhornError):
    """A user name or password that breaks a rule; the message never repeats the password."""


# -- passwords -------------------------------------------------------------------------------


@dataclass(slots=True)
class Passwords:
    """argon2id hashing with one set of parameters; an unknown user is checked against a dummy
    hash, so that a wrong user name takes as long as a wrong password."""

    hasher: PasswordHasher = field(default_factory=lambda: _default_hasher())
    _dummy: str = ""

    def hash(self, password: str) -> str:
        return self.hasher.hash(password)

    def verify(self, password_hash: str | None, password: str) -> bool:
        from argon2.exceptions import InvalidHashError, VerificationError

        if password_hash is None:
            if not self._dummy:
                self._dummy = self.hasher.hash(secrets.token_urlsafe(16))
            password_hash = self._dummy
            password = password + "\0"  # never matches, even by chance
        try:
            return self.hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        return self.hasher.check_needs_rehash(password_hash)


def _default_hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()  # argon2id, RFC 9106's low-memory profile (64 MiB, t=3, p=4)


# -- tokens and names ------------------------------------------------------------------------


def digest(token: str) -> str:
    """What the database keeps of a secret token: its SHA-256, hex."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def normalise_username(text: str) -> str:
    """One spelling per user: NFKC, case folded, outer spaces dropped ("Anna " is "anna")."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _check_username(username: str) -> None:
    if not MIN_USERNAME <= len(username) <= MAX_USERNAME or any(
        ch.isspace() or not ch.isprintable() for ch in username
    ):
        raise SignUpRefused(
            N_("User name: use {low} to {high} characters, without spaces."),
            low=MIN_USERNAME,
            high=MAX_USERNAME,
        )


def _check_password(password: str, repeated: str | None) -> None:
    if len(password) < MIN_PASSWORD:
        raise SignUpRefused(N_("Password: use at least {count} characters."), count=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise SignUpRefused(N_("Password: use at most {count} characters."), count=MAX_PASSWORD)
    if repeated is not None and repeated != password:
        raise SignUpRefused(N_("Password: the two entries differ."))


# -- use cases -------------------------------------------------------------------------------


def invite(*, access: AccessUnitOfWork, now: dt.datetime, days: int = INVITATION_DAYS) -> str:
    """A new one-time invitation; returns its token (shown once, stored only as a digest)."""
    if not 1 <= days <= 365:
        raise InvalidInput(N_("days"), days, N_("must be between 1 and 365"))
    token = new_token()
    access.access.add_invitation(digest(token), now, now + dt.timedelta(days=days))
    access.commit()
    return token


def check_invitation(*, access: AccessUnitOfWork, token: str, now: dt.datetime) -> Invitation:
    """The invitation behind ``token`` if it can still be used; else one clear reason."""
    found = access.access.invitation(digest(token)) if token else None
    if found is None:
        raise InvitationInvalid(N_("This invitation link is not valid. Ask for a new one."))
    if found.used_at is not None:
        raise InvitationInvalid(N_("This invitation link has been used already."))
    if found.expires_at <= now:
        raise InvitationInvalid(N_("This invitation link has expired. Ask for a new one."))
    return found


def sign_up(
    *,
    access: AccessUnitOfWork,
    passwords: Passwords,
    token: str,
    username: str,
    password: str,
    repeated: str | None = None,
    now: dt.datetime,
) -> Session:
    """Create an account with its login from an invitation (used up), and sign it in."""
    invitation = check_invitation(access=access, token=token, now=now)
    name = normalise_username(username)
    _check_username(name)
    _check_password(password, repeated)
    repo = access.access
    if repo.login(name) is not None:
        raise Conflict(N_("The user name {username!r} is taken; choose another."), username=name)
    account = repo.add_account(ACCOUNT_PREFIX + name)
    repo.add_login(Login(account, name, passwords.hash(password)), now)
    if not repo.use_invitation(invitation.token_hash, account, now):
        raise InvitationInvalid(N_("This invitation link has been used already."))
    session = _open_session(repo, account, now)
    access.commit()
    return session


def log_in(
    *,
    access: AccessUnitOfWork,
    passwords: Passwords,
    username: str,
    password: str,
    address: str,
    now: dt.datetime,
) -> Session:
    """A new session for the right user name and password.

    Refused for a while after too many failures for the user name or from the address
    (TooManyAttempts); every failure is recorded (WrongCredentials).
    """
    name = normalise_username(username)[:MAX_USERNAME]
    address = address[:64]
    repo = access.access
    _refuse_when_throttled(repo, name, address, now)
    login = repo.login(name)
    # An over-long password is wrong without hashing it (no user has one: sign-up refuses it).
    stored = login.password_hash if login and len(password) <= MAX_PASSWORD else None
    matches = passwords.verify(stored, password[:MAX_PASSWORD])  # as slow for unknown users
    if login is None or not matches:
        repo.forget_failures(before=now - THROTTLE_WINDOW)
        repo.add_failure(name, address, now)
        access.commit()
        raise WrongCredentials()
    if passwords.needs_rehash(login.password_hash):
        repo.set_password_hash(login.account_id, passwords.hash(password))
    repo.forget_failures(username=name)
    repo.delete_expired_sessions(now)
    session = _open_session(repo, login.account_id, now)
    access.commit()
    return session


def _refuse_when_throttled(
    repo: AccessRepository, username: str, address: str, now: dt.datetime
) -> None:
    since = now - THROTTLE_WINDOW
    for failures, limit in (
        (repo.failures(since=since, username=username), MAX_FAILURES_PER_USER),
        (repo.failures(since=since, address=address), MAX_FAILURES_PER_ADDRESS),
    ):
        if len(failures) >= limit:
            # Free again when enough of the failures have left the window.
            frees_at = sorted(failures)[len(failures) - limit] + THROTTLE_WINDOW
            raise TooManyAttempts(frees_at - now)


def _open_session(repo: AccessRepository, account: AccountId, now: dt.datetime) -> Session:
    token = new_token()
    expires = now + SESSION_LIFETIME
    repo.add_session(digest(token), account, now, expires)
    return Session(token, account, expires)


def session_account(*, access: AccessUnitOfWork, token: str, now: dt.datetime) -> AccountId | None:
    """The account signed in with session ``token``, if the session has not expired."""
    if not token or len(token) > 200:
        return None
    return access.access.session_account(digest(token), now)


def log_out(*, access: AccessUnitOfWork, token: str) -> None:
    """End the session (the cookie alone no longer opens anything)."""
    if token:
        access.access.delete_session(digest(token))
        access.commit()
