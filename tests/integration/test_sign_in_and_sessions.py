"""Sessions end on the server (logout, password change, an administrator's revoke); guessing is throttled."""

from contextlib import contextmanager
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import event, select

from caresystem import auth
from caresystem.auth.audit import AuditEntry
from caresystem.auth.credentials import username_skeleton
from caresystem.auth.sessions import WINDOW
from caresystem.db.base import utcnow
from caresystem.errors import Invalid
from tests.conftest import csrf_of, login
from tests.databases import PASSWORD

EDIT_PAGE = "/organisations/RVV/edit"


def _is_signed_in(app, cookies) -> bool:
    with TestClient(app, base_url="https://testserver", cookies=cookies) as other:
        return other.get(EDIT_PAGE, follow_redirects=False).status_code == 200


def test_a_copied_cookie_stops_working_after_logout(app, client):
    login(client, "editor")
    captured = dict(client.cookies)
    assert _is_signed_in(app, captured)
    client.post("/logout", data={"csrf_token": csrf_of(client.get("/").text)})
    assert not _is_signed_in(app, captured)


def test_password_change_and_administrator_revoke_end_sessions(app, client, db):
    login(client, "editor")
    captured = dict(client.cookies)
    with db.session() as s:
        assert auth.set_password(s, username="editor", password="a-new-long-passphrase") == 1
        s.commit()
    assert not _is_signed_in(app, captured)
    with db.session() as s:
        assert auth.set_password(s, username="editor", password=PASSWORD) == 0
        s.commit()
    login(client, "editor")
    captured = dict(client.cookies)
    with db.session() as s:
        assert auth.revoke_sessions(s, user=auth.get_user(s, "editor")) == 1
        s.commit()
    assert not _is_signed_in(app, captured)
    with db.session() as s:
        actions = [e.action for e in s.scalars(select(AuditEntry).where(AuditEntry.entity_type == "users"))]
        assert actions.count("sessions revoked") == 3


@contextmanager
def _statements(session):
    """The SQL statements `session` sends while the block runs."""
    sent = []

    def count(_conn, _cursor, statement, *_args):
        sent.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_who_is_asking_is_one_query_per_request_scopes_included(db):
    with db.session() as s:
        key = auth.start_session(s, user=auth.get_user(s, "ek_editor"), lifetime=timedelta(hours=1))
        s.commit()
    with db.session() as s, _statements(s) as by_cookie:
        assert auth.actor_for(auth.user_for_session(s, key)).places == {"east-kent"}
    with db.session() as s, _statements(s) as by_token:
        assert auth.actor_for(auth.user_for_token(s, db.tokens["ek_editor"])).places == {"east-kent"}
    assert sum(q.lstrip().upper().startswith("SELECT") for q in by_cookie) == 1
    assert sum(q.lstrip().upper().startswith("SELECT") for q in by_token) == 1


def _try(client, username: str, password: str):
    token = csrf_of(client.get("/login").text)
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token},
                       follow_redirects=False)


def test_wrong_passwords_are_throttled_per_account_even_for_the_right_one(client, db):
    for _ in range(5):
        assert _try(client, "viewer", "wrong-password-guess").status_code == 401
    refused = _try(client, "viewer", PASSWORD)
    assert refused.status_code == 429 and "Too many wrong passwords" in refused.text
    assert 1 <= int(refused.headers["retry-after"]) <= 15 * 60 + 1
    assert _try(client, "VIEWER", PASSWORD).status_code == 429  # the same account, however it is spelled
    assert _try(client, "editor", PASSWORD).status_code == 303  # other accounts are not locked out
    with db.session() as s:
        actions = [e.action for e in s.scalars(select(AuditEntry).where(AuditEntry.entity_id == "vlewer"))]
    assert actions.count("sign-in failed") >= 5 and "sign-in throttled" in actions


def test_a_right_password_clears_the_account_count(client):
    for _ in range(4):
        _try(client, "pmo", "wrong-password-guess")
    assert _try(client, "pmo", PASSWORD).status_code == 303
    for _ in range(4):
        assert _try(client, "pmo", "wrong-password-guess").status_code == 401


def test_a_failure_forgets_failures_older_than_the_window(client, db):
    with db.session() as s:
        s.add(auth.SignInFailure(account="someone", address="192.0.2.1", at=utcnow() - WINDOW - timedelta(minutes=1)))
        s.commit()
    assert _try(client, "viewer", "wrong-password-guess").status_code == 401
    with db.session() as s:
        assert s.scalars(select(auth.SignInFailure.account)).all() == [username_skeleton("viewer")]


def test_many_accounts_from_one_address_are_throttled(client):
    for i in range(20):
        assert _try(client, f"nobody{i}", "wrong-password-guess").status_code == 401
    assert _try(client, "admin", PASSWORD).status_code == 429


def test_confusable_usernames_and_misplaced_scopes_are_refused(db):
    with db.session() as s:
        for name in ("ADMIN", "\u0430dmin", "adm1n"):
            try:
                auth.create_user(s, username=name, role="viewer", password="a-long-fresh-passphrase")
                raise AssertionError(f"{name!r} was accepted")
            except Invalid as exc:
                assert exc.errors[0].field == "username" and "admin" in exc.errors[0].message
        for role, kwargs, field in (("viewer", {"places": ["east-kent"]}, "role"),
                                    ("editor", {"places": ["atlantis"]}, "places"),
                                    ("editor", {"organisations": ["NOPE"]}, "organisations")):
            try:
                auth.create_user(s, username=f"new-{role}", role=role, password="a-long-fresh-passphrase", **kwargs)
                raise AssertionError(f"{kwargs} on {role} was accepted")
            except Invalid as exc:
                assert [e.field for e in exc.errors] == [field]
        user = auth.create_user(s, username="kent-editor", role="editor", password="a-long-fresh-passphrase",
                                places=["east-kent"])
        auth.set_scopes(s, username="kent-editor", organisations=["RVV"], places=[])
        s.flush()
        entries = s.scalars(select(AuditEntry).where(AuditEntry.entity_type == "users",
                                                     AuditEntry.entity_id == str(user.id),
                                                     AuditEntry.action == "scopes set")
                             .order_by(AuditEntry.id)).all()
        assert entries[-1].changes == {"organisations": [[], ["RVV"]], "places": [["east-kent"], []]}
