"""Plan files through the API, the pages and the CLI: import with a dry run, upload -> preview -> confirm, exports
read back with MPXJ and openpyxl, and the milestone calendar feeds parsed with icalendar."""

import io

from icalendar import Calendar
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from caresystem.cli.app import app as cli
from caresystem.programme.plan.interchange import project_files
from tests.conftest import csrf_of, login
from tests.integration.programme.plan_files import mspdi_plan

FILE = {"file": ("plan.xml", mspdi_plan(), "application/xml")}


def test_api_dry_run_previews_and_import_applies(api):
    pmo = api("pmo")
    dry = pmo.post("/api/v1/plan/import", params={"dry_run": "true"}, files=FILE)
    assert dry.status_code == 200, dry.text
    body = dry.json()
    assert body["applied"] is False and body["counts"]["milestone"]["created"] == 3
    assert body["unmatched_owners"] == ["Nobody We Know"] and body["problems"] == []
    assert pmo.get("/api/v1/milestones", params={"q": "Viewer live"}).json()["total"] == 0
    done = pmo.post("/api/v1/plan/import", files=FILE).json()
    assert done["applied"] is True
    assert pmo.get("/api/v1/milestones", params={"q": "Viewer live"}).json()["total"] == 1
    again = pmo.post("/api/v1/plan/import", files=FILE).json()
    assert {a: n for kind in again["counts"].values() for a, n in kind.items() if n and a != "unchanged"} == {}
    assert api("viewer").post("/api/v1/plan/import", files=FILE).status_code == 403


def test_api_refuses_a_bad_file_with_problems_by_task_and_field(api):
    bad = mspdi_plan().replace(b"<Name>Programme closed</Name>", b"<Name>X</Name>")
    response = api("pmo").post("/api/v1/plan/import", files={"file": ("plan.xml", bad, "application/xml")})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "task 7, name", "message": "must be at least 3 "
                                                                              "characters"}]
    garbage = api("pmo").post("/api/v1/plan/import", files={"file": ("plan.mpp", b"\x00\x01 not a plan", "x")})
    assert garbage.status_code == 422 and garbage.json()["errors"][0]["field"] == "file"


def test_a_spreadsheet_plan_with_two_bad_rows_reports_both(api):
    book = Workbook()
    for row in (["Name", "Type", "Forecast finish"], ["Urgent care redesign", "project", "next week"],
                ["Another thing", "gizmo", "31/03/2027"]):
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    before = api("pmo").get("/api/v1/milestones").json()["total"]
    response = api("pmo").post("/api/v1/plan/import", files={"file": ("plan.xlsx", buffer.getvalue(), "x")})
    assert response.status_code == 422
    fields = [e["field"] for e in response.json()["errors"]]
    assert "row 2, forecast finish" in fields and "task 2, type" in fields
    assert api("pmo").get("/api/v1/milestones").json()["total"] == before


def test_exports_read_back(api):
    viewer = api("viewer")
    xml = viewer.get("/api/v1/plan/export.xml")
    assert xml.status_code == 200 and xml.headers["content-type"].startswith("application/vnd.ms-project+xml")
    plan = project_files.read(xml.content)
    milestones = [t for t in plan.tasks if t.type == "milestone"]
    assert len(milestones) == 17 and all(t.milestone for t in milestones), "flagged as milestones"
    projects = [t for t in plan.tasks if t.type == "project"]
    assert projects and all(t.outline_level == 1 for t in projects)
    sheet = load_workbook(io.BytesIO(viewer.get("/api/v1/plan/export.xlsx").content)).active
    headings = [c.value for c in sheet[1]]
    assert headings[:5] == ["ID", "Unique ID", "Outline level", "WBS", "Name"] and "Predecessors" in headings
    assert sheet.max_row - 1 == len(plan.tasks)
    assert api().get("/api/v1/plan/export.xml").status_code == 401


def test_milestone_feeds_parse_with_stable_uids_and_rising_sequence(api):
    pmo = api("pmo")
    made = pmo.post("/api/v1/milestones", json={"title": "Feed test milestone", "owner": "Glenn Douglas",
                                                "baseline_date": "2027-06-30"}).json()
    feed = Calendar.from_ical(pmo.get("/api/v1/plan/milestones.ics").content)
    events = {str(e["uid"]): e for e in feed.walk("VEVENT")}
    uid = f"milestone-{made['key']}@system-transformation.caresystem"
    assert uid in events and len(events) == 18 and all("dtstamp" in e for e in events.values())
    assert int(events[uid]["sequence"]) == 0 and events[uid].decoded("dtstart").isoformat() == "2027-06-30"
    pmo.patch(f"/api/v1/milestones/{made['key']}", json={"version": 1, "forecast_date": "2027-07-14"})
    mine = Calendar.from_ical(pmo.get("/api/v1/plan/milestones.ics", params={"owner": "glenn douglas"}).content)
    [event] = mine.walk("VEVENT")
    assert str(event["uid"]) == uid and int(event["sequence"]) == 1
    assert event.decoded("dtstart").isoformat() == "2027-07-14" and "Glenn Douglas" in str(event["description"])
    assert api().get("/api/v1/plan/milestones.ics").status_code == 401


