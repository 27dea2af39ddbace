"""The forms of projects, workstreams and resource lines: add then edit, field errors, stale versions, viewers."""

from tests.conftest import csrf_of, login

STALE = "since you opened it"


def _post(client, path: str, data: dict):
    token = csrf_of(client.get(path).text)
    return client.post(path, data={"csrf_token": token, **data}, follow_redirects=False)


def test_project_added_then_edited_through_the_form(client):
    login(client, "pmo")
    plan = client.get("/programme/plan").text
    assert 'href="/programme/projects/new"' in plan and 'href="/programme/projects/dgs-icp/edit"' in plan
    form = client.get("/programme/projects/new").text
    assert 'for="senior_sponsor"' in form and 'name="objectives"' in form and 'name="version"' not in form
    bad = _post(client, "/programme/projects/new", {"level": "pcn", "senior_sponsor": "A Sponsor"})
    assert bad.status_code == 422 and '<a href="#name">Name is required</a>' in bad.text
    assert 'value="A Sponsor"' in bad.text  # what the user typed is kept
    made = _post(client, "/programme/projects/new", {
        "key": "frailty", "name": "Frailty pathway", "level": "icp", "senior_sponsor": "A Sponsor",
        "icp_gp_lead": "Dr Lead"})
    assert made.status_code == 303 and made.headers["location"] == "/programme/plan#project-frailty"
    assert "Frailty pathway" in client.get("/programme/plan").text
    edit = client.get("/programme/projects/frailty/edit").text
    assert 'name="version" value="1"' in edit and 'value="Dr Lead"' in edit
    saved = client.post("/programme/projects/frailty/edit", data={
        "csrf_token": csrf_of(edit), "version": "1", "name": "Frailty pathway", "level": "pcn",
        "senior_sponsor": "", "non_executive_lead": "A Non-exec"}, follow_redirects=False)
    assert saved.status_code == 303
    after = client.get("/programme/projects/frailty/edit").text
    assert 'name="version" value="2"' in after and 'value="A Sponsor"' not in after
    history = after.split('id="history"')[1]
    assert "level</strong>: icp → pcn" in history and "senior sponsor</strong>: A Sponsor → (empty)" in history
    emptied = client.post("/programme/projects/frailty/edit", data={
        "csrf_token": csrf_of(after), "version": "2", "name": " ", "level": "pcn"})
    assert emptied.status_code == 422 and "Name must not be empty" in emptied.text
    stale = client.post("/programme/projects/frailty/edit", data={
        "csrf_token": csrf_of(edit), "version": "1", "name": "Frailty", "icp_gp_lead": "Dr Other"})
    assert stale.status_code == 409 and STALE in stale.text and 'value="Dr Other"' in stale.text


def test_workstream_added_then_edited_through_the_form(client):
    login(client, "editor")
    made = _post(client, "/programme/workstreams/new", {"name": "Digital", "lead": "CIO", "levels": ["ics", "pcn"]})
    assert made.status_code == 303
    key = made.headers["location"].split("#workstream-")[1]
    plan = client.get("/programme/plan").text
    assert f'href="/programme/workstreams/{key}/edit"' in plan and "Digital" in plan
    edit = client.get(f"/programme/workstreams/{key}/edit").text
    assert 'id="levels-ics" name="levels" type="checkbox" value="ics" checked' in edit
    short = client.post(f"/programme/workstreams/{key}/edit", data={
        "csrf_token": csrf_of(edit), "version": "1", "name": "Dg", "lead": "CIO"})
    assert short.status_code == 422 and '<a href="#name">Name must be at least 3 characters</a>' in short.text
    saved = client.post(f"/programme/workstreams/{key}/edit", data={
        "csrf_token": csrf_of(edit), "version": "1", "name": "Digital and data", "lead": "CIO", "levels": ["icp"]},
        follow_redirects=False)
    assert saved.status_code == 303
    history = client.get(f"/programme/workstreams/{key}/edit").text.split('id="history"')[1]
    assert "name</strong>: Digital → Digital and data" in history
    stale = client.post(f"/programme/workstreams/{key}/edit", data={
        "csrf_token": csrf_of(edit), "version": "1", "name": "Digital again", "levels": ["ics"]})
    assert stale.status_code == 409 and STALE in stale.text and 'value="Digital again"' in stale.text


def test_resource_line_added_then_edited_through_the_form(client):
    login(client, "pmo")
    assert 'href="/programme/resources/new"' in client.get("/programme/resources").text
    form = client.get("/programme/resources/new").text
    assert '<option value="existing"' in form and '<option value="8a"' in form
    bad = _post(client, "/programme/resources/new", {"role": "Analyst", "wte": "half", "band": "6"})
    assert bad.status_code == 422 and '<a href="#wte">WTE must be a number</a>' in bad.text
    made = _post(client, "/programme/resources/new", {
        "key": "analyst", "role": "Analyst", "wte": "0.5", "band": "6", "additional": "true",
        "source_organisation_text": "Kent CCGs", "projects": ["dgs-icp"]})
    assert made.status_code == 303 and made.headers["location"] == "/programme/resources#analyst"
    assert 'href="/programme/resources/analyst/edit"' in client.get("/programme/resources").text
    edit = client.get("/programme/resources/analyst/edit").text
    assert 'value="0.5"' in edit and '<option value="true" selected' in edit
    band = client.post("/programme/resources/analyst/edit", data={
        "csrf_token": csrf_of(edit), "version": "1", "role": "Analyst", "wte": "0.5", "band": "99"})
    assert band.status_code == 422 and '<a href="#band">Band must be one of' in band.text
    saved = client.post("/programme/resources/analyst/edit", data={
        "csrf_token": csrf_of(edit), "version": "1", "role": "Analyst", "wte": "1", "band": "existing",
        "additional": "false", "projects": ["dgs-icp"]}, follow_redirects=False)
    assert saved.status_code == 303
    history = client.get("/programme/resources/analyst/edit").text.split('id="history"')[1]
    assert "wte</strong>: 0.5 → 1.0" in history and "band</strong>: 6 → existing" in history
    stale = client.post("/programme/resources/analyst/edit", data={
        "csrf_token": csrf_of(edit), "version": "1", "role": "Senior analyst", "wte": "2"})
    assert stale.status_code == 409 and STALE in stale.text and 'value="Senior analyst"' in stale.text


def test_a_viewer_sees_no_links_and_is_refused(client):
    login(client, "viewer")
    assert "/edit" not in client.get("/programme/plan").text
    assert "/programme/resources/new" not in client.get("/programme/resources").text
    for path in ("/programme/projects/new", "/programme/workstreams/new", "/programme/resources/new",
                 "/programme/projects/dgs-icp/edit"):
        refused = client.get(path)
        assert refused.status_code == 403 and "may not edit programme" in refused.text, path
    token = csrf_of(client.get("/programme/plan").text)  # the sign-out form's
    for path, data in (("/programme/projects/new", {"name": "Not allowed"}),
                       ("/programme/workstreams/new", {"name": "Not allowed"}),
                       ("/programme/resources/new", {"role": "Not allowed"}),
                       ("/programme/projects/dgs-icp/edit", {"version": "1", "name": "Not allowed"})):
        posted = client.post(path, data={"csrf_token": token, **data})
        assert posted.status_code == 403 and "may not edit programme" in posted.text, path
