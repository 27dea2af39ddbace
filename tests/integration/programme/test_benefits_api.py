"""The benefits API: status computed against the trajectory, actuals, 409 on stale writes, authorisation, export,
escalation of benefits off track to governance bodies, the tolerance, the dashboard summary and "my items"."""

import csv
import io
from datetime import date

from openpyxl import load_workbook

from caresystem.programme.benefits import service
from caresystem.programme.benefits.models import BenefitEscalationRule
from caresystem.programme.core.service import get_programme

BOARD = "ics-nhs-body-board"
PMO_GROUP = "clinical-and-professional-forum"
ENDED = "system-transformation-executive-board"  # ended on 31 March 2020
# 0 -> 100 over 2024 with a point at mid-year: the expected value on 2024-07-01 is 50.
BENEFIT = {"title": "Fewer emergency admissions avoided", "objective": "improve-quality-and-outcomes",
           "beneficiaries": ["Patients"], "type": "non_cash_releasing", "owner": "Director of Strategy",
           "measure": {"name": "Admissions avoided", "unit": "admissions", "direction": "increase"},
           "baseline_value": 0, "baseline_date": "2024-01-01", "target_value": 100, "target_date": "2025-01-01",
           "trajectory": [{"date": "2024-07-01", "value": 50}]}


def _create(client, **changes):
    response = client.post("/api/v1/benefits", json=BENEFIT | changes)
    assert response.status_code == 201, response.text
    return response.json()


def _add_rules(db, *rules):
    with db.session() as session:
        programme = get_programme(session)
        session.add_all(BenefitEscalationRule(programme_id=programme.id, condition=c, body_key=b) for c, b in rules)
        session.commit()


def test_status_follows_the_actuals_against_the_trajectory(api):
    pmo = api("pmo")
    made = _create(pmo)
    assert (made["key"], made["status"], made["status_label"]) == ("B008", "no_data", "No data")
    assert "5%" in made["rule"] and made["measure"]["source"] == "manual"
    on = pmo.post(f"/api/v1/benefits/{made['key']}/actuals", json={"date": "2024-07-01", "value": 48}).json()
    assert (on["status"], on["expected"], on["shortfall"]) == ("on_track", 50, 2)
    risky = pmo.post(f"/api/v1/benefits/{made['key']}/actuals", json={"date": "2024-07-02", "value": 43}).json()
    assert risky["status"] == "at_risk" and risky["latest_actual_date"] == "2024-07-02"
    off = pmo.post(f"/api/v1/benefits/{made['key']}/actuals", json={"date": "2024-07-03", "value": 30}).json()
    assert off["status"] == "off_track" and "behind" in off["status_reason"]
    assert [a["value"] for a in off["actuals"]] == [48, 43, 30] and off["actuals"][0]["recorded_by"] == "pmo"
    listed = pmo.get("/api/v1/benefits", params={"status": "off_track"}).json()
    assert [b["key"] for b in listed["items"]] == [made["key"]] and listed["total"] == 1
    fixed = pmo.delete(f"/api/v1/benefits/{made['key']}/actuals/2024-07-03").json()
    assert fixed["status"] == "at_risk"
    history = pmo.get(f"/api/v1/benefits/{made['key']}/history").json()
    assert {"actual recorded", "actual removed", "created"} <= {h["action"] for h in history}


def test_decrease_direction_and_trajectory_replacement(api):
    pmo = api("pmo")
    made = _create(pmo, title="Shorter waits for diagnostics", baseline_value=20, target_value=10,
                   trajectory=[], measure={"name": "Median wait", "unit": "weeks", "direction": "decrease"})
    after = pmo.post(f"/api/v1/benefits/{made['key']}/actuals", json={"date": "2024-07-01", "value": 14}).json()
    assert after["status"] == "on_track"  # expected about 15 weeks; 14 is better
    flat = pmo.put(f"/api/v1/benefits/{made['key']}/trajectory", json={
        "version": after["version"], "points": [{"date": "2024-06-01", "value": 12}]}).json()
    assert [p["value"] for p in flat["trajectory"]] == [12] and flat["status"] == "off_track"
    stale = pmo.put(f"/api/v1/benefits/{made['key']}/trajectory", json={"version": after["version"], "points": []})
    assert stale.status_code == 409
    twice = pmo.put(f"/api/v1/benefits/{made['key']}/trajectory", json={
        "version": flat["version"], "points": [{"date": "2024-06-01", "value": 1}, {"date": "2024-06-01", "value": 2}]})
    assert twice.status_code == 422 and twice.json()["errors"][0]["field"] == "points"