def test_pages_upload_preview_and_confirm(client):
    login(client, "pmo")
    form = client.get("/programme/plan/import")
    assert form.status_code == 200 and 'enctype="multipart/form-data"' in form.text
    preview = client.post("/programme/plan/import", data={"csrf_token": csrf_of(form.text)}, files=FILE)
    assert preview.status_code == 200 and "Nothing has been saved yet" in preview.text
    assert "Viewer live in general practice" in preview.text and "Nobody We Know" in preview.text
    token = preview.text.split('name="token" value="')[1].split('"')[0]
    assert "Viewer live in general practice" not in client.get("/programme/milestones", params={"q": "Viewer"}).text
    done = client.post("/programme/plan/import/confirm", data={"csrf_token": csrf_of(preview.text), "token": token},
                       follow_redirects=False)
    assert done.status_code == 303 and "created=" in done.headers["location"]
    assert "Plan imported" in client.get(done.headers["location"]).text
    assert "Viewer live in general practice" in client.get("/programme/milestones", params={"q": "Viewer"}).text
    used = client.post("/programme/plan/import/confirm", data={"csrf_token": csrf_of(preview.text), "token": token})
    assert used.status_code == 404
    no_csrf = client.post("/programme/plan/import", files=FILE)
    assert no_csrf.status_code == 403


def test_pages_refuse_a_confirm_after_the_plan_changed(client, api):
    login(client, "pmo")
    form = client.get("/programme/plan/import")
    preview = client.post("/programme/plan/import", data={"csrf_token": csrf_of(form.text)}, files=FILE)
    token = preview.text.split('name="token" value="')[1].split('"')[0]
    key = api("pmo").get("/api/v1/milestones").json()["items"][0]["key"]
    api("pmo").patch(f"/api/v1/milestones/{key}", json={"version": 1, "notes": "Changed meanwhile"})
    refused = client.post("/programme/plan/import/confirm", data={"csrf_token": csrf_of(preview.text),
                                                                  "token": token})
    assert refused.status_code == 409 and "changed since this import was previewed" in refused.text
    assert api("pmo").get("/api/v1/milestones", params={"q": "Viewer live"}).json()["total"] == 0


def test_pages_show_a_bad_file_in_the_error_summary(client):
    login(client, "pmo")
    form = client.get("/programme/plan/import")
    bad = client.post("/programme/plan/import", data={"csrf_token": csrf_of(form.text)},
                      files={"file": ("plan.xml", b"<Project><Unclosed></Project>", "application/xml")})
    assert bad.status_code == 422 and "There is a problem" in bad.text and "not well-formed XML" in bad.text


def test_cli_imports_with_a_dry_run_and_exports(db, tmp_path):
    plan = tmp_path / "plan.xml"
    plan.write_bytes(mspdi_plan())
    runner = CliRunner(env={"CARESYSTEM_DATABASE_URL": db.url})
    dry = runner.invoke(cli, ["plan", "import", str(plan), "--programme", "system-transformation", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Would import" in dry.output and "milestone: 3 created" in dry.output
    done = runner.invoke(cli, ["plan", "import", str(plan), "--programme", "system-transformation"])
    assert done.exit_code == 0 and "milestone: 3 created" in done.output
    again = runner.invoke(cli, ["plan", "import", str(plan)])
    assert "milestone: 0 created, 0 updated, 3 unchanged" in again.output
    out = tmp_path / "out.xml"
    exported = runner.invoke(cli, ["plan", "export", "--programme", "system-transformation", "--format", "mspdi",
                                   "-o", str(out)])
    names = {t.name for t in project_files.read(out.read_bytes()).tasks}
    assert exported.exit_code == 0 and "Viewer live in general practice" in names
    sheet = tmp_path / "out.xlsx"
    assert runner.invoke(cli, ["plan", "export", "--format", "xlsx", "-o", str(sheet)]).exit_code == 0
    back = runner.invoke(cli, ["plan", "import", str(sheet), "--dry-run"])
    assert back.exit_code == 0 and "milestone: 0 created, 0 updated, 20 unchanged" in back.output, back.output
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><Project>&a;</Project>")
    refused = runner.invoke(cli, ["plan", "import", str(bad)])
    assert refused.exit_code == 2 and "document type declaration" in refused.output
