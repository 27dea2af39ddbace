"""Public pages, papers and packs: confidential papers and draft minutes never reach the public."""

import io
import re

from pypdf import PdfReader

from tests.conftest import csrf_of, login
from tests.integration.meetings.helpers import ICB, docx, pdf_of, schedule


def _paper(admin, meeting_id: int, title: str, content: bytes, public: bool, item_id=None, name="paper.pdf"):
    data = {"title": title, "public": str(public).lower(), "purpose": "decision", "author": "Board secretary"}
    if item_id:
        data["item_id"] = str(item_id)
    return admin.post(f"/api/v1/meetings/{meeting_id}/papers", data=data, files={"file": (name, content)})


def _public_meeting(admin):
    meeting = schedule(admin, ICB, "2027-01-05", "2027-02-28")[0]
    admin.post(f"/api/v1/meetings/{meeting['id']}/agenda/build")
    item = admin.post(f"/api/v1/meetings/{meeting['id']}/agenda/items", json={
        "title": "Joint forward plan", "purpose": "decision"}).json()
    return meeting, item


def test_papers_are_checked_by_content_and_versioned(api):
    admin = api("admin")
    meeting, item = _public_meeting(admin)
    fake = _paper(admin, meeting["id"], "Not a PDF", b"hello, I am text", True, name="report.pdf")
    assert fake.status_code == 422 and "file" in fake.json()["errors"][0]["field"]
    word = _paper(admin, meeting["id"], "Briefing", docx(), True, item["id"], name="briefing.bin").json()
    assert word["kind"] == "docx"
    paper = _paper(admin, meeting["id"], "Forward plan", pdf_of(3), True, item["id"]).json()
    assert paper["kind"] == "pdf" and paper["pages"] == 3 and paper["current_version"] == 1
    second = admin.post(f"/api/v1/meetings/{meeting['id']}/papers/{paper['id']}/versions",
                        files={"file": ("plan-v2.pdf", pdf_of(4))}).json()
    assert second["current_version"] == 2 and second["pages"] == 4
    unknown_risk = admin.put(f"/api/v1/meetings/{meeting['id']}/papers/{paper['id']}", json={
        "version": second["version"], "title": "Forward plan", "linked_risks": ["NO-SUCH-RISK"]})
    assert unknown_risk.status_code == 422 and "linked_risks" in unknown_risk.text
    made_confidential = admin.put(f"/api/v1/meetings/{meeting['id']}/papers/{paper['id']}", json={
        "version": second["version"], "title": "Forward plan", "item_id": item["id"], "public": False,
        "recommendation": "Approve the plan"}).json()
    assert made_confidential["public"] is False and made_confidential["recommendation"] == "Approve the plan"
    stale = admin.put(f"/api/v1/meetings/{meeting['id']}/papers/{paper['id']}", json={
        "version": second["version"], "title": "Forward plan"})
    assert stale.status_code == 409
    assert paper["id"] not in {p["id"] for p in api().get(f"/api/v1/meetings/{meeting['id']}/papers").json()}


def test_public_page_shows_public_papers_and_approved_minutes_only(api, client):
    admin = api("admin")
    meeting, item = _public_meeting(admin)
    public = _paper(admin, meeting["id"], "Forward plan (public)", pdf_of(2), True, item["id"]).json()
    secret = _paper(admin, meeting["id"], "Contract negotiation (confidential)", pdf_of(2), False, item["id"]).json()
    admin.put(f"/api/v1/meetings/{meeting['id']}/agenda/items/{item['id']}/minute",
              json={"version": item["version"], "discussion": "Draft words not yet agreed"})
    page = client.get(f"/meetings/{meeting['id']}")
    assert page.status_code == 200 and "Forward plan (public)" in page.text and "Joint forward plan" in page.text
    assert "Contract negotiation" not in page.text and "Draft words not yet agreed" not in page.text
    assert client.get(f"/meetings/{meeting['id']}/papers/{secret['id']}/file").status_code == 404
    assert client.get(f"/meetings/{meeting['id']}/papers/{public['id']}/file").content.startswith(b"%PDF")
    assert api().get(f"/api/v1/meetings/{meeting['id']}/papers").json()[0]["id"] == public["id"]
    assert api("viewer").get(f"/api/v1/meetings/{meeting['id']}/papers/{secret['id']}/file").status_code == 403
    admin.post(f"/api/v1/meetings/{meeting['id']}/agenda/items/{item['id']}/decisions",
               json={"title": "Adopt the forward plan", "function": "health-plan"})
    assert len(admin.get(f"/api/v1/meetings/{meeting['id']}/decisions").json()) == 1
    assert "Adopt the forward plan" not in client.get(f"/meetings/{meeting['id']}").text
    anonymous = api()
    agenda = anonymous.get(f"/api/v1/meetings/{meeting['id']}/agenda").json()
    assert agenda and all(i["state"] == "accepted" and i["discussion"] is None for i in agenda)
    assert anonymous.get(f"/api/v1/meetings/{meeting['id']}/decisions").json() == []
    feed = client.get("/meetings/feed.atom").text
    assert "Forward plan (public)" in feed and "Contract negotiation" not in feed and "Draft words" not in feed
    # approved at the next meeting, the minutes are published
    second = admin.get("/api/v1/meetings", params={"body": ICB}).json()[1]
    version = admin.get(f"/api/v1/meetings/{meeting['id']}").json()["version"]
    admin.post(f"/api/v1/meetings/{meeting['id']}/minutes/approve",
               params={"at_meeting": second["id"], "version": version})
    published = client.get(f"/meetings/{meeting['id']}").text
    assert "Draft words not yet agreed" in published and "Adopt the forward plan" in published
    assert api().get(f"/api/v1/meetings/{meeting['id']}/decisions").json()[0]["delegation"] == "within"


