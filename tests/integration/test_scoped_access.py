"""Scope limits what an editor may change, never what they may read."""

import pytest

from caresystem.auth import create_user
from tests.conftest import csrf_of, login
from tests.databases import PASSWORD

READ_ONLY_PAGES = ["/programme", "/programme/risks", "/programme/milestones", "/programme/sign-off",
                   "/programme/benefits", "/programme/assumptions", "/governance", "/organisations"]


@pytest.mark.parametrize("user", ["ek_editor", "org_editor"])
def test_scoped_editors_read_what_viewers_read(client, user):
    login(client, user)
    for path in READ_ONLY_PAGES:
        response = client.get(path)
        assert response.status_code == 200, (user, path, response.text[:300])
        assert "outside the organisations and places" not in response.text


def test_scoped_editor_reads_the_api_registers(api):
    for path in ["/api/v1/risks", "/api/v1/milestones", "/api/v1/sign-offs", "/api/v1/programme/dashboard"]:
        assert api("ek_editor").get(path).status_code == 200, path


EDIT_ORGANISATION = "Edit this organisation"


@pytest.mark.parametrize("user", ["ek_editor", "org_editor"])
def test_scoped_editor_sees_edit_only_on_organisations_in_scope(client, user):
    """XKP01 is in both editors' scopes (by code, and by its place East Kent); XKP40 is in West Kent, in neither."""
    login(client, user)
    assert EDIT_ORGANISATION in client.get("/organisations/XKP01").text
    assert client.get("/organisations/XKP01/edit").status_code == 200
    assert EDIT_ORGANISATION not in client.get("/organisations/XKP40").text
    assert client.get("/organisations/XKP40/edit").status_code == 403


@pytest.mark.parametrize("user, may_add", [("ek_editor", True), ("org_editor", False), ("editor", True),
                                           ("viewer", False)])
def test_add_an_organisation_is_offered_to_those_who_may_add_one(client, user, may_add):
    """An editor scoped to a place adds organisations in it; one scoped to organisations can add none (a new code is
    never one of theirs)."""
    login(client, user)
    assert ("Add an organisation" in client.get("/organisations").text) is may_add


def test_unscoped_editor_sees_edit_everywhere_and_viewer_nowhere(client):
    login(client, "editor")
    assert EDIT_ORGANISATION in client.get("/organisations/XKP40").text
    client.post("/logout", data={"csrf_token": csrf_of(client.get("/").text)})
    login(client, "viewer")
    assert EDIT_ORGANISATION not in client.get("/organisations/XKP01").text


def test_editor_scoped_to_a_host_sees_edit_and_remove_only_on_bodies_it_hosts(client, db):
    """East Kent Hospitals (RYY) hosts the East Kent ICP steering group, not the West Kent one."""
    with db.session() as session:
        create_user(session, username="ryy_editor", role="editor", password=PASSWORD, organisations=["RYY"])
        session.commit()
    login(client, "ryy_editor")
    hosted = client.get("/governance/east-kent-icp-steering-group").text
    assert "Edit this body" in hosted and ">Remove<" in hosted and "Add a member" in hosted
    other = client.get("/governance/west-kent-icp-steering-group").text
    assert "Edit this body" not in other and ">Remove<" not in other and "Add a member" not in other
    assert client.get("/governance/west-kent-icp-steering-group/edit").status_code == 403
    assert "Add a governance body" in client.get("/governance").text


@pytest.mark.parametrize("user, offered", [("ek_editor", False), ("editor", True)])
def test_scoped_editor_is_offered_no_change_to_system_wide_records(client, user, offered):
    """Functions and the programme's logs belong to no organisation or place: a scoped editor is refused every change
    to them, so no button offers one (an unscoped editor is offered each)."""
    login(client, user)
    functions = client.get("/functions").text
    function = functions.split('href="/functions/')[1].split('"')[0]
    assert ("Add a level" in client.get(f"/functions/{function}").text) is offered
    assert ("Add an assumption" in client.get("/programme/assumptions").text) is offered
    assert ("Add a governance body" in client.get("/governance").text) is offered, "ek_editor hosts no body"
