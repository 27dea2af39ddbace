"""Loading the example again (every `make run`) never deletes or overwrites what people created or changed."""

from caresystem.db import session_scope
from caresystem.example import load_example


def _reload(db) -> None:
    with session_scope(db.sessionmaker, actor="load-example") as session:
        load_example(session)


def test_reloading_keeps_peoples_rules_places_and_organisations(api, db):
    pmo, editor = api("pmo"), api("editor")
    rules_before = pmo.get("/api/v1/escalation-rules").json()
    made = pmo.post("/api/v1/escalation-rules", json={"min_score": 20, "body_key": "ics-nhs-body-board"})
    assert made.status_code == 201
    place = editor.get("/api/v1/places/east-kent").json()
    assert editor.patch("/api/v1/places/east-kent", json={"version": place["version"],
                                                           "description": "Our own words"}).status_code == 200
    org = editor.get("/api/v1/organisations/RVV").json()
    assert editor.patch("/api/v1/organisations/RVV", json={"version": org["version"],
                                                           "name": "Renamed by an editor"}).status_code == 200
    _reload(db)
    _reload(db)
    rules_after = pmo.get("/api/v1/escalation-rules").json()
    assert made.json()["id"] in {r["id"] for r in rules_after}
    assert len(rules_after) == len(rules_before) + 1
    assert editor.get("/api/v1/places/east-kent").json()["description"] == "Our own words"
    assert editor.get("/api/v1/organisations/RVV").json()["name"] == "Renamed by an editor"


def test_reloading_an_untouched_example_changes_nothing(api, db):
    before = api("admin").get("/api/v1/organisations/RVV").json()
    _reload(db)
    after = api("admin").get("/api/v1/organisations/RVV").json()
    assert after["version"] == before["version"] and after["name"] == before["name"]
