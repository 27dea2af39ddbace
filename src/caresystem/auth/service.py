"""Accounts, tokens and the one place that decides whether an actor may do something."""

import secrets
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import column, select, table
from sqlalchemy.orm import Session, joinedload

from caresystem.auth.audit import record_event
from caresystem.auth.credentials import MAX_PASSWORD_LENGTH, password_problem, username_problem, username_skeleton
from caresystem.auth.models import ApiToken, User, UserScope
from caresystem.auth.permissions import ROLE_PERMISSIONS, SCOPABLE_ROLES, SCOPED_PERMISSIONS, Permission, Role
from caresystem.auth.sessions import check_throttle, clear_failures, digest, record_failure, revoke_sessions
from caresystem.db.base import utcnow
from caresystem.errors import FieldError, Forbidden, Invalid, NotFound, Unauthorized

_hasher = PasswordHasher()
TOKEN_PREFIX = "cs_"


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in user, a token holder, or a named system process."""

    username: str
    role: Role | None
    organisations: frozenset[str] = field(default_factory=frozenset)
    places: frozenset[str] = field(default_factory=frozenset)
    user_id: int | None = None
    pcns: frozenset[str] = field(default_factory=frozenset)
    practices: frozenset[str] = field(default_factory=frozenset)
    display_name: str = ""

    @property
    def is_authenticated(self) -> bool:
        return self.role is not None

    @property
    def is_scoped(self) -> bool:
        return self.role in SCOPABLE_ROLES and bool(self.organisations or self.places or self.pcns or self.practices)

    def can(self, permission: Permission) -> bool:
        return self.role is not None and permission in ROLE_PERMISSIONS[self.role]

    def may(self, permission: Permission, *, organisations=frozenset(), places=frozenset()) -> bool:
        """Whether `require` would let this actor do it: pages show only the actions a person may take."""
        try:
            require(self, permission, organisations=organisations, places=places)
        except (Unauthorized, Forbidden):
            return False
        return True

    def may_see_cohort(self, pcn: str) -> bool:
        """A care coordinator scoped to PCNs sees those PCNs' lists whole; one scoped to practices sees, in any
        PCN, only the people registered at those practices (`cohort_practices`)."""
        return not self.is_scoped or pcn in self.pcns or bool(self.practices)

    def cohort_practices(self, pcn: str) -> frozenset[str] | None:
        """The practices whose people this actor may see in `pcn`'s lists; None for all of them."""
        return None if not self.is_scoped or pcn in self.pcns else self.practices


ANONYMOUS = Actor(username="anonymous", role=None)
SYSTEM = Actor(username="system", role=Role.SYSTEM_ADMIN)


def actor_for(user: User) -> Actor:
    return Actor(username=user.username, role=Role(user.role), user_id=user.id,
                 organisations=frozenset(s.code for s in user.scopes if s.kind == "organisation"),
                 places=frozenset(s.code for s in user.scopes if s.kind == "place"),
                 pcns=frozenset(s.code for s in user.scopes if s.kind == "pcn"),
                 practices=frozenset(s.code for s in user.scopes if s.kind == "practice"),
                 display_name=user.display_name)


def require(actor: Actor, permission: Permission, *, organisations: set[str] | frozenset[str] = frozenset(),
            places: set[str] | frozenset[str] = frozenset()) -> None:
    """Refuse unless the actor holds `permission` and, for a change, if scoped, the record is in one of its scopes.
    Reading is never narrowed by scope: a scoped editor reads what a viewer reads."""
    if not actor.is_authenticated:
        raise Unauthorized("Sign in to do this.")
    if not actor.can(permission):
        raise Forbidden(f"The {actor.role} role may not {permission.value.replace('_', ' ')}.")
    if permission in SCOPED_PERMISSIONS and actor.is_scoped and not (actor.organisations & set(organisations) or actor.places & set(places)):
        raise Forbidden("This record is outside the organisations and places you may change.")


