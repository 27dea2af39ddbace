"""Request dependencies: one unit of work per request, who is asking, and which programme."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy.orm import Session
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from caresystem import auth
from caresystem.auth import Actor
from caresystem.errors import Busy, Conflict, Unauthorized
from caresystem.programme.core import CHOSEN, CHOSEN_HERE, Programme, get_programme
from caresystem.settings import Settings


DATA_DIR = "data_dir"


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_session(request: Request) -> Iterator[Session]:
    """The request owns the transaction: commit before the response if the handler succeeded.

    Requests that may write take the write lock up front (SQLite) so concurrent writers queue, not fail.
    """
    reads_only = request.method in READING_METHODS
    factory = request.app.state.read_sessionmaker if reads_only else request.app.state.sessionmaker
    session = factory()
    session.info[DATA_DIR] = request.app.state.settings.data_dir  # population runs, for benefits bound to them
    _choose_programme(request, session)
    try:
        yield session
        session.commit()
    except StaleDataError:
        session.rollback()
        raise Conflict("The record was changed by someone else while you were saving. Reload it and try again.") \
            from None
    except IntegrityError:
        # A unique key or link another writer saved at the same moment; services check these first, so this is
        # the race they cannot see. The database's message is not shown: it may quote values.
        session.rollback()
        raise Conflict("Someone else saved a record with the same key at the same moment. Reload and try again.") \
            from None
    except OperationalError as exc:
        session.rollback()
        if "database is locked" not in str(exc):
            raise
        raise Busy("The database is busy with a long change (an import, perhaps). Try again in a moment.",
                   retry_after=5) from None
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def _choose_programme(request: Request, session: Session) -> None:
    """The programme pages show: `?programme=KEY` chooses it (and a browser remembers the choice in its session
    cookie); an API call names it on each request."""
    key = request.query_params.get("programme") or None
    remembered = "session" in request.scope and not request.url.path.startswith("/api/")
    if key:
        session.info[CHOSEN], session.info[CHOSEN_HERE] = key, True
        if remembered:
            request.session[CHOSEN] = key
    elif remembered and request.session.get(CHOSEN):
        session.info[CHOSEN] = request.session[CHOSEN]


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def _bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def api_actor(request: Request, session: SessionDep) -> Actor:
    """API callers authenticate with a personal bearer token; without one they are anonymous."""
    token = _bearer_token(request)
    if token is None:
        if request.headers.get("authorization"):
            raise Unauthorized("Use 'Authorization: Bearer <token>'.")
        return auth.ANONYMOUS
    actor = auth.actor_for(auth.user_for_token(session, token))
    session.info["actor"] = actor.username
    return actor


def page_actor(request: Request, session: SessionDep) -> Actor:
    """Browser users authenticate with a server-side session whose key is in the signed cookie."""
    key = request.session.get("session_key")
    if key is None:
        return auth.ANONYMOUS
    user = auth.user_for_session(session, key)
    if user is None:  # signed out, expired, revoked or deactivated
        request.session.clear()
        return auth.ANONYMOUS
    actor = auth.actor_for(user)
    session.info["actor"] = actor.username
    request.state.actor = actor
    return actor


ApiActor = Annotated[Actor, Depends(api_actor)]
PageActor = Annotated[Actor, Depends(page_actor)]


def api_programme(session: SessionDep, programme: Annotated[str | None, Query(
        description="programme key (default: the system's programme)")] = None) -> Programme:
    """The programme an API call is about: `?programme=KEY`, or the default programme."""
    return get_programme(session, programme)


def page_programme(session: SessionDep) -> Programme:
    """The programme the pages show: the default programme."""
    return get_programme(session)


ApiProgramme = Annotated[Programme, Depends(api_programme)]
PageProgramme = Annotated[Programme, Depends(page_programme)]


def history_readers_only(request: Request, actor: ApiActor) -> None:
    """Audit trails (`.../history`) name staff and show old values: signed-in readers of internal records only.

    Applied to every API router where the app includes them, so a new register's history route is covered.
    """
    if request.url.path.endswith("/history"):
        auth.require_somewhere(actor, auth.Permission.VIEW_INTERNAL)


def signed_in_to_post(request: Request, actor: PageActor) -> None:
    """Every form but the sign-in form is for signed-in users: an anonymous post is sent to sign in before the form
    is read, so it is never answered with the form's own checks. Applied to every page router where the app includes
    them, so a new form is covered."""
    if request.method not in READING_METHODS and request.url.path != "/login" and not actor.is_authenticated:
        raise Unauthorized("Sign in to do this.")


def api_permission_first(permission: auth.Permission):
    """An API route's dependency refusing those without `permission` anywhere before its body or query is checked,
    so a refused caller is told so rather than what the request lacks (the service still checks the record)."""
    def permitted(actor: ApiActor) -> None:
        auth.require_somewhere(actor, permission)
    return Depends(permitted)
