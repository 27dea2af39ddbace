"""Browser sessions kept on the server (so they can be ended), and slowing down password guessing.

Throttling follows the NCSC's password guidance ("throttle or lock out" repeated failed attempts) and OWASP's
authentication cheat sheet: failures are counted per account and per address over a window; past the limit
sign-in is refused, even with the right password, until the window has moved on, and the refusal says when to
try again (HTTP Retry-After). Failures and refusals are audited.
"""

import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, joinedload

from caresystem.auth.audit import record_event
from caresystem.auth.credentials import username_skeleton
from caresystem.auth.models import SignInFailure, User, UserSession
from caresystem.db.base import utcnow
from caresystem.errors import TooManyAttempts

WINDOW = timedelta(minutes=15)
ACCOUNT_LIMIT = 5  # failures for one account in the window
ADDRESS_LIMIT = 20  # failures from one address in the window, whatever the account


def digest(secret: str) -> str:
    """What is stored of a session key or an API token: its SHA-256, never the secret itself."""
    return hashlib.sha256(secret.encode()).hexdigest()


def _account(username: str) -> str:
    """The name failures are counted under: the username's skeleton, so look-alike spellings share one count."""
    return username_skeleton(username)[:100]


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)  # SQLite returns naive datetimes


def start_session(session: Session, *, user: User, lifetime: timedelta) -> str:
    """A new server-side session for `user`; returns the key to put in the (signed) cookie."""
    key = secrets.token_urlsafe(32)
    session.add(UserSession(user_id=user.id, key_hash=digest(key), expires_at=utcnow() + lifetime))
    return key


def user_for_session(session: Session, key: str | None) -> User | None:
    """The active user of a live session, or None if it ended, expired or was revoked."""
    if not key:
        return None
    query = (select(User).join(UserSession, UserSession.user_id == User.id).options(joinedload(User.scopes))
             .where(UserSession.key_hash == digest(key), UserSession.revoked_at.is_(None),
                    UserSession.expires_at > utcnow(), User.active.is_(True)))
    return session.execute(query).unique().scalar_one_or_none()  # scopes in the same query: one per request


def end_session(session: Session, key: str | None) -> None:
    if key:
        session.execute(update(UserSession).where(UserSession.key_hash == digest(key),
                                                  UserSession.revoked_at.is_(None)).values(revoked_at=utcnow()))


def revoke_sessions(session: Session, *, user: User) -> int:
    """End every live session of `user` (a password change, an administrator's revoke); audited."""
    result = session.execute(update(UserSession).where(UserSession.user_id == user.id,
                                                       UserSession.revoked_at.is_(None)).values(revoked_at=utcnow()))
    record_event(session, action="sessions revoked", entity_type="users", entity_id=user.id,
                 details={"sessions": [result.rowcount, 0]})
    return result.rowcount


def _retry_after(session: Session, condition, limit: int, since: datetime) -> int | None:
    """Seconds until fewer than `limit` failures matching `condition` fall in the window, or None if already so."""
    recent = list(session.scalars(select(SignInFailure.at).where(condition, SignInFailure.at > since)
                                  .order_by(SignInFailure.at.desc()).limit(limit)))
    if len(recent) < limit:
        return None
    frees_at = _aware(recent[-1]) + WINDOW
    return max(1, int((frees_at - utcnow()).total_seconds()) + 1)


def check_throttle(session: Session, *, username: str, address: str) -> None:
    """Refuse a sign-in attempt while the account or the address has failed too often recently."""
    account = _account(username)
    since = utcnow() - WINDOW
    wait = _retry_after(session, SignInFailure.account == account, ACCOUNT_LIMIT, since) or _retry_after(
        session, SignInFailure.address == address, ADDRESS_LIMIT, since)
    if wait is None:
        return
    record_event(session, action="sign-in throttled", entity_type="users", entity_id=account[:60],
                 details={"retry_after_seconds": [None, wait]})
    minutes = (wait + 59) // 60
    raise TooManyAttempts(f"Too many wrong passwords in a short time. Try again in {minutes} minute"
                          f"{'s' if minutes != 1 else ''}.", retry_after=wait)


def record_failure(session: Session, *, username: str, address: str) -> None:
    """Count a wrong password, and forget failures older than the window so the table stays small."""
    account = _account(username)
    session.execute(delete(SignInFailure).where(SignInFailure.at < utcnow() - WINDOW))
    session.add(SignInFailure(account=account, address=address[:64]))
    record_event(session, action="sign-in failed", entity_type="users", entity_id=account[:60], details={})


def clear_failures(session: Session, *, username: str) -> None:
    """A right password clears the account's count (not the address's: one address may try many accounts)."""
    session.execute(delete(SignInFailure).where(SignInFailure.account == _account(username)))
