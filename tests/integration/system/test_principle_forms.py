"""The principles register's page forms: a system editor adds a set, edits it, adds a principle and edits it; each
refusal shows the form again naming the field, a stale edit shows the conflict, every change is audited; others see
no buttons and are refused. On SQLite and PostgreSQL."""

from tests.conftest import csrf_of, login

DESIGN = "/principles/design-principles-2021"


def test_a_system_editor_adds_a_set_and_a_principle_through_the_forms(client):
    login(client, "editor")
    assert 'href="/principles/new">Add a principle set</a>' in client.get("/principles").text
    form = client.get("/principles/new")
    assert form.status_code == 200 and "<h1>Add a principle set</h1>" in form.text
    token = csrf_of(form.text)
    refused = client.post("/principles/new", data={"csrf_token": token, "key": "Bad Key", "kind": "wishes",
                                                   "title": "Ou"})
    assert refused.status_code == 422
    assert 'href="#key"' in refused.text and 'href="#title"' in refused.text and "Title " in refused.text
    assert 'value="Bad Key"' in refused.text  # what was typed is kept
    made = client.post("/principles/new", data={
        "csrf_token": token, "key": "board-values-2026", "kind": "partnership", "title": "Board values",
        "document_dated": "2026-01-05", "valid_from": "2026-01-05", "source_document": "005",
        "source_section": "2"}, follow_redirects=True)
    assert made.status_code == 200 and str(made.url).endswith("/principles/board-values-2026?saved=1")
    assert "<h1>Board values</h1>" in made.text and "Changes saved." in made.text
    assert 'href="/principles/board-values-2026/principles/new">Add a principle</a>' in made.text
    again = client.post("/principles/new", data={"csrf_token": token, "key": "board-values-2026",
                                                 "kind": "partnership", "title": "Board values"})
    assert again.status_code == 422 and "already exists" in again.text

    form = client.get("/principles/board-values-2026/principles/new")
    assert form.status_code == 200 and "<h1>Add a principle</h1>" in form.text
    empty = client.post("/principles/board-values-2026/principles/new", data={
        "csrf_token": token, "number": "1", "text": ""})
    assert empty.status_code == 422 and 'href="#text"' in empty.text and "Text " in empty.text
    added = client.post("/principles/board-values-2026/principles/new", data={
        "csrf_token": token, "number": "1", "name": "Open", "text": "We share what we know."}, follow_redirects=True)
    assert str(added.url).endswith("/principles/board-values-2026/1?saved=1")
    assert "Partnership principle 1: Open" in added.text and "We share what we know." in added.text
    twice = client.post("/principles/board-values-2026/principles/new", data={
        "csrf_token": token, "number": "1", "text": "Again, the same number."})
    assert twice.status_code == 422 and 'href="#number"' in twice.text and "used twice" in twice.text


def test_a_system_editor_edits_a_set_and_a_principle_and_a_stale_edit_shows_the_conflict(client, api):
    before = api().get("/api/v1/principle-sets/design-principles-2021").json()
    login(client, "editor")
    page = client.get(DESIGN).text
    assert f'href="{DESIGN}/edit">Edit this set</a>' in page
    form = client.get(f"{DESIGN}/edit")
    assert form.status_code == 200 and 'value="Design principles"' in form.text
    token = csrf_of(form.text)
    fields = {"csrf_token": token, "version": str(before["version"]), "title": "Design principles",
              "introduction": before["introduction"], "document_dated": "2021-06-30", "valid_from": "2021-06-30",
              "valid_to": "", "notes": "Agreed by the ICS Partnership Board."}
    emptied = client.post(f"{DESIGN}/edit", data=fields | {"title": ""})
    assert emptied.status_code == 422 and 'href="#title"' in emptied.text and "Title must not be empty" in emptied.text
    backwards = client.post(f"{DESIGN}/edit", data=fields | {"valid_to": "2020-01-01"})
    assert backwards.status_code == 422 and 'href="#valid_to"' in backwards.text
    saved = client.post(f"{DESIGN}/edit", data=fields, follow_redirects=True)
    assert str(saved.url).endswith(f"{DESIGN}?saved=1") and "Agreed by the ICS Partnership Board." in saved.text
    stale = client.post(f"{DESIGN}/edit", data=fields | {"notes": "An older draft."})
    assert stale.status_code == 409 and 'href="#version"' in stale.text and "An older draft." in stale.text
    history = api("editor").get("/api/v1/principle-sets/design-principles-2021/history").json()
    assert history[0]["changes"]["notes"] == [None, "Agreed by the ICS Partnership Board."]

    principle = api().get("/api/v1/principle-sets/design-principles-2021/principles/4").json()
    assert f'href="{DESIGN}/4/edit">Edit' in client.get(f"{DESIGN}/4").text
    form = client.get(f"{DESIGN}/4/edit")
    assert form.status_code == 200 and "<h1>Edit design principle 4</h1>" in form.text
    fields = {"csrf_token": token, "version": str(principle["version"]), "name": "Data driven",
              "text": principle["text"]}
    assert client.post(f"{DESIGN}/4/edit", data=fields | {"text": ""}).status_code == 422
    saved = client.post(f"{DESIGN}/4/edit", data=fields, follow_redirects=True)
    assert str(saved.url).endswith(f"{DESIGN}/4?saved=1") and "Design principle 4: Data driven" in saved.text
    stale = client.post(f"{DESIGN}/4/edit", data=fields | {"name": "Stale"})
    assert stale.status_code == 409 and 'href="#version"' in stale.text
    assert api().get("/api/v1/principle-sets/design-principles-2021/principles/4").json()["name"] == "Data driven"
    history = api("editor").get("/api/v1/principle-sets/design-principles-2021/principles/4").json()
    assert history["version"] == principle["version"] + 1
    assert "Data driven" in client.get(f"{DESIGN}/4").text  # the history on the page shows the change
    assert client.get(f"{DESIGN}/99/edit").status_code == 404


def test_others_see_no_buttons_and_are_refused(client):
    assert "Add a principle set" not in client.get("/principles").text
    assert "Edit this set" not in client.get(DESIGN).text
    assert client.get("/principles/new", follow_redirects=False).status_code in (303, 401)
    login(client, "viewer")
    assert "Edit this set" not in client.get(DESIGN).text and "Add a principle" not in client.get(DESIGN).text
    assert f'href="{DESIGN}/4/edit"' not in client.get(f"{DESIGN}/4").text
    assert client.get(f"{DESIGN}/edit").status_code == 403
    token = csrf_of(client.get("/principles").text)
    refused = client.post(f"{DESIGN}/4/edit", data={"csrf_token": token, "version": "1", "text": "Changed."})
    assert refused.status_code == 403
    login(client, "ek_editor")  # an editor of one place's records does not edit the system's principles
    assert client.get("/principles/new").status_code == 403
