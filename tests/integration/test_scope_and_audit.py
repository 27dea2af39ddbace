"""Scope is checked on a record before and after a change; deletes, links, tokens and scopes are audited with old
and new values; the audit trail is not public."""

from sqlalchemy import select

from caresystem import auth
from caresystem.auth.audit import AuditEntry
from tests.conftest import login


def _entries(db, entity_type: str, entity_id=None, action: str | None = None) -> list[AuditEntry]:
    with db.session() as s:
        query = select(AuditEntry).where(AuditEntry.entity_type == entity_type).order_by(AuditEntry.id)
        if entity_id is not None:
            query = query.where(AuditEntry.entity_id == str(entity_id))
        if action:
            query = query.where(AuditEntry.action == action)
        return list(s.scalars(query))


def test_a_scoped_editor_cannot_move_an_organisation_out_of_their_place(api):
    editor, admin = api("ek_editor"), api("admin")
    current = admin.get("/api/v1/organisations/XKP01").json()
    assert current["place_code"] == "east-kent"
    for place in (None, "west-kent"):
        response = editor.patch("/api/v1/organisations/XKP01", json={"version": current["version"], "place_code": place})
        assert response.status_code == 403, response.text
    assert admin.get("/api/v1/organisations/XKP01").json()["place_code"] == "east-kent"
    fine = editor.patch("/api/v1/organisations/XKP01", json={"version": current["version"], "notes": "still ours"})
    assert fine.status_code == 200


def test_a_scoped_editor_cannot_hand_a_body_to_other_hosts(api, app, db):
    admin = api("admin")
    bodies = admin.get("/api/v1/governance-bodies", params={"page_size": 500}).json()["items"]
    body = next(b for b in bodies if b.get("host_organisations"))
    host = body["host_organisations"][0]
    with db.session() as s:
        auth.create_user(s, username="host-editor", role="editor", password="a-long-fresh-passphrase",
                         organisations=[host])
        token = auth.create_token(s, username="host-editor")
        s.commit()
    from fastapi.testclient import TestClient
    with TestClient(app, base_url="https://testserver", headers={"Authorization": f"Bearer {token}"}) as editor:
        current = editor.get(f"/api/v1/governance-bodies/{body['key']}").json()
        moved = editor.patch(f"/api/v1/governance-bodies/{body['key']}",
                             json={"version": current["version"], "host_organisations": ["RVV"] if host != "RVV" else ["RPA"]})
        assert moved.status_code == 403, moved.text
        kept = editor.patch(f"/api/v1/governance-bodies/{body['key']}",
                            json={"version": current["version"], "frequency": "Monthly"})
        assert kept.status_code == 200, kept.text


def test_hard_deletes_keep_the_old_values_in_the_audit_trail(api, db):
    pmo = api("pmo")
    rule = pmo.post("/api/v1/escalation-rules", json={"min_score": 15, "body_key": "ics-nhs-body-board"}).json()
    assert pmo.delete(f"/api/v1/escalation-rules/{rule['id']}").status_code == 204
    deleted = _entries(db, "escalation_rules", rule["id"], "deleted")
    assert len(deleted) == 1
    assert deleted[0].changes["min_score"] == [15, None] and deleted[0].actor == "pmo"


def test_changing_a_milestones_projects_bumps_its_version_and_is_audited(api, db):
    pmo = api("pmo")
    made = pmo.post("/api/v1/milestones", json={"title": "Linked milestone", "projects": ["system-commissioner"]}).json()
    changed = pmo.patch(f"/api/v1/milestones/{made['key']}", json={"version": made["version"], "projects": []})
    assert changed.status_code == 200, changed.text
    assert changed.json()["version"] == made["version"] + 1
    stale = pmo.patch(f"/api/v1/milestones/{made['key']}", json={"version": made["version"], "projects": []})
    assert stale.status_code == 409
    updates = [e for e in _entries(db, "milestones", action="updated") if "projects" in e.changes]
    assert updates[-1].changes["projects"] == [["system-commissioner"], []]


def test_tokens_and_their_revocation_are_audited(db):
    with db.session() as s:
        user = auth.get_user(s, "viewer")
        auth.create_token(s, username="viewer", name="laptop")
        assert auth.revoke_tokens(s, username="viewer") == 2
        s.commit()
    actions = [e.action for e in _entries(db, "users", user.id)]
    assert actions.count("token created") == 2  # the test user's own token, and this one
    assert actions.count("token revoked") == 2


def test_history_is_not_public(api, client):
    assert api().get("/api/v1/organisations/RVV/history").status_code == 401
    assert api().get("/api/v1/risks/R001/history").status_code == 401
    assert api("viewer").get("/api/v1/organisations/RVV/history").status_code == 200
    anonymous_page = client.get("/organisations/RVV")
    assert anonymous_page.status_code == 200 and 'id="history"' not in anonymous_page.text
    login(client, "viewer")
    assert 'id="history"' in client.get("/organisations/RVV").text