def test_stale_writes_conflict_and_delete_is_soft(api):
    pmo = api("pmo")
    made = _create(pmo)
    renamed = pmo.patch(f"/api/v1/benefits/{made['key']}", json={"version": made["version"], "owner": "PMO lead"})
    assert renamed.status_code == 200 and renamed.json()["owner"] == "PMO lead", renamed.text
    stale = pmo.patch(f"/api/v1/benefits/{made['key']}", json={"version": made["version"], "owner": "Someone"})
    assert stale.status_code == 409 and "Reload" in stale.json()["detail"]
    # a recorded actual moves the version on: an editor who has not seen it cannot overwrite
    current = renamed.json()["version"]
    pmo.post(f"/api/v1/benefits/{made['key']}/actuals", json={"date": "2024-03-01", "value": 1})
    assert pmo.patch(f"/api/v1/benefits/{made['key']}", json={"version": current, "owner": "x"}).status_code == 409
    assert pmo.delete(f"/api/v1/benefits/{made['key']}", params={"version": current}).status_code == 409
    latest = pmo.get(f"/api/v1/benefits/{made['key']}").json()["version"]
    assert pmo.delete(f"/api/v1/benefits/{made['key']}", params={"version": latest}).status_code == 204
    assert pmo.get(f"/api/v1/benefits/{made['key']}").status_code == 404
    assert made["key"] not in {b["key"] for b in pmo.get("/api/v1/benefits", params={"page_size": 500}).json()["items"]}
    assert _create(pmo)["key"] != made["key"]  # keys of removed benefits are not reused


def test_measure_changes_and_bad_input_name_the_field(api):
    pmo = api("pmo")
    made = _create(pmo)
    switched = pmo.patch(f"/api/v1/benefits/{made['key']}", json={"version": made["version"], "measure": {
        "name": "Admissions avoided", "direction": "increase", "source": "indicator",
        "indicator": "emergency-admissions"}}).json()
    assert switched["measure"]["indicator"] == "emergency-admissions" and switched["version"] == made["version"] + 1
    bad = pmo.post("/api/v1/benefits", json=BENEFIT | {"type": "priceless", "measure": {
        "name": "x", "direction": "sideways", "source": "indicator"}})
    assert {e["field"] for e in bad.json()["errors"]} == {"type", "measure.direction", "measure.indicator"}
    assert pmo.post("/api/v1/benefits", json=BENEFIT | {"key": made["key"]}).json()["errors"][0]["field"] == "key"
    pmo.post(f"/api/v1/benefits/{made['key']}/actuals", json={"date": "2024-03-01", "value": 1})
    again = pmo.post(f"/api/v1/benefits/{made['key']}/actuals", json={"date": "2024-03-01", "value": 2})
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "date"
    dates = pmo.post("/api/v1/benefits", json=BENEFIT | {"target_date": "2023-01-01"})
    assert dates.json()["errors"][0]["field"] == "target_date"


def test_authorisation(api):
    assert api().get("/api/v1/benefits").status_code == 401
    assert api("viewer").get("/api/v1/benefits").status_code == 200
    assert api("viewer").post("/api/v1/benefits", json=BENEFIT).status_code == 403
    assert api("ek_editor").post("/api/v1/benefits", json=BENEFIT).status_code == 403  # benefits are programme-wide
    made = _create(api("editor"))
    assert api("viewer").post(f"/api/v1/benefits/{made['key']}/actuals",
                              json={"date": "2024-03-01", "value": 1}).status_code == 403
    assert api("viewer").delete(f"/api/v1/benefits/{made['key']}", params={"version": 1}).status_code == 403
    assert api("editor").put("/api/v1/benefit-tolerance", json={"version": 1, "at_risk": 0.1,
                                                                 "off_track": 0.2}).status_code == 403


def test_off_track_benefits_are_escalated_to_the_right_bodies(api, db):
    _add_rules(db, ("off_track", BOARD), ("at_risk", PMO_GROUP), ("off_track", ENDED))
    pmo = api("pmo")
    pmo.post("/api/v1/risks", json={"title": "Scored 4 x 3", "current_impact": 4, "current_likelihood": 3})
    off, risky, fine = _create(pmo, title="Off track"), _create(pmo, title="At risk"), _create(pmo, title="Fine")
    for made, value in ((off, 20), (risky, 43), (fine, 60)):
        pmo.post(f"/api/v1/benefits/{made['key']}/actuals", json={"date": "2024-07-01", "value": value})
    board = pmo.get(f"/api/v1/governance-bodies/{BOARD}/escalations").json()
    assert [b["key"] for b in board["benefits"]] == [off["key"]]
    assert board["items"], "the risks escalated to the board are still listed"
    group = pmo.get(f"/api/v1/governance-bodies/{PMO_GROUP}/escalations").json()
    assert [b["key"] for b in group["benefits"]] == [off["key"], risky["key"]]  # worst first
    assert pmo.get(f"/api/v1/governance-bodies/{ENDED}/escalations").json()["benefits"] == []
    read = pmo.get(f"/api/v1/benefits/{off['key']}").json()
    assert read["escalated_to"] == [BOARD, PMO_GROUP]  # not to the body that has ended
    assert read["escalated_to_text"] == []  # 001 5.3's rule is the merger programme's, not this one's
    assert pmo.get(f"/api/v1/benefits/{fine['key']}").json()["escalated_to"] == []
    east = pmo.get("/api/v1/governance-bodies/east-kent-icp-steering-group/escalations").json()
    assert east["benefits"] == []


