"""Pages of highlight reports: start, edit, submit, revise, the roll-up and the printable views; only editors act."""

from tests.conftest import csrf_of, login

FILLED = {"rag_overall": "amber", "rag_schedule": "green", "rag_resources": "green", "rag_risk": "red",
          "achievements": "Outline support from CCGs secured", "next_steps": "Draft the merger application"}
REPORT = "/programme/highlights/system-commissioner/2019-06"


def _start(client, **fields):
    form = client.get("/programme/highlights/new").text
    return client.post("/programme/highlights/new", data={"csrf_token": csrf_of(form), **fields},
                       follow_redirects=True)


def test_start_edit_submit_and_revise_through_pages(client):
    assert client.get("/programme/highlights", follow_redirects=False).status_code == 303
    login(client, "pmo")
    bad = _start(client, project="system-commissioner", period="June 2019", rag_overall="amber")
    assert bad.status_code == 422 and 'href="#period"' in bad.text and "YYYY-MM" in bad.text
    made = _start(client, project="system-commissioner", period="2019-06", rag_overall="amber",
                  linked_issues="NOPE")
    assert made.status_code == 422 and "the issues log has no NOPE" in made.text
    made = _start(client, project="system-commissioner", period="2019-06", rag_overall="amber")
    assert made.status_code == 200 and made.url.path == REPORT and "Draft" in made.text
    early = client.post(f"{REPORT}/submit", data={"csrf_token": csrf_of(made.text), "version": "1"})
    assert early.status_code == 422 and "Achievements this period must be given before" in early.text
    edit = client.get(f"{REPORT}/edit").text
    client.post(f"{REPORT}/edit", data={"csrf_token": csrf_of(edit), "version": "1", **FILLED})
    detail = client.get(REPORT).text
    assert "Outline support from CCGs secured" in detail and "Milestones as at 30 June 2019" in detail
    submitted = client.post(f"{REPORT}/submit", data={"csrf_token": csrf_of(detail), "version": "2"},
                            follow_redirects=True)
    assert "Submitted" in submitted.text and "Edit the draft" not in submitted.text
    locked = client.post(f"{REPORT}/edit", data={"csrf_token": csrf_of(edit), "version": "3", **FILLED})
    assert locked.status_code == 422 and "locked" in locked.text
    refused = client.post(f"{REPORT}/revise", data={"csrf_token": csrf_of(detail), "version": "3", "reason": ""})
    assert refused.status_code == 422 and 'href="#reason"' in refused.text
    revised = client.post(f"{REPORT}/revise", data={"csrf_token": csrf_of(detail), "version": "3",
                                                    "reason": "Board date moved"}, follow_redirects=True)
    assert "revision 2" in revised.text and "reopened because: Board date moved" in revised.text
    listed = client.get("/programme/highlights", params={"period": "2019-06"}).text
    assert "System Commissioner" in listed


def test_rollup_and_printable_views(client):
    login(client, "pmo")
    made = _start(client, project="system-commissioner", period="2019-06", **FILLED)
    client.post(f"{REPORT}/submit", data={"csrf_token": csrf_of(made.text), "version": "1"})
    rollup = client.get("/programme/highlights/rollup", params={"period": "2019-06"}).text
    assert "Highlight roll-up, June 2019" in rollup and "Revision 1" in rollup
    missing = rollup.split('id="missing"')[1].split("</ul>")[0]
    assert "West Kent ICP" in missing and "System Commissioner" not in missing
    assert "Outline support from CCGs secured" in rollup
    printed = client.get("/programme/highlights/rollup/print", params={"period": "2019-06"}).text
    assert "nhsuk-header" not in printed and "Outline support from CCGs secured" in printed
    report = client.get(f"{REPORT}/print").text
    assert "nhsuk-header" not in report and "Draft the merger application" in report
    assert client.get("/programme/highlights/rollup", params={"period": "2019-13"}).status_code == 422


def test_viewer_reads_but_cannot_act(client, api):
    api("pmo").post("/api/v1/highlight-reports", json={"project": "system-commissioner", "period": "2019-06"})
    login(client, "viewer")
    detail = client.get(REPORT)
    assert detail.status_code == 200 and "Edit the draft" not in detail.text and "Submit to" not in detail.text
    assert "Start a highlight report" not in client.get("/programme/highlights").text
    assert client.get("/programme/highlights/new").status_code == 403
    refused = client.post(f"{REPORT}/submit", data={"csrf_token": csrf_of(detail.text), "version": "1"})
    assert refused.status_code == 403
