"""The exception rules page: everyone inside sees where measures' exceptions go; administrators add and remove
rules (CSRF-protected), naming a governance body that exists and is in force."""

import re

from sqlalchemy import select

from caresystem.assurance.measures.models import MeasureEscalationRule
from tests.conftest import csrf_of, login

PAGE = "/assurance/exception-rules"


def _rules(db) -> list[tuple]:
    with db.session() as s:
        return [(r.condition, r.domain, r.measure_key, r.entity_code, r.body_key)
                for r in s.scalars(select(MeasureEscalationRule).order_by(MeasureEscalationRule.id))]


def test_the_page_lists_the_rules_with_their_source(client, db):
    login(client, "viewer")
    page = client.get(PAGE)
    assert page.status_code == 200
    assert page.text.count('href="/governance/ccg-finance-performance-committee/escalations"') >= 5
    assert "Document 002, section 6.1" in page.text and "Add a rule" not in page.text  # a viewer only reads


def test_anonymous_users_cannot_see_the_routing(client):
    asked = client.get(PAGE, follow_redirects=False)
    assert asked.status_code == 303 and asked.headers["location"] == f"/login?next={PAGE}"


def test_an_administrator_adds_and_removes_a_rule(client, db):
    login(client, "pmo")
    page = client.get(PAGE).text
    assert 'value="ics-partnership"' in page and 'value="ccg-finance-performance-committee"' not in page
    before = _rules(db)
    added = client.post(PAGE, data={"csrf_token": csrf_of(page), "condition": "failing_assurance",
                                    "measure_key": "ae-four-hours", "entity_code": "RPA",
                                    "body_key": "ics-partnership"}, follow_redirects=False)
    assert added.status_code == 303
    assert _rules(db) == before + [("failing_assurance", None, "ae-four-hours", "RPA", "ics-partnership")]
    page = client.get(PAGE).text
    assert "Entered in caresystem" in page
    rule_id = re.findall(r'action="/assurance/exception-rules/(\d+)/delete"', page)[-1]
    removed = client.post(f"{PAGE}/{rule_id}/delete", data={"csrf_token": csrf_of(page)}, follow_redirects=False)
    assert removed.status_code == 303 and _rules(db) == before


def test_the_body_must_exist_and_be_in_force(client, db):
    login(client, "pmo")
    before = _rules(db)
    for body, message in (("no-such-body", "Governance body &#39;no-such-body&#39; is not a governance body"),
                          ("ccg-finance-performance-committee", "Governance body &#39;ccg-finance-performance-"
                                                                "committee&#39; is not in force: Finance and "
                                                                "Performance Committee (Kent and Medway CCG) ended on "
                                                                "30 June 2022; the governance data names no "
                                                                "successor"),
                          ("kent-and-medway-ccg-governing-body", "is not in force: NHS Kent and Medway CCG Governing "
                                                                 "Body ended on 30 June 2022; succeeded by NHS Kent "
                                                                 "and Medway (ICS NHS Body) Board")):
        page = client.get(PAGE).text
        refused = client.post(PAGE, data={"csrf_token": csrf_of(page), "condition": "either", "body_key": body})
        assert refused.status_code == 422 and "nhsuk-error-summary" in refused.text
        assert message in refused.text, refused.text[:3000]
    assert _rules(db) == before


def test_only_administrators_change_rules_and_csrf_is_checked(client, db):
    login(client, "editor")
    page = client.get(PAGE).text
    assert "Add a rule" not in page
    assert client.post(PAGE, data={"csrf_token": csrf_of(page), "condition": "either",
                                   "body_key": "ics-partnership"}).status_code == 403
    login(client, "pmo")
    assert client.post(PAGE, data={"csrf_token": "forged", "condition": "either",
                                   "body_key": "ics-partnership"}).status_code in (400, 403)
    assert ("either", None, None, None, "ics-partnership") not in _rules(db)
