"""The memberships the PID's stakeholder map (section 8.2) gives are on the bodies, through the API; on SQLite and
PostgreSQL."""


def _members(api, key: str) -> set[tuple]:
    body = api("viewer").get(f"/api/v1/governance-bodies/{key}")
    assert body.status_code == 200
    return {(m["organisation_code"], m["role_title"], m["membership_role"]) for m in body.json()["members"]}


def test_the_stp_partnership_board_has_the_chief_executives_and_the_medway_leader(api):
    members = _members(api, "stp-programme-board")
    for code in ("RWF", "RPA", "RYD"):  # MTW, MFT, SECAmb
        assert (code, "Chief Executive", "member") in members
    assert (None, "Chief Executive, Medway Community Healthcare", "member") in members
    assert ("E06000035", "Leader of the Council", "member") in members


def test_the_clinical_and_professional_board_has_the_medical_directors_with_mft_as_joint_chair(api):
    members = _members(api, "clinical-and-professional-board")
    assert {("RWF", "Trust Medical Director", "member"), ("RYD", "Trust Medical Director", "member"),
            ("RPA", "Trust Medical Director", "chair")} <= members


def test_the_ned_oversight_group_has_the_kmpt_and_mtw_chairs(api):
    members = _members(api, "ned-oversight-group")
    assert {("RXY", "Trust Chair", "member"), ("RWF", "Trust Chair", "member")} <= members
