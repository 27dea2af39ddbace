"""Impact assessments through the API: ratings on the programme's domains and the equality groups, the suggested
outcome, an outcome set by a person with sign-off, 409 on stale writes, soft delete and authorisation."""

from caresystem.programme.core.service import get_programme
from caresystem.programme.impact import service

DOMAINS = ["safety", "effectiveness", "experience", "other-impacts", "equality-and-diversity", "prevention"]
NEUTRAL = {d: {"rating": "neutral"} for d in DOMAINS}
GROUPS = ["age", "disability", "gender-reassignment", "marriage-and-civil-partnership", "pregnancy-and-maternity",
          "race", "religion-or-belief", "sex", "sexual-orientation", "deprivation", "carers", "rural-communities"]
ALL_NEUTRAL = {g: {"rating": "neutral"} for g in GROUPS}
PROPOSAL = {"title": "Move the stroke rehabilitation service to three hubs", "owner": "Director of Strategy",
            "assessed_on": "2024-05-01"}


def test_domains_are_the_kent_and_medway_six(api):
    domains = api("viewer").get("/api/v1/impact-domains").json()
    assert [d["key"] for d in domains] == DOMAINS
    assert domains[0]["description"] == "Rating the impact of the proposal on patient safety"


def test_suggestion_outcome_and_sign_off(api):
    pmo = api("pmo")
    made = pmo.post("/api/v1/impact-assessments", json=PROPOSAL | {"domains": {"safety": {
        "rating": "positive", "narrative": "Specialist staff in one place"}}})
    assert made.status_code == 201, made.text
    made = made.json()
    assert made["key"] == "IA001" and made["outcome"] is None
    assert [d["rating"] for d in made["domains"]] == ["positive", None, None, None, None, None]
    assert made["suggested_outcome"] == "full_equality_impact_assessment"  # no group rated yet
    assert len(made["equality"]) == 12 and made["equality"][0]["name"] == "Age"

    rural = pmo.patch(f"/api/v1/impact-assessments/{made['key']}", json={
        "version": made["version"], "domains": NEUTRAL,
        "equality": ALL_NEUTRAL | {"rural-communities": {"rating": "negative", "narrative": "Longer journeys"}}}).json()
    assert rural["suggested_outcome"] == "full_equality_impact_assessment"
    assert rural["suggestion_reasons"] == ["Negative equality impact: rural communities."]

    unsigned = pmo.patch(f"/api/v1/impact-assessments/{made['key']}", json={
        "version": rural["version"], "outcome": "full_equality_impact_assessment"})
    assert {e["field"] for e in unsigned.json()["errors"]} == {"signed_off_by", "signed_off_on"}
    departs = pmo.patch(f"/api/v1/impact-assessments/{made['key']}", json={
        "version": rural["version"], "outcome": "proceed", "signed_off_by": "Jo Bloggs", "signed_off_on": "2024-05-10"})
    assert [e["field"] for e in departs.json()["errors"]] == ["outcome_rationale"]
    signed = pmo.patch(f"/api/v1/impact-assessments/{made['key']}", json={
        "version": rural["version"], "outcome": "full_equality_impact_assessment", "signed_off_by": "Jo Bloggs",
        "signed_off_on": "2024-05-10", "mitigations": "Transport scheme"})
    assert signed.status_code == 200 and signed.json()["signed_off_by"] == "Jo Bloggs"
    stale = pmo.patch(f"/api/v1/impact-assessments/{made['key']}", json={"version": rural["version"], "owner": "x"})
    assert stale.status_code == 409
    history = pmo.get(f"/api/v1/impact-assessments/{made['key']}/history").json()
    assert any("outcome" in h["changes"] for h in history)


def test_harm_to_patients_suggests_consultation(api):
    made = api("editor").post("/api/v1/impact-assessments", json=PROPOSAL | {
        "domains": NEUTRAL | {"safety": {"rating": "negative"}}, "equality": ALL_NEUTRAL}).json()
    assert made["suggested_outcome"] == "public_consultation"
    listed = api("viewer").get("/api/v1/impact-assessments", params={"outcome": "none"}).json()
    assert [a["key"] for a in listed["items"]] == [made["key"]]


def test_outcome_needs_every_domain_rated(api):
    bad = api("pmo").post("/api/v1/impact-assessments", json=PROPOSAL | {
        "domains": {"safety": {"rating": "neutral"}}, "equality": ALL_NEUTRAL, "outcome": "proceed",
        "signed_off_by": "Jo", "signed_off_on": "2024-05-10"})
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {f"domains.{d}" for d in DOMAINS[1:]}


def test_bad_ratings_name_the_field(api):
    bad = api("pmo").post("/api/v1/impact-assessments", json=PROPOSAL | {
        "domains": {"galaxy": {"rating": "neutral"}, "safety": {"rating": "terrible"}},
        "equality": {"height": {"rating": "neutral"}}, "outcome": "maybe"})
    assert {e["field"] for e in bad.json()["errors"]} == {"domains.galaxy", "domains.safety.rating",
                                                          "equality.height", "outcome"}
    signed_without_outcome = api("pmo").post("/api/v1/impact-assessments", json=PROPOSAL | {"signed_off_by": "Jo"})
    assert signed_without_outcome.json()["errors"][0]["field"] == "signed_off_by"


def test_delete_is_soft_and_authorised(api, db):
    pmo = api("pmo")
    assert api().get("/api/v1/impact-assessments").status_code == 401
    assert api("viewer").post("/api/v1/impact-assessments", json=PROPOSAL).status_code == 403
    made = pmo.post("/api/v1/impact-assessments", json=PROPOSAL).json()
    assert api("viewer").delete(f"/api/v1/impact-assessments/{made['key']}",
                                params={"version": made["version"]}).status_code == 403
    assert pmo.delete(f"/api/v1/impact-assessments/{made['key']}", params={"version": 9}).status_code == 409
    assert pmo.delete(f"/api/v1/impact-assessments/{made['key']}",
                      params={"version": made["version"]}).status_code == 204
    assert pmo.get(f"/api/v1/impact-assessments/{made['key']}").status_code == 404
    assert pmo.get("/api/v1/impact-assessments").json()["total"] == 0
    again = pmo.post("/api/v1/impact-assessments", json=PROPOSAL | {"owner": "Jo Bloggs"}).json()
    assert again["key"] == "IA002"
    with db.session() as session:
        assert [(i.kind, i.reference) for i in service.items_owned_by(session, "jo bloggs ")] == [
            ("impact assessment", "IA002")]
        assert len(service.domains_of(session, get_programme(session))) == 6
