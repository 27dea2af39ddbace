"""The NHS error summary lists a form's problems in the order their fields appear on the page."""

from tests.conftest import csrf_of, login


def test_error_summary_follows_the_order_of_the_fields_on_the_page(client):
    """Key, title and baseline date, as the form shows them: not the schema's order (title, baseline date, key) nor
    the alphabet's (baseline date, key, title)."""
    login(client, "pmo")
    token = csrf_of(client.get("/programme/milestones/new").text)
    response = client.post("/programme/milestones/new", data={"csrf_token": token, "key": "not a key!", "title": "ab",
                                                               "baseline_date": "someday"})
    assert response.status_code == 422
    summary = response.text.split('nhsuk-error-summary__list"')[1].split("</ul>")[0]
    links = [part.split('"')[0] for part in summary.split('href="#')[1:]]
    assert links == ["key", "title", "baseline_date"]
