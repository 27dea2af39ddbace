"""The meeting page's forms for what was first reachable only through the API: choosing the programme whose logs a
minuted decision or action goes to, guests in attendance, editing a paper's cover sheet and uploading a new
version, and linking a user account to a person."""

import re

from sqlalchemy import select

from caresystem.programme.core.models import Programme
from caresystem.programme.raid.models import Action, Decision
from tests.conftest import csrf_of, login
from tests.integration.meetings.helpers import STEB, docx, pdf_of, schedule


def _meeting_with_item(admin) -> tuple[dict, dict]:
    meeting = schedule(admin, STEB, "2027-01-12", "2027-02-28")[0]
    item = admin.post(f"/api/v1/meetings/{meeting['id']}/agenda/items", json={
        "title": "Community diagnostics", "purpose": "decision"}).json()
    return meeting, item


def test_a_decision_and_an_action_minuted_from_the_page_go_to_the_programme_chosen(db, api, client):
    with db.session() as session:
        session.add(Programme(key="second-programme", name="Second programme"))
        session.commit()
    meeting, item = _meeting_with_item(api("admin"))
    staff = login(client, "admin")
    page = staff.get(f"/meetings/{meeting['id']}")
    assert 'value="second-programme"' in page.text and "Into the decisions log of" in page.text
    base = f"/meetings/{meeting['id']}/items/{item['id']}"
    done = staff.post(base + "/decisions", data={"csrf_token": csrf_of(page.text), "title": "Fund the hub",
                                                 "rationale": "Waits are long", "programme": "second-programme"},
                      follow_redirects=False)
    assert done.status_code == 303, done.text
    staff.post(base + "/actions", data={"csrf_token": csrf_of(page.text), "title": "Write the case",
                                        "owner": "Programme lead", "due_date": "2027-02-01",
                                        "programme": "second-programme"})
    unknown = staff.post(base + "/decisions", data={"csrf_token": csrf_of(page.text), "title": "Lost",
                                                    "programme": "no-such-programme"})
    assert unknown.status_code == 422 and "no programme with key" in unknown.text
    with db.session() as session:
        second = session.scalar(select(Programme).where(Programme.key == "second-programme"))
        decision = session.scalar(select(Decision).where(Decision.title == "Fund the hub"))
        action = session.scalar(select(Action).where(Action.title == "Write the case"))
        assert decision.programme_id == second.id and decision.rationale == "Waits are long"
        assert action.programme_id == second.id
        assert session.scalar(select(Decision).where(Decision.title == "Lost")) is None


def test_a_guest_is_added_from_the_page_and_does_not_count_towards_the_quorum(api, client):
    admin = api("admin")
    meeting, _ = _meeting_with_item(admin)
    before = admin.get(f"/api/v1/meetings/{meeting['id']}").json()
    staff = login(client, "admin")
    page = staff.get(f"/meetings/{meeting['id']}")
    empty = staff.post(f"/meetings/{meeting['id']}/guests", data={"csrf_token": csrf_of(page.text), "name": ""})
    assert empty.status_code == 422 and "nhsuk-error-summary" in empty.text
    staff.post(f"/meetings/{meeting['id']}/guests", data={"csrf_token": csrf_of(page.text),
                                                          "name": "Finance business partner"})
    after = admin.get(f"/api/v1/meetings/{meeting['id']}").json()
    guest = [a for a in after["attendance"] if a["name"] == "Finance business partner"]
    assert len(guest) == 1 and guest[0]["status"] == "in_attendance" and guest[0]["voting"] is False
    assert after["quorum"]["voting_members"] == before["quorum"]["voting_members"]
    assert "Finance business partner" in staff.get(f"/meetings/{meeting['id']}").text


def test_a_viewer_cannot_add_a_guest(api, client):
    meeting, _ = _meeting_with_item(api("admin"))
    viewer = login(client, "viewer")
    page = viewer.get(f"/meetings/{meeting['id']}")
    assert "Add someone in attendance" not in page.text
    refused = viewer.post(f"/meetings/{meeting['id']}/guests", data={"csrf_token": csrf_of(page.text),
                                                                     "name": "Gatecrasher"})
    assert refused.status_code == 403
    assert "Gatecrasher" not in api("admin").get(f"/api/v1/meetings/{meeting['id']}").text