def test_tolerance_is_programme_data(api):
    pmo = api("pmo")
    made = _create(pmo)
    pmo.post(f"/api/v1/benefits/{made['key']}/actuals", json={"date": "2024-07-01", "value": 47})
    assert pmo.get(f"/api/v1/benefits/{made['key']}").json()["status"] == "on_track"
    tolerance = pmo.get("/api/v1/benefit-tolerance").json()
    assert (tolerance["at_risk"], tolerance["off_track"]) == (0.05, 0.10)
    strict = pmo.put("/api/v1/benefit-tolerance", json={"version": tolerance["version"], "at_risk": 0.01,
                                                         "off_track": 0.02})
    assert strict.status_code == 200 and "1%" in strict.json()["rule"]
    assert pmo.get(f"/api/v1/benefits/{made['key']}").json()["status"] == "off_track"
    assert pmo.put("/api/v1/benefit-tolerance", json={"version": tolerance["version"], "at_risk": 0.01,
                                                       "off_track": 0.02}).status_code == 409
    upside_down = pmo.put("/api/v1/benefit-tolerance", json={"version": strict.json()["version"], "at_risk": 0.2,
                                                              "off_track": 0.1})
    assert upside_down.status_code == 422 and upside_down.json()["errors"][0]["field"] == "at_risk"


def test_export_xlsx_and_csv(api):
    pmo = api("pmo")
    made = _create(pmo, title="=HYPERLINK(1)")
    pmo.post(f"/api/v1/benefits/{made['key']}/actuals", json={"date": "2024-07-01", "value": 20})
    rows = list(csv.reader(io.StringIO(pmo.get("/api/v1/benefits/export.csv").text)))
    assert rows[0][:3] == ["Key", "Objective", "Benefit"] and len(rows) == 9
    assert next(r for r in rows if r[0] == made["key"])[rows[0].index("Status")] == "Off track"
    sheet = load_workbook(io.BytesIO(pmo.get("/api/v1/benefits/export.xlsx").content)).active
    headings = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == made["key"])
    status = row[headings.index("Status")]
    assert sheet.freeze_panes == "A2" and status.value == "Off track" and status.fill.fgColor.rgb.endswith("D5281B")
    assert row[headings.index("Benefit")].data_type == "s"
    assert sheet.max_row == 9
    assert len(list(csv.reader(io.StringIO(pmo.get("/api/v1/benefits/export.csv",
                                                   params={"status": "off_track"}).text)))) == 2


def test_summary_and_items_owned_by(api, db):
    pmo = api("pmo")
    made = _create(pmo, owner="  Director of strategy ")
    pmo.post(f"/api/v1/benefits/{made['key']}/actuals", json={"date": "2024-07-01", "value": 1})
    summary = pmo.get("/api/v1/benefits/summary").json()
    assert summary["counts"] == {"on_track": 0, "at_risk": 0, "off_track": 1, "no_data": 7}
    assert [b["key"] for b in summary["off_track"]] == [made["key"]]
    with db.session() as session:
        found = service.benefits_summary(session, get_programme(session))
        assert found.counts["off_track"] == 1 and found.off_track[0].benefit.key == made["key"]
        mine = service.items_owned_by(session, "director of STRATEGY")
        assert [(i.kind, i.reference, i.status, i.href) for i in mine] == [
            ("benefit", made["key"], "Off track", f"/programme/benefits/{made['key']}")]
        assert service.items_owned_by(session, "  ") == []


def test_kent_and_medway_benefits_are_loaded(api):
    listed = api("viewer").get("/api/v1/benefits", params={"sort": "key"}).json()
    assert listed["total"] == 7  # the PID's (000 section 6.1); the merger's three are the merger programme's
    merger = {"programme": "ccg-merger"}
    assert api("viewer").get("/api/v1/benefits", params=merger).json()["total"] == 3
    running = api("viewer").get("/api/v1/benefits/running-cost-reduction", params=merger).json()
    assert (running["target_value"], running["target_date"], running["type"]) == (4.7, "2021-03-31", "cash_releasing")
    assert running["measure"]["unit"] == "GBP million" and running["source_document"] == "001"
    assert running["status"] == "no_data" and date.fromisoformat(running["target_date"]).year == 2021
