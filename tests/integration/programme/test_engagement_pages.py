"""Engagement pages render from the Kent and Medway example; the map has its text alternatives; forms use CSRF."""

from datetime import date, timedelta

from tests.conftest import csrf_of, login

TODAY = date.today()


def test_pages_render_for_a_signed_in_viewer(client):
    login(client, "viewer")
    overview = client.get("/programme/engagement")
    assert overview.status_code == 200 and "Considered and accurate" in overview.text
    assert 'href="/programme"' in overview.text  # the "Programme" navigation entry
    audiences = client.get("/programme/engagement/audiences").text
    assert "8 audiences" in audiences and "Community and patient voice" in audiences
    stakeholders = client.get("/programme/engagement/stakeholders").text
    assert "16 stakeholders" in stakeholders and "Nominated PPAG representatives" in stakeholders
    assert "Not rated" in stakeholders and "/edit" not in stakeholders  # a viewer cannot rate
    plan = client.get("/programme/engagement/communications").text
    assert "18 communication tools" in plan and "Newsletters" in plan and "Not scheduled" in plan
    occurrences = client.get("/programme/engagement/occurrences").text
    # the example's monthly tools ran April 2019 to June 2022 (its assumption) and records none of them as done; the
    # programme closed on 30 June 2022, so they are not recorded rather than overdue
    assert "156 not recorded occurrences" in occurrences and "1 April 2019" in occurrences
    assert "Nothing is overdue." in occurrences and "The programme closed on 30 June 2022" in occurrences
    assert "0 overdue, 156 not recorded and 0 coming communications" in overview.text
    assert "Mark done" not in occurrences  # a viewer cannot mark one done


def test_the_map_is_an_svg_with_a_caption_summary_and_data_table(client, api):
    pmo = api("pmo")
    for key, influence, interest in [("kent-county-council", 5, 5), ("kent-and-medway-ccgs", 5, 4),
                                     ("virgin-healthcare", 1, 2)]:
        version = pmo.get(f"/api/v1/stakeholders/{key}").json()["version"]
        assert pmo.patch(f"/api/v1/stakeholders/{key}", json={"version": version, "influence": influence,
                                                              "interest": interest}).status_code == 200
    login(client, "viewer")
    page = client.get("/programme/engagement/stakeholders/map").text
    summary = ("3 of 16 stakeholders rated for influence and interest: 2 manage closely, 0 keep satisfied, "
               "0 keep informed, 1 monitor; 13 not yet rated.")
    assert "<svg" in page and page.count("<circle") == 3 and "<figcaption>" + summary in page
    assert 'id="map-data"' in page and page.count("Manage closely") >= 3
    filtered = client.get("/programme/engagement/stakeholders", params={"quadrant": "monitor"}).text
    assert "1 stakeholder to monitor" in filtered and "Virgin Healthcare" in filtered


def test_rating_a_stakeholder_through_the_form(client):
    login(client, "pmo")
    form = client.get("/programme/engagement/stakeholders/virgin-healthcare/edit")
    token = csrf_of(form.text)
    refused = client.post("/programme/engagement/stakeholders/virgin-healthcare/edit",
                          data={"version": "1", "influence": "4", "interest": "2"}, follow_redirects=False)
    assert refused.status_code == 403
    bad = client.post("/programme/engagement/stakeholders/virgin-healthcare/edit",
                      data={"csrf_token": token, "version": "1", "influence": "9", "interest": "2"})
    assert bad.status_code == 422 and "Influence" in bad.text and "nhsuk-error-summary" in bad.text
    saved = client.post("/programme/engagement/stakeholders/virgin-healthcare/edit",
                        data={"csrf_token": token, "version": "1", "influence": "4", "interest": "2"},
                        follow_redirects=False)
    assert saved.status_code == 303
    stale = client.post("/programme/engagement/stakeholders/virgin-healthcare/edit",
                        data={"csrf_token": token, "version": "1", "influence": "1", "interest": "1"})
    assert stale.status_code == 409
    assert "Keep satisfied" in client.get("/programme/engagement/stakeholders", params={"quadrant": "keep_satisfied"}).text


def test_mark_an_occurrence_done_from_the_page(client, api):
    start = TODAY - timedelta(days=7)
    made = api("pmo").post("/api/v1/communications", json={
        "tool": "Weekly staff brief", "frequency": "weekly", "responsible": "Comms lead",
        "starts_on": start.isoformat(), "ends_on": (start + timedelta(days=21)).isoformat()}).json()
    login(client, "editor")
    page = client.get("/programme/engagement/occurrences").text
    assert "157 not recorded occurrences" in page and "3 coming occurrences" in page  # with the example's 156
    first = str(api("pmo").get(f"/api/v1/communications/{made['key']}/occurrences").json()["items"][0]["id"])
    assert f'id="occurrence-{first}"' in page
    refused = client.post(f"/programme/engagement/occurrences/{first}/done", data={"version": "1"})
    assert refused.status_code == 403
    done = client.post(f"/programme/engagement/occurrences/{first}/done",
                       data={"csrf_token": csrf_of(page), "version": "1", "note": "Sent"}, follow_redirects=False)
    assert done.status_code == 303
    after = client.get(done.headers["location"]).text
    assert "Marked done." in after and "156 not recorded occurrences" in after and f'id="occurrence-{first}"' not in after
    again = client.post(f"/programme/engagement/occurrences/{first}/done",
                        data={"csrf_token": csrf_of(after), "version": "1"})
    assert again.status_code == 409 and "since you opened it" in again.text
    item = api("pmo").get("/api/v1/communication-occurrences", params={"done": True}).json()["items"][0]
    assert (item["done_by"], item["note"]) == ("editor", "Sent")


def test_you_said_we_did_page_shows_the_public_only_what_is_published(client, api):
    pmo = api("pmo")
    pmo.post("/api/v1/you-said-we-did", json={"you_said": "Publish board papers earlier", "we_did": "A week ahead",
                                              "published": True, "status": "done"})
    pmo.post("/api/v1/you-said-we-did", json={"you_said": "An internal draft response"})
    public = client.get("/programme/engagement/you-said-we-did")
    assert public.status_code == 200 and "Publish board papers earlier" in public.text
    assert "An internal draft response" not in public.text and "Only published entries" in public.text
    for internal_page in ("", "/audiences", "/stakeholders", "/stakeholders/map", "/communications", "/occurrences"):
        assert client.get(f"/programme/engagement{internal_page}", follow_redirects=False).status_code == 303
    login(client, "pmo")
    internal = client.get("/programme/engagement/you-said-we-did").text
    assert "An internal draft response" in internal and "Not published" in internal
    form = client.get("/programme/engagement/you-said-we-did/new").text
    bad = client.post("/programme/engagement/you-said-we-did/new", data={"csrf_token": csrf_of(form), "you_said": "x",
                                                                         "status": "open"})
    assert bad.status_code == 422 and "You said must be at least 3 characters" in bad.text
    saved = client.post("/programme/engagement/you-said-we-did/new",
                        data={"csrf_token": csrf_of(form), "you_said": "More evening events", "status": "in_progress",
                              "audience_key": "patients-and-public", "published": "true"}, follow_redirects=False)
    assert saved.status_code == 303
    client.cookies.clear()
    assert "More evening events" in client.get("/programme/engagement/you-said-we-did").text