def test_the_cover_sheet_is_edited_and_a_new_version_uploaded_from_the_page(api, client):
    admin = api("admin")
    meeting, item = _meeting_with_item(admin)
    paper = admin.post(f"/api/v1/meetings/{meeting['id']}/papers", data={
        "title": "Draft case", "public": "true", "author": "Someone", "recommendation": "Note it"},
        files={"file": ("case.pdf", pdf_of(1))}).json()
    staff = login(client, "admin")
    page = staff.get(f"/meetings/{meeting['id']}")
    assert f'action="/meetings/{meeting["id"]}/papers/{paper["id"]}"' in page.text
    url = f"/meetings/{meeting['id']}/papers/{paper['id']}"
    form = {"csrf_token": csrf_of(page.text), "version": str(paper["version"]), "title": "Outline business case",
            "item_id": str(item["id"]), "purpose": "decision", "author": "Director of finance",
            "recommendation": "", "linked_risks": ""}  # public left unticked: the paper becomes confidential
    saved = staff.post(url, data=form, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    read = admin.get(f"/api/v1/meetings/{meeting['id']}/papers").json()[0]
    assert (read["title"], read["item_id"], read["purpose"], read["author"], read["recommendation"], read["public"]) \
        == ("Outline business case", item["id"], "decision", "Director of finance", None, False)
    stale = staff.post(url, data=form | {"title": "Stale edit"})
    assert stale.status_code == 409
    bad = staff.post(url, data=form | {"version": str(read["version"]), "linked_risks": "R-NOPE", "title": ""})
    assert bad.status_code == 422 and "linked risks" in bad.text.lower() and "title" in bad.text.lower()
    assert client.get(f"/meetings/{meeting['id']}/papers/{paper['id']}/file").status_code == 200  # still signed in
    uploaded = staff.post(url + "/versions", data={"csrf_token": csrf_of(page.text)},
                          files={"file": ("case.docx", docx())}, follow_redirects=False)
    assert uploaded.status_code == 303, uploaded.text
    read = admin.get(f"/api/v1/meetings/{meeting['id']}/papers").json()[0]
    assert read["current_version"] == 2 and read["kind"] == "docx"
    text = staff.post(url + "/versions", data={"csrf_token": csrf_of(page.text)},
                      files={"file": ("case.pdf", b"plain text")})
    assert text.status_code == 422 and "must be a PDF" in text.text


def test_an_account_is_linked_to_a_person_from_the_page_and_then_reads_confidential_papers(api, client):
    admin = api("admin")
    meeting, _ = _meeting_with_item(admin)
    paper = admin.post(f"/api/v1/meetings/{meeting['id']}/papers", data={"title": "Confidential finance",
                                                                         "public": "false"},
                       files={"file": ("f.pdf", pdf_of(1))}).json()
    url = f"/api/v1/meetings/{meeting['id']}/papers/{paper['id']}/file"
    assert api("viewer").get(url).status_code == 403
    staff = login(client, "admin")
    page = staff.get("/meetings/member-accounts")
    assert page.status_code == 200 and "No accounts are linked" in page.text
    bad = staff.post("/meetings/member-accounts", data={"csrf_token": csrf_of(page.text), "username": "viewer",
                                                        "person": "nobody-at-all"})
    assert bad.status_code == 422 and "nhsuk-error-summary" in bad.text and "nobody-at-all" in bad.text
    done = staff.post("/meetings/member-accounts", data={"csrf_token": csrf_of(page.text), "username": "viewer",
                                                         "person": "glenn-douglas"}, follow_redirects=False)
    assert done.status_code == 303
    assert staff.get(done.headers["location"]).text.count("Saved.") == 1
    listed = staff.get("/meetings/member-accounts").text
    assert re.search(r"viewer</td>.*glenn-douglas", listed, re.S)
    assert api("viewer").get(url).status_code == 200


def test_only_user_administrators_see_or_change_the_members_accounts(client):
    editor = login(client, "editor")
    assert editor.get("/meetings/member-accounts").status_code == 403
    page = editor.get("/meetings")
    refused = editor.post("/meetings/member-accounts", data={"csrf_token": csrf_of(page.text), "username": "viewer",
                                                             "person": "glenn-douglas"})
    assert refused.status_code == 403
    assert client.post("/meetings/member-accounts", data={"username": "viewer", "person": "glenn-douglas"}
                       ).status_code in (400, 403)


def test_a_paper_uploaded_from_the_page_is_kept_and_a_missing_file_is_refused(api, client):
    admin = api("admin")
    meeting, item = _meeting_with_item(admin)
    staff = login(client, "admin")
    page = staff.get(f"/meetings/{meeting['id']}")
    form = {"csrf_token": csrf_of(page.text), "title": "Options appraisal", "item_id": str(item["id"]),
            "purpose": "decision", "public": "true"}
    missing = staff.post(f"/meetings/{meeting['id']}/papers", data=form)
    assert missing.status_code == 422 and "choose a file" in missing.text.lower()
    done = staff.post(f"/meetings/{meeting['id']}/papers", data=form, files={"file": ("o.pdf", pdf_of(3))},
                      follow_redirects=False)
    assert done.status_code == 303, done.text
    read = admin.get(f"/api/v1/meetings/{meeting['id']}/papers").json()
    assert [(p["title"], p["pages"], p["public"], p["item_id"]) for p in read] == [
        ("Options appraisal", 3, True, item["id"])]