def require_after_change(actor: Actor, permission: Permission, *, organisations: set[str] | frozenset[str] = frozenset(),
                         places: set[str] | frozenset[str] = frozenset()) -> None:
    """Refuse a change that would leave the record outside the actor's scope (checked on the record as changed,
    after `require` was checked on it as it was), so an editor cannot move a record away from themselves."""
    if actor.is_scoped and not (actor.organisations & set(organisations) or actor.places & set(places)):
        raise Forbidden("This change would move the record outside the organisations and places you may change.")


def require_somewhere(actor: Actor, permission: Permission) -> None:
    """Refuse unless the actor holds `permission` for at least some records (to open a blank form)."""
    if not actor.is_authenticated:
        raise Unauthorized("Sign in to do this.")
    if not actor.can(permission):
        raise Forbidden(f"The {actor.role} role may not {permission.value.replace('_', ' ')}.")


def may_add_somewhere(actor: Actor, permission: Permission, *, by: str) -> bool:
    """Whether to offer an "Add" action: the actor may add anywhere, or is scoped and may add within its `by`
    scopes ("organisations" or "places"), where the service will check the new record's own."""
    if actor.may(permission):
        return True
    return actor.can(permission) and permission in SCOPED_PERMISSIONS and bool(getattr(actor, by))


def hash_password(password: str, *, username: str = "") -> str:
    if problem := password_problem(password, username=username):
        raise Invalid.one("password", problem)
    return _hasher.hash(password)


def _taken_by(session: Session, username: str) -> str | None:
    """The existing username that `username` could be mistaken for (same skeleton), if any."""
    skeleton = username_skeleton(username)
    return next((u for u in session.scalars(select(User.username)) if username_skeleton(u) == skeleton), None)


# Scope codes are checked against the system's tables by name: auth sits below the system model.
_SCOPE_TABLES = {"organisation": table("organisations", column("code")), "place": table("places", column("code"))}


def _scope_errors(session: Session, role: str, scopes: dict[str, list[str]]) -> list[FieldError]:
    """A scope only on a role that uses one (SCOPABLE_ROLES), and only with codes that exist."""
    errors = []
    for kind, codes in scopes.items():
        if codes and Role(role) not in SCOPABLE_ROLES:
            errors.append(FieldError(f"{kind}s", f"the {role} role cannot be limited to {kind}s; only "
                                                 f"{', '.join(sorted(SCOPABLE_ROLES))} can"))
            continue
        known = set(session.scalars(select(_SCOPE_TABLES[kind].c.code).where(_SCOPE_TABLES[kind].c.code.in_(codes))))
        if unknown := sorted(set(codes) - known):
            errors.append(FieldError(f"{kind}s", f"there is no {kind} {', '.join(map(repr, unknown))}"))
    return errors


def create_user(session: Session, *, username: str, role: str, password: str, display_name: str = "",
                organisations: list[str] = (), places: list[str] = (), pcns: list[str] = (),
                practices: list[str] = ()) -> User:
    username = username.strip()
    if problem := username_problem(username):
        raise Invalid.one("username", problem)
    if role not in {r.value for r in Role}:
        raise Invalid.one("role", f"must be one of {', '.join(r.value for r in Role)}")
    if taken := _taken_by(session, username):
        raise Invalid.one("username", f"{username!r} is already taken" if taken == username else
                          f"{username!r} is too like the existing user {taken!r}; choose another")
    user = User(username=username, role=role, display_name=display_name or username,
                password_hash=hash_password(password, username=username))
    scopes = {"organisation": organisations, "place": places, "pcn": pcns, "practice": practices}
    if role not in {r.value for r in SCOPABLE_ROLES} and any(scopes.values()):
        raise Invalid.one("role", f"The {role} role cannot be limited to organisations, places, PCNs or practices")
    if role == Role.EDITOR and (pcns or practices):
        raise Invalid.one("role", "Limit an editor to organisations or places, not to PCNs or practices")
    if role == Role.CARE_COORDINATOR and (organisations or places):
        raise Invalid.one("role", "Limit a care coordinator to PCNs or practices, not to organisations or places")
    if errors := _scope_errors(session, role, {"organisation": list(organisations), "place": list(places)}):
        raise Invalid(errors)
    user.scopes = [UserScope(kind=kind, code=code) for kind, codes in scopes.items() for code in codes]
    session.add(user)
    session.flush()
    record_event(session, action="scopes set", entity_type="users", entity_id=user.id,
                 details={"organisations": [[], sorted(organisations)], "places": [[], sorted(places)]})
    return user