def test_pack_merges_pdf_papers_and_the_public_pack_leaves_confidential_ones_out(api, client):
    admin = api("admin")
    meeting, item = _public_meeting(admin)
    _paper(admin, meeting["id"], "Forward plan", pdf_of(5), True, item["id"])
    _paper(admin, meeting["id"], "Confidential annex", pdf_of(7), False, item["id"])
    built = {p["audience"]: p for p in admin.post(f"/api/v1/meetings/{meeting['id']}/pack").json()}
    # public: cover and agenda, one cover sheet, five pages of paper; members: both papers and the reports
    assert built["members"]["pages"] - built["public"]["pages"] >= 7 + 1 + 1
    public_pdf = client.get(f"/meetings/{meeting['id']}/pack.pdf")
    reader = PdfReader(io.BytesIO(public_pdf.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Forward plan" in text and "Confidential annex" not in text and "Agenda" in text
    assert len(reader.pages) == built["public"]["pages"]
    agenda = reader.pages[1].extract_text()
    after = agenda[agenda.index("Joint forward plan"):]
    page = int(re.search(r"Not named\s*(\d+)", after).group(1))  # the agenda's page number for the item
    sheet = reader.pages[page - 1].extract_text()
    assert "Forward plan" in sheet and "Agenda item" in sheet and "Recommendation" in sheet
    assert f"Page {page} of {len(reader.pages)}" in sheet  # every page carries its number
    as_html = client.get(f"/meetings/{meeting['id']}/pack.html").text
    assert "Forward plan" in as_html and "Confidential annex" not in as_html
    assert "Escalated-risk report" not in as_html  # the reports are in the members' pack


def test_secretary_schedules_and_builds_from_the_pages(app, db, client, api):
    api("admin").post("/api/v1/risks", json={"title": "Scored 4 x 4", "current_impact": 4, "current_likelihood": 4})
    staff = login(client, "admin")
    form = staff.get("/meetings/schedule")
    refused = staff.post("/meetings/schedule", data={"csrf_token": csrf_of(form.text), "body": "", "first": "",
                                                     "until": ""})
    assert refused.status_code == 422 and "nhsuk-error-summary" in refused.text
    done = staff.post("/meetings/schedule", data={"csrf_token": csrf_of(form.text),
                                                  "body": "system-transformation-executive-board",
                                                  "first": "2027-01-12", "until": "2027-02-28"},
                      follow_redirects=False)
    assert done.status_code == 303
    page = staff.get(done.headers["location"])
    built = staff.post(done.headers["location"] + "/build-agenda", data={"csrf_token": csrf_of(page.text)})
    # the Executive Board ended on 31 March 2020: a meeting after that receives no escalated risks (the ICB board's
    # agenda takes them: test_meetings_api)
    assert built.status_code == 200 and "Risk escalated to this body" not in built.text
    assert "Agenda" in built.text


def test_the_programme_boards_pack_rolls_up_the_highlight_reports(api, client):
    pmo = api("pmo")
    base = "/api/v1/highlight-reports/system-commissioner/2027-01"
    pmo.post("/api/v1/highlight-reports", json={
        "project": "system-commissioner", "period": "2027-01", "rag_overall": "amber", "rag_schedule": "amber",
        "rag_resources": "green", "rag_risk": "red", "achievements": "Outline support secured",
        "next_steps": "Draft the application", "decisions_needed": "Agree the interim operating model"})
    assert pmo.post(f"{base}/submit", json={"version": 1}).status_code == 200
    # the project's group (the System Commissioner Steering Group) reports to the executive board
    board = schedule(api("admin"), "system-transformation-executive-board", "2027-02-12", "2027-02-28")[0]
    steering = schedule(api("admin"), "system-commissioner-steering-group", "2027-02-12", "2027-02-28")[0]
    for meeting in (board, steering):
        api("admin").post(f"/api/v1/meetings/{meeting['id']}/pack")
    staff = login(client, "admin")

    def members_pack(meeting_id):
        reader = PdfReader(io.BytesIO(staff.get(f"/meetings/{meeting_id}/pack.pdf").content))
        return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    text = members_pack(board["id"])
    assert "Highlight reports" in text and "January 2027" in text and "Agree the interim operating model" in text
    assert "No report submitted" in text  # the programme's other projects
    assert "Highlight reports" not in members_pack(steering["id"])


def test_declarations_reach_the_public_with_the_approved_minutes_not_before(api, client):
    admin = api("admin")
    meeting, item = _public_meeting(admin)
    made = admin.post(f"/api/v1/meetings/{meeting['id']}/declarations", json={
        "person_name": "A Member", "item_id": item["id"], "interest": "Director of a bidding provider",
        "action_taken": "withdrew"})
    assert made.status_code == 201, made.text
    url = f"/api/v1/meetings/{meeting['id']}/declarations"
    assert [d["interest"] for d in api("viewer").get(url).json()] == ["Director of a bidding provider"]
    assert api().get(url).json() == []
    assert "Director of a bidding provider" not in client.get(f"/meetings/{meeting['id']}").text
    second = admin.get("/api/v1/meetings", params={"body": ICB}).json()[1]
    version = admin.get(f"/api/v1/meetings/{meeting['id']}").json()["version"]
    approved = admin.post(f"/api/v1/meetings/{meeting['id']}/minutes/approve",
                          params={"at_meeting": second["id"], "version": version})
    assert approved.status_code == 200, approved.text
    assert [d["action_taken"] for d in api().get(url).json()] == ["withdrew"]
    assert "Director of a bidding provider" in client.get(f"/meetings/{meeting['id']}").text
