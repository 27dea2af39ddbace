"""The forms of audiences and communication tools: add then edit, field errors, stale versions, viewers."""

from datetime import date, timedelta

from tests.conftest import csrf_of, login

BASE = "/programme/engagement"
STALE = "since you opened it"
START = date.today() + timedelta(days=7)


def _post(client, path: str, data: dict):
    token = csrf_of(client.get(path).text)
    return client.post(path, data={"csrf_token": token, **data}, follow_redirects=False)


def test_audience_added_then_edited_through_the_form(client):
    login(client, "pmo")
    page = client.get(f"{BASE}/audiences").text
    assert f'href="{BASE}/audiences/new"' in page and f'href="{BASE}/audiences/patients-and-public/edit"' in page
    bad = _post(client, f"{BASE}/audiences/new", {"rationale": "They see the system whole."})
    assert bad.status_code == 422 and '<a href="#name">Name is required</a>' in bad.text
    assert "They see the system whole." in bad.text  # what the user typed is kept
    made = _post(client, f"{BASE}/audiences/new", {"name": "Carers", "rationale": "They see the system whole."})
    assert made.status_code == 303 and made.headers["location"] == f"{BASE}/audiences#carers"
    assert 'id="carers"' in client.get(f"{BASE}/audiences").text
    edit = client.get(f"{BASE}/audiences/carers/edit").text
    assert 'name="version" value="1"' in edit
    emptied = client.post(f"{BASE}/audiences/carers/edit", data={"csrf_token": csrf_of(edit), "version": "1",
                                                                  "name": "C"})
    assert emptied.status_code == 422 and '<a href="#name">Name must be at least 2 characters</a>' in emptied.text
    saved = client.post(f"{BASE}/audiences/carers/edit", data={
        "csrf_token": csrf_of(edit), "version": "1", "name": "Unpaid carers", "rationale": "",
        "includes": "young carers"}, follow_redirects=False)
    assert saved.status_code == 303
    history = client.get(f"{BASE}/audiences/carers/edit").text.split('id="history"')[1]
    assert "name</strong>: Carers → Unpaid carers" in history
    assert "rationale</strong>: They see the system whole. → (empty)" in history
    stale = client.post(f"{BASE}/audiences/carers/edit", data={"csrf_token": csrf_of(edit), "version": "1",
                                                                "name": "Family carers"})
    assert stale.status_code == 409 and STALE in stale.text and 'value="Family carers"' in stale.text


def test_communication_added_then_edited_through_the_form(client, api):
    login(client, "editor")
    assert f'href="{BASE}/communications/new"' in client.get(f"{BASE}/communications").text
    form = client.get(f"{BASE}/communications/new").text
    assert '<option value="tbc" selected' in form and 'name="audience_keys"' in form
    bad = _post(client, f"{BASE}/communications/new", {
        "tool": "Carers bulletin", "frequency": "monthly", "starts_on": START.isoformat(), "ends_on": "soon"})
    assert bad.status_code == 422 and '<a href="#ends_on">End date must be a real date like' in bad.text
    made = _post(client, f"{BASE}/communications/new", {
        "key": "carers-bulletin", "tool": "Carers bulletin", "frequency": "monthly", "category": "potential_new",
        "responsible": "Comms lead", "audience_keys": ["patients-and-public"], "starts_on": START.isoformat(),
        "ends_on": (START + timedelta(days=70)).isoformat()})
    assert made.status_code == 303 and made.headers["location"] == f"{BASE}/communications#carers-bulletin"
    assert api("pmo").get("/api/v1/communications/carers-bulletin/occurrences").json()["total"] == 3
    edit = client.get(f"{BASE}/communications/carers-bulletin/edit").text
    assert 'value="patients-and-public" checked' in edit and '<option value="monthly" selected' in edit
    backwards = client.post(f"{BASE}/communications/carers-bulletin/edit", data={
        "csrf_token": csrf_of(edit), "version": "1", "tool": "Carers bulletin", "frequency": "monthly",
        "starts_on": START.isoformat(), "ends_on": (START - timedelta(days=1)).isoformat()})
    assert backwards.status_code == 422 and "End date must be on or after the start date" in backwards.text
    saved = client.post(f"{BASE}/communications/carers-bulletin/edit", data={
        "csrf_token": csrf_of(edit), "version": "1", "tool": "Carers bulletin", "frequency": "fortnightly",
        "responsible": "Carers lead", "category": "", "starts_on": START.isoformat(),
        "ends_on": (START + timedelta(days=70)).isoformat()}, follow_redirects=False)
    assert saved.status_code == 303
    history = client.get(f"{BASE}/communications/carers-bulletin/edit").text.split('id="history"')[1]
    assert "frequency</strong>: monthly → fortnightly" in history
    assert "responsible</strong>: Comms lead → Carers lead" in history
    read = api("pmo").get("/api/v1/communications/carers-bulletin").json()
    assert read["audience_keys"] == [] and read["category"] is None  # unticked and emptied on the form
    stale = client.post(f"{BASE}/communications/carers-bulletin/edit", data={
        "csrf_token": csrf_of(edit), "version": "1", "tool": "Carers e-bulletin", "frequency": "weekly"})
    assert stale.status_code == 409 and STALE in stale.text and "Carers e-bulletin" in stale.text


def test_a_viewer_sees_no_links_and_is_refused(client):
    login(client, "viewer")
    assert "/edit" not in client.get(f"{BASE}/audiences").text
    assert "/communications/new" not in client.get(f"{BASE}/communications").text
    for path in (f"{BASE}/audiences/new", f"{BASE}/audiences/patients-and-public/edit",
                 f"{BASE}/communications/new", f"{BASE}/communications/newsletters/edit"):
        refused = client.get(path)
        assert refused.status_code == 403 and "may not edit programme" in refused.text, path
    token = csrf_of(client.get(f"{BASE}/audiences").text)  # the sign-out form's
    for path, data in ((f"{BASE}/audiences/new", {"name": "Not allowed"}),
                       (f"{BASE}/audiences/patients-and-public/edit", {"version": "1", "name": "Not allowed"}),
                       (f"{BASE}/communications/new", {"tool": "Not allowed"}),
                       (f"{BASE}/communications/newsletters/edit", {"version": "1", "tool": "Not allowed"})):
        posted = client.post(path, data={"csrf_token": token, **data})
        assert posted.status_code == 403 and "may not edit programme" in posted.text, path
