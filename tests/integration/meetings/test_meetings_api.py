"""Meetings through the API: schedule, iCalendar, attendance and quorum, agendas by rule, minutes and delegation."""

from icalendar import Calendar

from tests.conftest import login
from tests.integration.meetings.helpers import ICB, STEB, schedule, selects


def test_schedule_follows_the_frequency_and_moves_keep_the_uid(api):
    admin = api("admin")
    made = schedule(admin)
    assert [m["local_start"][:10] for m in made] == ["2027-01-12", "2027-02-12", "2027-03-12"]
    assert made[0]["local_start"].endswith("+00:00") and made[0]["sequence"] == 0
    again = schedule(admin)
    assert again == []  # dates that already have a meeting are left alone
    moved = admin.post(f"/api/v1/meetings/{made[1]['id']}/move",
                       json={"version": made[1]["version"], "on": "2027-06-15", "time": "14:00"}).json()
    assert moved["uid"] == made[1]["uid"] and moved["sequence"] == 1 and moved["moved_from"]
    assert moved["local_start"] == "2027-06-15T14:00:00+01:00"  # British Summer Time
    stale = admin.post(f"/api/v1/meetings/{made[1]['id']}/move",
                       json={"version": made[1]["version"], "on": "2027-06-16", "time": "14:00"})
    assert stale.status_code == 409  # the version read before the move
    cancelled = admin.post(f"/api/v1/meetings/{made[2]['id']}/cancel",
                           json={"version": made[2]["version"], "reason": "Not needed"}).json()
    assert cancelled["status"] == "cancelled" and cancelled["sequence"] == 1


def test_ical_feeds_parse_with_uids_sequence_and_london_times(api, client):
    admin = api("admin")
    made = schedule(admin)
    admin.post(f"/api/v1/meetings/{made[0]['id']}/move", json={"version": made[0]["version"], "on": "2027-01-19",
                                                              "time": "09:30"})
    assert not Calendar.from_ical(client.get(f"/meetings/bodies/{STEB}.ics").content).walk("VEVENT")
    staff = login(client, "viewer")
    cal = Calendar.from_ical(staff.get(f"/meetings/bodies/{STEB}.ics").content)
    events = {e["uid"]: e for e in cal.walk("VEVENT")}
    assert set(events) == {m["uid"] for m in made}
    first = events[made[0]["uid"]]
    assert first["sequence"] == 1 and "dtstamp" in first
    start = first.decoded("dtstart")
    assert (start.year, start.month, start.day, start.hour, start.minute) == (2027, 1, 19, 9, 30)
    assert str(start.tzinfo) == "Europe/London"
    # the body does not meet in public: the public calendar leaves it out
    public = Calendar.from_ical(staff.get("/meetings/calendar.ics").content)
    assert not [e for e in public.walk("VEVENT") if e["uid"] in events]
    icb = schedule(admin, ICB, "2027-01-05", "2027-02-28")
    client.get("/logout")
    public = Calendar.from_ical(client.get("/meetings/calendar.ics").content)
    assert {str(e["uid"]) for e in public.walk("VEVENT")} >= {m["uid"] for m in icb}


