"""Care coordinators scoped to their PCNs or practices see only those cohort lists, audited as any other look."""

import pytest
from fastapi.testclient import TestClient

from caresystem.auth import create_token, create_user
from caresystem.auth.audit.models import AuditEntry
from caresystem.population import results
from tests.databases import PASSWORD


@pytest.fixture
def pcns(population_data_dir) -> list[str]:
    return sorted({r["area_code"] for r in results.latest_run(population_data_dir).rows("risk_tiers", area_type="pcn")})


def _coordinator(app, db, username: str, **scopes) -> TestClient:
    with db.session() as session:
        create_user(session, username=username, role="care_coordinator", password=PASSWORD, **scopes)
        token = create_token(session, username=username)
        session.commit()
    return TestClient(app, base_url="https://testserver", headers={"Authorization": f"Bearer {token}"})


def _list(client, pcn):
    return client.get("/api/v1/population/cohorts", params={"pcn": pcn, "tier": "moderate", "page_size": 500})


def test_coordinator_scoped_to_a_pcn_sees_only_its_lists(app, db, api, pcns):
    mine, other = pcns[0], pcns[1]
    with _coordinator(app, db, "pcn_coordinator", pcns=[mine]) as coordinator:
        assert _list(coordinator, mine).json() == _list(api("admin"), mine).json()
        refused = _list(coordinator, other)
    assert refused.status_code == 403 and "outside the PCNs and practices" in refused.json()["detail"]
    with db.session() as session:
        looks = session.query(AuditEntry).filter_by(entity_type="population_cohort", actor="pcn_coordinator").all()
    assert [e.entity_id for e in looks] == [f"{mine}/moderate"]


def test_coordinator_scoped_to_a_practice_sees_only_its_people(app, db, api, pcns):
    everyone = _list(api("admin"), pcns[0]).json()["items"]
    practice = everyone[0]["practice_code"]
    with _coordinator(app, db, "practice_coordinator", practices=[practice]) as coordinator:
        seen = _list(coordinator, pcns[0]).json()["items"]
    assert seen == [p for p in everyone if p["practice_code"] == practice]
    assert 0 < len(seen) < len(everyone)


def test_scopes_belong_to_the_role(db):
    from caresystem.errors import Invalid
    with db.session() as session:
        with pytest.raises(Invalid, match="PCNs or practices"):
            create_user(session, username="x1", role="care_coordinator", password=PASSWORD, places=["east-kent"])
        with pytest.raises(Invalid, match="organisations or places"):
            create_user(session, username="x2", role="editor", password=PASSWORD, pcns=["U1"])
        with pytest.raises(Invalid, match="cannot be limited"):
            create_user(session, username="x3", role="viewer", password=PASSWORD, places=["east-kent"])
