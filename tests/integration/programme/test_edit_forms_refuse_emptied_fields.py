"""An edit form never keeps an old value when a required field is posted empty: it names the field instead."""

from tests.conftest import csrf_of, login
from tests.integration.programme.test_impact_api import PROPOSAL


def _post_emptied(client, path: str, field: str) -> str:
    form = client.get(path).text
    version = form.split('name="version" value="')[1].split('"')[0]
    response = client.post(path, data={"csrf_token": csrf_of(form), "version": version, field: "  "},
                           follow_redirects=False)
    assert response.status_code == 422, response.status_code
    return response.text


def test_benefit_and_impact_assessment_titles_cannot_be_emptied(client, api):
    benefit = api("viewer").get("/api/v1/benefits").json()["items"][0]
    made = api("pmo").post("/api/v1/impact-assessments", json=PROPOSAL).json()
    login(client, "pmo")
    assert "must not be empty" in _post_emptied(client, f"/programme/benefits/{benefit['key']}/edit", "title")
    assert api("viewer").get(f"/api/v1/benefits/{benefit['key']}").json()["title"] == benefit["title"]
    assert "must not be empty" in _post_emptied(client, f"/programme/impact-assessments/{made['key']}/edit", "title")
    assert api("viewer").get(f"/api/v1/impact-assessments/{made['key']}").json()["title"] == made["title"]