def set_scopes(session: Session, *, username: str, organisations: list[str], places: list[str]) -> User:
    """Replace a user's scopes; audited with the old and new scopes."""
    user = get_user(session, username)
    if errors := _scope_errors(session, user.role, {"organisation": organisations, "place": places}):
        raise Invalid(errors)
    old = {kind: sorted(s.code for s in user.scopes if s.kind == kind) for kind in ("organisation", "place")}
    user.scopes = [UserScope(kind="organisation", code=c) for c in organisations] + [
        UserScope(kind="place", code=c) for c in places]
    session.flush()
    record_event(session, action="scopes set", entity_type="users", entity_id=user.id,
                 details={"organisations": [old["organisation"], sorted(organisations)],
                          "places": [old["place"], sorted(places)]})
    return user


def set_password(session: Session, *, username: str, password: str) -> int:
    """Change a password and end every browser session of the user; returns how many sessions ended."""
    user = get_user(session, username)
    user.password_hash = hash_password(password, username=user.username)
    session.flush()
    return revoke_sessions(session, user=user)


def get_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"No user called {username!r}.")
    return user


def authenticate(session: Session, username: str, password: str, *, address: str = "unknown") -> User:
    """The user whose password this is; throttled per account and address (see `auth.sessions`)."""
    check_throttle(session, username=username, address=address)
    user = session.scalar(select(User).where(User.username == username, User.active.is_(True)))
    try:
        if user is None or len(password) > MAX_PASSWORD_LENGTH:
            _hasher.hash(password[:MAX_PASSWORD_LENGTH])  # spend the same time whether or not the user exists
            raise VerifyMismatchError
        _hasher.verify(user.password_hash, password)
    except (VerifyMismatchError, InvalidHashError):
        record_failure(session, username=username, address=address)
        raise Unauthorized("The username or password is not right.") from None
    clear_failures(session, username=username)
    return user


def create_token(session: Session, *, username: str, name: str = "") -> str:
    """Make a personal API token; the plain token is returned once and only its digest is kept."""
    user = get_user(session, username)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken(user_id=user.id, name=name or "personal", token_hash=digest(token))
    session.add(record)
    session.flush()
    record_event(session, action="token created", entity_type="users", entity_id=user.id,
                 details={"token": [None, f"{record.name} (#{record.id})"]})
    return token


def user_for_token(session: Session, token: str) -> User:
    query = (select(User).join(ApiToken, ApiToken.user_id == User.id).options(joinedload(User.scopes))
             .where(ApiToken.token_hash == digest(token), ApiToken.revoked_at.is_(None), User.active.is_(True)))
    user = session.execute(query).unique().scalar_one_or_none()  # scopes in the same query: one per request
    if user is None:
        raise Unauthorized("The bearer token is not valid.")
    return user


def revoke_tokens(session: Session, *, username: str) -> int:
    user = get_user(session, username)
    tokens = session.scalars(select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)))
    count = 0
    for token in tokens:
        token.revoked_at = utcnow()
        count += 1
        record_event(session, action="token revoked", entity_type="users", entity_id=user.id,
                     details={"token": [f"{token.name} (#{token.id})", None]})
    return count