def test_quorum_is_computed_from_attendance_and_the_rule(api):
    admin = api("admin")
    loaded = admin.get(f"/api/v1/governance-bodies/{STEB}/terms-of-reference").json()
    assert loaded["frequency"] == "monthly" and loaded["source"] == "000 s3.2"
    assert admin.put(f"/api/v1/governance-bodies/{STEB}/terms-of-reference", json={
        "frequency": "monthly"}).status_code == 422  # an edit names the version it changes
    terms = admin.put(f"/api/v1/governance-bodies/{STEB}/terms-of-reference", json={
        "version": loaded["version"], "frequency": "monthly", "quorum_share": 0.5, "quorum_chair_or_vice": True}).json()
    assert terms["quorum_rule"].startswith("At least 50% of the voting members, including the chair")
    meeting = schedule(admin)[0]
    detail = admin.get(f"/api/v1/meetings/{meeting['id']}").json()
    voting = [a for a in detail["attendance"] if a["voting"]]
    assert detail["quorum"]["known"] and not detail["quorum"]["met"]
    members = [a for a in voting if a["membership_role"] == "member"]
    enough = {a["id"]: "present" for a in members[:(len(voting) + 1) // 2]}
    without_chair = admin.put(f"/api/v1/meetings/{meeting['id']}/attendance", json={"statuses": enough}).json()
    assert not without_chair["quorum"]["met"]
    assert "neither the chair nor the vice chair" in without_chair["quorum"]["summary"]
    chair = next(a for a in voting if a["membership_role"] == "chair")
    quorate = admin.put(f"/api/v1/meetings/{meeting['id']}/attendance", json={"statuses": {chair["id"]: "present"}}
                        ).json()
    assert quorate["quorum"]["met"], quorate["quorum"]["summary"]
    bad = admin.put(f"/api/v1/meetings/{meeting['id']}/attendance", json={"statuses": {chair["id"]: "asleep"}})
    assert bad.status_code == 422 and f"statuses.{chair['id']}" in bad.text


def test_agenda_pulls_escalated_risks_with_why_and_keeps_removals(api):
    admin = api("admin")
    # the PID's Executive Board ended in 2020 and receives nothing now; the example's rules send the same risks to
    # the ICB board, which is in force
    for impact in (4, 5):  # the PID's own risks are unscored: two scored 8 or more go to the board (PID 7.1)
        admin.post("/api/v1/risks", json={"title": f"Scored {impact} x 4", "current_impact": impact,
                                          "current_likelihood": 4})
    meeting = schedule(admin, ICB)[0]
    items = admin.post(f"/api/v1/meetings/{meeting['id']}/agenda/build").json()
    standing = [i["title"] for i in items if i["kind"] == "standing"]
    assert standing == ["Welcome and apologies", "Declarations of interest", "Minutes of the last meeting",
                        "Action log"]
    risks = [i for i in items if i["source"] == "escalated_risks"]
    assert {"Scored 4 x 4", "Scored 5 x 4"} <= {i["title"].split(": ", 1)[1] for i in risks}
    assert all(i["state"] == "proposed" and i["number"] is None for i in risks)
    assert "escalation rules" in risks[0]["why"]
    accepted = admin.post(f"/api/v1/meetings/{meeting['id']}/agenda/items/{risks[0]['id']}/decision",
                          json={"version": risks[0]["version"], "accept": True}).json()
    assert accepted["number"] == "5"
    no_reason = admin.post(f"/api/v1/meetings/{meeting['id']}/agenda/items/{risks[1]['id']}/decision",
                           json={"version": risks[1]["version"], "accept": False})
    assert no_reason.status_code == 422 and "reason" in no_reason.text
    admin.post(f"/api/v1/meetings/{meeting['id']}/agenda/items/{risks[1]['id']}/decision",
               json={"version": risks[1]["version"], "accept": False, "reason": "Taken at the risk committee"})
    rebuilt = {i["id"]: i for i in admin.post(f"/api/v1/meetings/{meeting['id']}/agenda/build").json()}
    assert rebuilt[risks[1]["id"]]["state"] == "removed"
    assert rebuilt[risks[1]["id"]]["removed_reason"] == "Taken at the risk committee"
    assert len(rebuilt) == len(items)
    # the next meeting gets only what is newly escalated since this one
    second = admin.get("/api/v1/meetings", params={"body": ICB}).json()[1]
    nxt = admin.post(f"/api/v1/meetings/{second['id']}/agenda/build").json()
    assert not [i for i in nxt if i["source"] == "escalated_risks"]


def _minutable_item(admin, meeting_id: int) -> dict:
    items = admin.post(f"/api/v1/meetings/{meeting_id}/agenda/build").json()
    return admin.post(f"/api/v1/meetings/{meeting_id}/agenda/items", json={
        "title": "Capitated budgets for 2027/28", "purpose": "decision", "presenter": "Director of Finance"}).json() \
        if items else None


def test_decisions_are_checked_against_delegation_as_at_the_meeting(api):
    admin = api("admin")
    steb = schedule(admin)[0]
    item = _minutable_item(admin, steb["id"])
    outside = admin.post(f"/api/v1/meetings/{steb['id']}/agenda/items/{item['id']}/decisions", json={
        "title": "Agree the capitated budgets", "function": "capitated-budgets"}).json()
    assert outside["delegation"] == "outside"
    assert outside["held_by"] == ["NHS Kent and Medway (ICS NHS Body) Board"]
    assert outside["reference"].startswith("DEC") and outside["decided_on"] == "2027-01-12"
    log = admin.get("/api/v1/decisions", params={"q": "capitated"}).json()["items"]
    assert any(d["reference"] == outside["reference"] and d["body_key"] == STEB for d in log)
    icb = schedule(admin, ICB, "2027-01-05", "2027-01-31")[0]
    icb_item = _minutable_item(admin, icb["id"])
    within = admin.post(f"/api/v1/meetings/{icb['id']}/agenda/items/{icb_item['id']}/decisions", json={
        "title": "Agree the capitated budgets", "function": "capitated-budgets"}).json()
    assert within["delegation"] == "within"
    unknown = admin.post(f"/api/v1/meetings/{icb['id']}/agenda/items/{icb_item['id']}/decisions", json={
        "title": "X", "function": "no-such-function"})
    assert unknown.status_code == 422 and "function" in unknown.text
    scheme = admin.get(f"/api/v1/governance-bodies/{ICB}/scheme-of-delegation", params={"as_at": "2027-01-05"}).json()
    assert "capitated-budgets" in {d["function"] for d in scheme}


def test_actions_roll_on_and_minutes_lock_once_approved(api):
    admin = api("admin")
    first, second, _ = schedule(admin)
    item = _minutable_item(admin, first["id"])
    action = admin.post(f"/api/v1/meetings/{first['id']}/agenda/items/{item['id']}/actions", json={
        "title": "Bring the budget model", "owner": "Director of Finance", "due_date": "2027-01-31"}).json()
    assert action["reference"].startswith("AC") and action["status"] == "open"
    nxt = admin.post(f"/api/v1/meetings/{second['id']}/agenda/build").json()
    overdue = [i for i in nxt if i["source"] == "overdue_actions"]
    assert [i["source_ref"] for i in overdue] == [action["reference"]]
    minuted = admin.put(f"/api/v1/meetings/{first['id']}/agenda/items/{item['id']}/minute",
                        json={"version": item["version"], "discussion": "The board discussed the model."}).json()
    meeting = admin.get(f"/api/v1/meetings/{first['id']}").json()
    approved = admin.post(f"/api/v1/meetings/{first['id']}/minutes/approve",
                          params={"at_meeting": second["id"], "version": meeting["version"]}).json()
    assert approved["minutes_status"] == "approved"
    locked = admin.put(f"/api/v1/meetings/{first['id']}/agenda/items/{item['id']}/minute",
                       json={"version": minuted["version"], "discussion": "Changed quietly"})
    assert locked.status_code == 422 and "amendment" in locked.text
    amended = admin.post(f"/api/v1/meetings/{first['id']}/agenda/items/{item['id']}/amendments",
                         json={"discussion": "The board discussed the model and asked for options.",
                               "reason": "Correction agreed at the next meeting"}).json()
    assert amended["old_text"] == "The board discussed the model." and amended["made_by"] == "admin"


def test_viewers_cannot_edit_and_anonymous_cannot_see_private_bodies(api):
    meeting = schedule(api("admin"))[0]
    assert api("viewer").post(f"/api/v1/meetings/{meeting['id']}/agenda/build").status_code == 403
    assert api().get(f"/api/v1/meetings/{meeting['id']}").status_code == 404
    assert api().get("/api/v1/meetings", params={"body": STEB}).json() == []


def test_declarations_are_recorded_against_items_with_the_action_taken(api):
    admin = api("admin")
    meeting = schedule(admin)[0]
    item = _minutable_item(admin, meeting["id"])
    made = admin.post(f"/api/v1/meetings/{meeting['id']}/declarations", json={
        "person_name": "Glenn Douglas", "item_id": item["id"], "interest": "Non-executive of a bidding provider",
        "action_taken": "withdrew"}).json()
    assert made["item_title"] == "Capitated budgets for 2027/28" and made["action_taken"] == "withdrew"
    bad = admin.post(f"/api/v1/meetings/{meeting['id']}/declarations", json={
        "person_name": "X", "interest": "Y", "action_taken": "ignored"})
    assert bad.status_code == 422 and "action_taken" in bad.text
    listed = admin.get(f"/api/v1/meetings/{meeting['id']}/declarations").json()
    assert [d["person_name"] for d in listed] == ["Glenn Douglas"]


def test_a_declaration_links_to_the_register_of_interests(api, client):
    admin = api("admin")
    meeting = schedule(admin)[0]
    held = admin.post("/api/v1/interests", json={
        "person": "glenn-douglas", "type": "non_financial_professional", "description": "Trustee of a local hospice",
        "organisation": "Hospice in the Weald", "valid_from": "2026-01-01"}).json()
    url = f"/api/v1/meetings/{meeting['id']}/declarations"
    linked = admin.post(url, json={"person_name": "Glenn Douglas", "person_key": "glenn-douglas",
                                   "interest": "Hospice trustee", "interest_reference": held["reference"],
                                   "action_taken": "noted"}).json()
    assert linked["interest_reference"] == held["reference"]
    wrong = admin.post(url, json={"person_name": "Glenn Douglas", "person_key": "bob-bowes", "interest": "Hospice",
                                  "interest_reference": held["reference"], "action_taken": "noted"})
    assert wrong.status_code == 422 and "interest_reference" in wrong.text
    staff = login(client, "viewer")
    page = staff.get(f"/meetings/{meeting['id']}").text
    assert "In the register of interests on the day" in page and "Trustee of a local hospice" in page


def test_a_list_of_meetings_reads_the_bodies_and_terms_once(api, app):
    """Each meeting's paper deadline comes from its body's terms of reference, read once for the whole list."""
    admin = api("admin")
    schedule(admin, STEB, "2027-01-12", "2027-01-31")
    terms = admin.get(f"/api/v1/governance-bodies/{STEB}/terms-of-reference").json()
    admin.put(f"/api/v1/governance-bodies/{STEB}/terms-of-reference",
              json={"frequency": "monthly", "paper_deadline_days": 5, "version": terms["version"]})
    counts = []
    for until in ("2027-03-31", "2027-09-30"):
        schedule(admin, STEB, "2027-01-12", until)
        with selects(app.state.engine) as statements:
            listed = admin.get("/api/v1/meetings", params={"body": STEB}).json()
        assert all(m["paper_deadline"] < m["local_start"][:10] for m in listed)
        counts.append((len(listed), len(statements)))
    (few, few_queries), (many, many_queries) = counts
    assert many > few and many_queries == few_queries
