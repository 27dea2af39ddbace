"""Every route of the app x every role and scope: who may read and who may change what.

The expected access is a table with a row per route (method and path as the app declares them), so a new route
cannot be added without saying who may use it. The matrix runs in two halves, the API's routes and the pages', each
with its own database and app per backend, so a parallel run can share it out.
"""

import pytest
from fastapi.testclient import TestClient

from caresystem.auth import create_token, create_user
from tests.conftest import BACKENDS, settings_for
from tests.databases import PASSWORD
from tests.integration.meetings.helpers import ICB, pdf_of, schedule
from tests.integration.route_matrix import (EXTRA_USERS, READING, ROLES, Bodies, Clients, app_routes, fill, outcome,
                                           probe)

EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
EDITORS = frozenset({"editor", "pmo", "admin"})                     # change records that belong to no one scope
ANY_EDITOR = EDITORS | {"org_editor", "ek_editor"}                   # and records in both editors' scopes (XKP01)
PLACE_EDITORS = EDITORS | {"ek_editor"}                              # East Kent's records, not organisation XKP01's
SECRETARIES = frozenset({"secretary", "pmo", "admin"})               # meetings and the register of interests
PMO = frozenset({"pmo", "admin"})                                    # programme configuration
COORDINATORS = frozenset({"coordinator", "admin"})                   # person-level cohort lists
ADMIN = frozenset({"admin"})                                         # users and a system's reference data


# Example records the rows' paths point at; `setup_records` adds those the example does not have.
SAMPLES = {
    "organisations/code": "XKP01", "places/code": "east-kent", "pcns/code": "XKP01", "governance/key": ICB,
    "governance-bodies/key": ICB, "bodies/key": ICB, "functions/key": "population-health-accountability",
    "people/key": "glenn-douglas", "measures/key": "cancer-31-day", "organisation": "RYY", "entity_code": "RYY",
    "programme/key:raidlog": "assumptions", "programme/kind:plansched": "milestones",
    "programme/kind:planstruct": "projects", "assumptions/reference": "A001", "decisions/reference": "DEC001",
    "benefits/key": "constitution-targets", "milestones/key": "icp-outline-development-plans",
    "deliverables/key": "commissioning-functions-description", "projects/key": "system-commissioner",
    "workstreams/key": "hr-od", "resource-plan/key": "clinical-chair", "resources/key": "clinical-chair",
    "sign-offs/key": "ashford-ccg", "sign-off/key": "ashford-ccg", "stakeholders/key": "ppag-and-local-patient-groups",
    "audiences/key": "patients-and-public", "communications/key": "newsletters", "report/period": "2018-03",
    "kind": "csv", "fmt": "csv", "period": "2027-01", "tier": "1", "result": "segments", "on_date": "2026-01-01",
    "rule_id": "1", "dependency_id": "1", "member-accounts/username": "viewer", "q": "kent", "pcn": "XKP01",
    "days": "5", "body": ICB, "until": "2026-01-01", "principle-sets/key": "rules-of-engagement-2016",
    "principles/key": "rules-of-engagement-2016", "number": "a", "name": "segments",
    "planning-frameworks/key": "stp-planning-framework-2016", "planning/key": "stp-planning-framework-2016",
}

BODY_SAMPLES = {"project": "east-kent-icp", "period": "2027-01", "person": "glenn-douglas"}  # where any value won't do

ACCESS = {  # route -> the roles that may use it; all others are refused
    "GET /": EVERYONE,
    "GET /about": EVERYONE,
    "GET /api/docs": EVERYONE,
    "GET /api/v1/actions": SIGNED_IN,
    "POST /api/v1/actions": EDITORS,
    "GET /api/v1/actions/export.{kind}": SIGNED_IN,
    "POST /api/v1/actions/import": EDITORS,
    "DELETE /api/v1/actions/{reference}": EDITORS,
    "GET /api/v1/actions/{reference}": SIGNED_IN,
    "PATCH /api/v1/actions/{reference}": EDITORS,
    "GET /api/v1/actions/{reference}/history": SIGNED_IN,
    "GET /api/v1/assumptions": SIGNED_IN,
    "POST /api/v1/assumptions": EDITORS,
    "GET /api/v1/assumptions/export.{kind}": SIGNED_IN,
    "POST /api/v1/assumptions/import": EDITORS,
    "DELETE /api/v1/assumptions/{reference}": EDITORS,
    "GET /api/v1/assumptions/{reference}": SIGNED_IN,
    "PATCH /api/v1/assumptions/{reference}": EDITORS,
    "GET /api/v1/assumptions/{reference}/history": SIGNED_IN,
    "POST /api/v1/assumptions/{reference}/invalidate": EDITORS,
    "POST /api/v1/assurance/data": EDITORS,
    "GET /api/v1/assurance/exception-rules": EVERYONE,
    "POST /api/v1/assurance/exception-rules": PMO,
    "DELETE /api/v1/assurance/exception-rules/{rule_id}": PMO,
    "GET /api/v1/assurance/exceptions": EVERYONE,
    "GET /api/v1/assurance/finance": EVERYONE,
    "GET /api/v1/assurance/measures": EVERYONE,
    "GET /api/v1/assurance/measures/{key}": EVERYONE,
    "GET /api/v1/assurance/measures/{key}/data": EVERYONE,
    "PUT /api/v1/assurance/measures/{key}/narratives": EDITORS,
    "GET /api/v1/assurance/measures/{key}/narratives/{organisation}": EVERYONE,
    "GET /api/v1/assurance/measures/{key}/spc/{organisation}": EVERYONE,
    "GET /api/v1/assurance/report": EVERYONE,
    "GET /api/v1/assurance/workforce": EVERYONE,
    "GET /api/v1/audiences": SIGNED_IN,
    "POST /api/v1/audiences": EDITORS,
    "DELETE /api/v1/audiences/{key}": EDITORS,
    "GET /api/v1/audiences/{key}": SIGNED_IN,
    "PATCH /api/v1/audiences/{key}": EDITORS,
    "GET /api/v1/audiences/{key}/history": SIGNED_IN,
    "GET /api/v1/benefit-tolerance": SIGNED_IN,
    "PUT /api/v1/benefit-tolerance": PMO,
    "GET /api/v1/benefits": SIGNED_IN,
    "POST /api/v1/benefits": EDITORS,
    "POST /api/v1/benefits/actuals/import": EDITORS,
    "GET /api/v1/benefits/export.csv": SIGNED_IN,
    "GET /api/v1/benefits/export.xlsx": SIGNED_IN,
    "POST /api/v1/benefits/import": EDITORS,
    "GET /api/v1/benefits/summary": SIGNED_IN,
    "DELETE /api/v1/benefits/{key}": EDITORS,
    "GET /api/v1/benefits/{key}": SIGNED_IN,
    "PATCH /api/v1/benefits/{key}": EDITORS,
    "POST /api/v1/benefits/{key}/actuals": EDITORS,
    "DELETE /api/v1/benefits/{key}/actuals/{on_date}": EDITORS,
    "GET /api/v1/benefits/{key}/history": SIGNED_IN,
    "PUT /api/v1/benefits/{key}/trajectory": EDITORS,
    "GET /api/v1/communication-occurrences": SIGNED_IN,
    "POST /api/v1/communication-occurrences/{occurrence_id}/done": EDITORS,
    "GET /api/v1/communications": SIGNED_IN,
    "POST /api/v1/communications": EDITORS,
    "DELETE /api/v1/communications/{key}": EDITORS,
    "GET /api/v1/communications/{key}": SIGNED_IN,
    "PATCH /api/v1/communications/{key}": EDITORS,
    "POST /api/v1/communications/{key}/generate": EDITORS,
    "GET /api/v1/communications/{key}/history": SIGNED_IN,
    "GET /api/v1/communications/{key}/occurrences": SIGNED_IN,
    "POST /api/v1/communications/{key}/occurrences": EDITORS,
    "GET /api/v1/decisions": SIGNED_IN,
    "POST /api/v1/decisions": EDITORS,
    "GET /api/v1/decisions/export.{kind}": SIGNED_IN,
    "POST /api/v1/decisions/import": EDITORS,
    "DELETE /api/v1/decisions/{reference}": EDITORS,
    "GET /api/v1/decisions/{reference}": SIGNED_IN,
    "PATCH /api/v1/decisions/{reference}": EDITORS,
    "GET /api/v1/decisions/{reference}/history": SIGNED_IN,
    "GET /api/v1/decisions/{reference}/principles": SIGNED_IN,
    "PUT /api/v1/decisions/{reference}/principles": EDITORS,
    "GET /api/v1/deliverables": SIGNED_IN,
    "POST /api/v1/deliverables": EDITORS,
    "GET /api/v1/deliverables/export.{fmt}": SIGNED_IN,
    "GET /api/v1/deliverables/summary": SIGNED_IN,
    "DELETE /api/v1/deliverables/{key}": EDITORS,
    "GET /api/v1/deliverables/{key}": SIGNED_IN,
    "PATCH /api/v1/deliverables/{key}": EDITORS,
    "GET /api/v1/deliverables/{key}/history": SIGNED_IN,
    "GET /api/v1/deliverables/{key}/what-moves": SIGNED_IN,
    "GET /api/v1/dependencies": SIGNED_IN,
    "POST /api/v1/dependencies": EDITORS,
    "GET /api/v1/dependencies/export.{kind}": SIGNED_IN,
    "POST /api/v1/dependencies/import": EDITORS,
    "DELETE /api/v1/dependencies/{reference}": EDITORS,
    "GET /api/v1/dependencies/{reference}": SIGNED_IN,
    "PATCH /api/v1/dependencies/{reference}": EDITORS,
    "GET /api/v1/dependencies/{reference}/history": SIGNED_IN,
    "GET /api/v1/escalation-rules": SIGNED_IN,
    "POST /api/v1/escalation-rules": PMO,
    "GET /api/v1/escalation-rules/onward": SIGNED_IN,
    "DELETE /api/v1/escalation-rules/{rule_id}": PMO,
    "GET /api/v1/functions": EVERYONE,
    "POST /api/v1/functions": EDITORS,
    "GET /api/v1/functions/subsidiarity-tests": EVERYONE,
    "GET /api/v1/functions/{key}": EVERYONE,
    "PATCH /api/v1/functions/{key}": EDITORS,
    "POST /api/v1/functions/{key}/allocations": EDITORS,
    "PATCH /api/v1/functions/{key}/allocations/{allocation_id}": EDITORS,
    "PUT /api/v1/functions/{key}/allocations/{allocation_id}/principles": EDITORS,
    "GET /api/v1/governance-bodies": EVERYONE,
    "POST /api/v1/governance-bodies": EDITORS,
    "GET /api/v1/governance-bodies/{key}": EVERYONE,
    "PATCH /api/v1/governance-bodies/{key}": EDITORS,
    "GET /api/v1/governance-bodies/{key}/escalations": SIGNED_IN,
    "GET /api/v1/governance-bodies/{key}/history": SIGNED_IN,
    "POST /api/v1/governance-bodies/{key}/members": EDITORS,
    "DELETE /api/v1/governance-bodies/{key}/members/{member_id}": EDITORS,
    "GET /api/v1/governance-bodies/{key}/scheme-of-delegation": EVERYONE,
    "GET /api/v1/governance-bodies/{key}/terms-of-reference": EVERYONE,
    "PUT /api/v1/governance-bodies/{key}/terms-of-reference": SECRETARIES,
    "GET /api/v1/highlight-reports": SIGNED_IN,
    "POST /api/v1/highlight-reports": PLACE_EDITORS,
    "GET /api/v1/highlight-reports/rollup": SIGNED_IN,
    "DELETE /api/v1/highlight-reports/{project}/{period}": PLACE_EDITORS,
    "GET /api/v1/highlight-reports/{project}/{period}": SIGNED_IN,
    "PATCH /api/v1/highlight-reports/{project}/{period}": PLACE_EDITORS,
    "GET /api/v1/highlight-reports/{project}/{period}/history": SIGNED_IN,
    "POST /api/v1/highlight-reports/{project}/{period}/revise": PLACE_EDITORS,
    "POST /api/v1/highlight-reports/{project}/{period}/submit": PLACE_EDITORS,
    "GET /api/v1/impact-assessments": SIGNED_IN,
    "POST /api/v1/impact-assessments": EDITORS,
    "DELETE /api/v1/impact-assessments/{key}": EDITORS,
    "GET /api/v1/impact-assessments/{key}": SIGNED_IN,
    "PATCH /api/v1/impact-assessments/{key}": EDITORS,
    "GET /api/v1/impact-assessments/{key}/history": SIGNED_IN,
    "GET /api/v1/impact-assessments/{key}/principles": SIGNED_IN,
    "PUT /api/v1/impact-assessments/{key}/principles": EDITORS,
    "GET /api/v1/impact-domains": SIGNED_IN,
    "GET /api/v1/interests": SIGNED_IN,
    "POST /api/v1/interests": SECRETARIES,
    "GET /api/v1/interests/export.{kind}": SIGNED_IN,
    "POST /api/v1/interests/import": SECRETARIES,
    "GET /api/v1/interests/published": EVERYONE,
    "DELETE /api/v1/interests/{reference}": SECRETARIES,
    "GET /api/v1/interests/{reference}": SIGNED_IN,
    "PATCH /api/v1/interests/{reference}": SECRETARIES,
    "GET /api/v1/interests/{reference}/history": SIGNED_IN,
    "GET /api/v1/issues": SIGNED_IN,
    "POST /api/v1/issues": EDITORS,
    "GET /api/v1/issues/export.{kind}": SIGNED_IN,
    "POST /api/v1/issues/import": EDITORS,
    "DELETE /api/v1/issues/{reference}": EDITORS,
    "GET /api/v1/issues/{reference}": SIGNED_IN,
    "PATCH /api/v1/issues/{reference}": EDITORS,
    "GET /api/v1/issues/{reference}/history": SIGNED_IN,
    "GET /api/v1/me/items": SIGNED_IN,
    "GET /api/v1/meetings": EVERYONE,
    "POST /api/v1/meetings": SECRETARIES,
    "PUT /api/v1/meetings/member-accounts/{username}": ADMIN,
    "POST /api/v1/meetings/schedule": SECRETARIES,
    "GET /api/v1/meetings/{meeting_id}": EVERYONE,
    "GET /api/v1/meetings/{meeting_id}/agenda": EVERYONE,
    "POST /api/v1/meetings/{meeting_id}/agenda/build": SECRETARIES,
    "POST /api/v1/meetings/{meeting_id}/agenda/items": SECRETARIES,
    "POST /api/v1/meetings/{meeting_id}/agenda/items/{item_id}/actions": SECRETARIES,
    "POST /api/v1/meetings/{meeting_id}/agenda/items/{item_id}/amendments": SECRETARIES,
    "POST /api/v1/meetings/{meeting_id}/agenda/items/{item_id}/decision": SECRETARIES,
    "POST /api/v1/meetings/{meeting_id}/agenda/items/{item_id}/decisions": SECRETARIES,
    "PUT /api/v1/meetings/{meeting_id}/agenda/items/{item_id}/minute": SECRETARIES,
    "PUT /api/v1/meetings/{meeting_id}/attendance": SECRETARIES,
    "POST /api/v1/meetings/{meeting_id}/cancel": SECRETARIES,
    "GET /api/v1/meetings/{meeting_id}/decisions": EVERYONE,
    "GET /api/v1/meetings/{meeting_id}/declarations": EVERYONE,
    "POST /api/v1/meetings/{meeting_id}/declarations": SECRETARIES,
    "POST /api/v1/meetings/{meeting_id}/guests": SECRETARIES,
    "POST /api/v1/meetings/{meeting_id}/minutes/approve": SECRETARIES,
    "POST /api/v1/meetings/{meeting_id}/move": SECRETARIES,
    "POST /api/v1/meetings/{meeting_id}/pack": SECRETARIES,
    "GET /api/v1/meetings/{meeting_id}/papers": EVERYONE,
    "POST /api/v1/meetings/{meeting_id}/papers": SECRETARIES,
    "PUT /api/v1/meetings/{meeting_id}/papers/{paper_id}": SECRETARIES,
    "GET /api/v1/meetings/{meeting_id}/papers/{paper_id}/file": SECRETARIES,
    "POST /api/v1/meetings/{meeting_id}/papers/{paper_id}/versions": SECRETARIES,
    "GET /api/v1/milestones": SIGNED_IN,
    "POST /api/v1/milestones": EDITORS,
    "GET /api/v1/milestones/export.{fmt}": SIGNED_IN,
    "GET /api/v1/milestones/summary": SIGNED_IN,
    "DELETE /api/v1/milestones/{key}": EDITORS,
    "GET /api/v1/milestones/{key}": SIGNED_IN,
    "PATCH /api/v1/milestones/{key}": EDITORS,
    "GET /api/v1/milestones/{key}/history": SIGNED_IN,
    "GET /api/v1/milestones/{key}/what-moves": SIGNED_IN,
    "GET /api/v1/objectives": SIGNED_IN,
    "GET /api/v1/openapi.json": EVERYONE,
    "GET /api/v1/organisations": EVERYONE,
    "POST /api/v1/organisations": EDITORS,
    "GET /api/v1/organisations/{code}": EVERYONE,
    "PATCH /api/v1/organisations/{code}": ANY_EDITOR,
    "GET /api/v1/organisations/{code}/history": SIGNED_IN,
    "GET /api/v1/oversight": EVERYONE,
    "GET /api/v1/people": EVERYONE,
    "GET /api/v1/people/{key}": EVERYONE,
    "GET /api/v1/people/{key}/interests": SIGNED_IN,
    "GET /api/v1/places": EVERYONE,
    "GET /api/v1/places/{code}": EVERYONE,
    "PATCH /api/v1/places/{code}": PLACE_EDITORS,
    "GET /api/v1/plan-dependencies": SIGNED_IN,
    "POST /api/v1/plan-dependencies": EDITORS,
    "DELETE /api/v1/plan-dependencies/{dependency_id}": EDITORS,
    "GET /api/v1/plan-roles": SIGNED_IN,
    "GET /api/v1/plan-settings": SIGNED_IN,
    "PUT /api/v1/plan-settings": PMO,
    "GET /api/v1/plan/export.xlsx": SIGNED_IN,
    "GET /api/v1/plan/export.xml": SIGNED_IN,
    "POST /api/v1/plan/import": EDITORS,
    "GET /api/v1/plan/milestones.ics": SIGNED_IN,
    "GET /api/v1/population/allocation": EVERYONE,
    "GET /api/v1/population/cohorts": COORDINATORS,
    "GET /api/v1/population/overview": EVERYONE,
    "GET /api/v1/population/pcns/{code}": EVERYONE,
    "GET /api/v1/population/runs/latest": EVERYONE,
    "GET /api/v1/population/{result}": EVERYONE,
    "GET /api/v1/planning-frameworks": EVERYONE,
    "GET /api/v1/planning-frameworks/{key}": EVERYONE,
    "GET /api/v1/principle-sets": EVERYONE,
    "POST /api/v1/principle-sets": EDITORS,
    "GET /api/v1/principle-sets/{key}": EVERYONE,
    "PATCH /api/v1/principle-sets/{key}": EDITORS,
    "GET /api/v1/principle-sets/{key}/history": SIGNED_IN,
    "POST /api/v1/principle-sets/{key}/principles": EDITORS,
    "GET /api/v1/principle-sets/{key}/principles/{number}": EVERYONE,
    "PATCH /api/v1/principle-sets/{key}/principles/{number}": EDITORS,
    "GET /api/v1/programme/dashboard": SIGNED_IN,
    "GET /api/v1/programmes": SIGNED_IN,
    "GET /api/v1/projects": SIGNED_IN,
    "POST /api/v1/projects": EDITORS,
    "DELETE /api/v1/projects/{key}": EDITORS,
    "GET /api/v1/projects/{key}": SIGNED_IN,
    "PATCH /api/v1/projects/{key}": EDITORS,
    "GET /api/v1/projects/{key}/history": SIGNED_IN,
    "GET /api/v1/resource-plan": SIGNED_IN,
    "POST /api/v1/resource-plan": EDITORS,
    "DELETE /api/v1/resource-plan/{key}": EDITORS,
    "GET /api/v1/resource-plan/{key}": SIGNED_IN,
    "PATCH /api/v1/resource-plan/{key}": EDITORS,
    "GET /api/v1/resource-plan/{key}/history": SIGNED_IN,
    "GET /api/v1/risk-matrix": SIGNED_IN,
    "PUT /api/v1/risk-matrix": PMO,
    "GET /api/v1/risks": SIGNED_IN,
    "POST /api/v1/risks": EDITORS,
    "GET /api/v1/risks/export.csv": SIGNED_IN,
    "GET /api/v1/risks/export.xlsx": SIGNED_IN,
    "POST /api/v1/risks/import": ANY_EDITOR,
    "DELETE /api/v1/risks/{reference}": PLACE_EDITORS,
    "GET /api/v1/risks/{reference}": SIGNED_IN,
    "PATCH /api/v1/risks/{reference}": PLACE_EDITORS,
    "GET /api/v1/risks/{reference}/history": SIGNED_IN,
    "GET /api/v1/search": EVERYONE,
    "GET /api/v1/sign-offs": SIGNED_IN,
    "POST /api/v1/sign-offs": EDITORS,
    "DELETE /api/v1/sign-offs/{key}": EDITORS,
    "GET /api/v1/sign-offs/{key}": SIGNED_IN,
    "PATCH /api/v1/sign-offs/{key}": EDITORS,
    "GET /api/v1/sign-offs/{key}/history": SIGNED_IN,
    "GET /api/v1/stakeholders": SIGNED_IN,
    "POST /api/v1/stakeholders": EDITORS,
    "DELETE /api/v1/stakeholders/{key}": EDITORS,
    "GET /api/v1/stakeholders/{key}": SIGNED_IN,
    "PATCH /api/v1/stakeholders/{key}": EDITORS,
    "GET /api/v1/stakeholders/{key}/history": SIGNED_IN,
    "GET /api/v1/system-map": EVERYONE,
    "GET /api/v1/workstreams": SIGNED_IN,
    "POST /api/v1/workstreams": EDITORS,
    "DELETE /api/v1/workstreams/{key}": EDITORS,
    "GET /api/v1/workstreams/{key}": SIGNED_IN,
    "PATCH /api/v1/workstreams/{key}": EDITORS,
    "GET /api/v1/workstreams/{key}/history": SIGNED_IN,
    "GET /api/v1/you-said-we-did": EVERYONE,
    "POST /api/v1/you-said-we-did": EDITORS,
    "DELETE /api/v1/you-said-we-did/{reference}": EDITORS,
    "GET /api/v1/you-said-we-did/{reference}": SIGNED_IN,
    "PATCH /api/v1/you-said-we-did/{reference}": EDITORS,
    "GET /assurance": EVERYONE,
    "GET /assurance/exception-rules": SIGNED_IN,
    "POST /assurance/exception-rules": PMO,
    "POST /assurance/exception-rules/{rule_id}/delete": PMO,
    "GET /assurance/finance": EVERYONE,
    "GET /assurance/import": EDITORS,
    "POST /assurance/import": EDITORS,
    "GET /assurance/measures": EVERYONE,
    "GET /assurance/measures/{key}": EVERYONE,
    "GET /assurance/measures/{key}/{entity_code}": EVERYONE,
    "POST /assurance/measures/{key}/{entity_code}/narrative": EDITORS,
    "GET /assurance/report": EVERYONE,
    "GET /assurance/report/{period}": EVERYONE,
    "GET /assurance/report/{period}.{kind}": EVERYONE,
    "GET /functions": EVERYONE,
    "GET /functions/{key}": EVERYONE,
    "GET /functions/{key}/allocations/new": ANY_EDITOR,
    "POST /functions/{key}/allocations/new": EDITORS,
    "GET /functions/{key}/allocations/{allocation_id}/edit": ANY_EDITOR,
    "POST /functions/{key}/allocations/{allocation_id}/edit": EDITORS,
    "GET /functions/{key}/allocations/{allocation_id}/principles": ANY_EDITOR,
    "POST /functions/{key}/allocations/{allocation_id}/principles": EDITORS,
    "GET /governance": EVERYONE,
    "GET /governance/new": ANY_EDITOR,
    "GET /governance/oversight": EVERYONE,
    "POST /governance/new": EDITORS | {"org_editor"},                  # a body its organisation hosts
    "GET /governance/{key}": EVERYONE,
    "GET /governance/{key}/edit": EDITORS,
    "POST /governance/{key}/edit": EDITORS,
    "GET /governance/{key}/escalations": SIGNED_IN,
    "POST /governance/{key}/members": EDITORS,
    "POST /governance/{key}/members/{member_id}/remove": EDITORS,
    "GET /governance/{key}/scheme-of-delegation": EVERYONE,
    "GET /governance/{key}/terms-of-reference": EVERYONE,
    "POST /governance/{key}/terms-of-reference": SECRETARIES,
    "GET /interests": SIGNED_IN,
    "GET /interests/export.{kind}": SIGNED_IN,
    "GET /interests/import": SECRETARIES,
    "POST /interests/import": SECRETARIES,
    "GET /interests/new": SECRETARIES,
    "POST /interests/new": SECRETARIES,
    "GET /interests/published": EVERYONE,
    "GET /interests/{reference}": SIGNED_IN,
    "POST /interests/{reference}/delete": SECRETARIES,
    "GET /interests/{reference}/edit": SECRETARIES,
    "POST /interests/{reference}/edit": SECRETARIES,
    "GET /login": EVERYONE,
    "GET /meetings": EVERYONE,
    "GET /meetings/bodies/{key}.ics": EVERYONE,
    "GET /meetings/calendar.ics": EVERYONE,
    "GET /meetings/feed.atom": EVERYONE,
    "GET /meetings/member-accounts": ADMIN,
    "POST /meetings/member-accounts": ADMIN,
    "GET /meetings/people/{key}.ics": EVERYONE,
    "GET /meetings/schedule": SECRETARIES,
    "POST /meetings/schedule": SECRETARIES,
    "GET /meetings/{meeting_id}": EVERYONE,
    "POST /meetings/{meeting_id}/approve": SECRETARIES,
    "POST /meetings/{meeting_id}/attendance": SECRETARIES,
    "POST /meetings/{meeting_id}/build-agenda": SECRETARIES,
    "POST /meetings/{meeting_id}/cancel": SECRETARIES,
    "POST /meetings/{meeting_id}/declarations": SECRETARIES,
    "POST /meetings/{meeting_id}/guests": SECRETARIES,
    "POST /meetings/{meeting_id}/items": SECRETARIES,
    "POST /meetings/{meeting_id}/items/{item_id}/actions": SECRETARIES,
    "POST /meetings/{meeting_id}/items/{item_id}/amend": SECRETARIES,
    "POST /meetings/{meeting_id}/items/{item_id}/decide": SECRETARIES,
    "POST /meetings/{meeting_id}/items/{item_id}/decisions": SECRETARIES,
    "POST /meetings/{meeting_id}/items/{item_id}/minute": SECRETARIES,
    "POST /meetings/{meeting_id}/move": SECRETARIES,
    "POST /meetings/{meeting_id}/pack": SECRETARIES,
    "GET /meetings/{meeting_id}/pack.html": EVERYONE,
    "GET /meetings/{meeting_id}/pack.pdf": EVERYONE,
    "POST /meetings/{meeting_id}/papers": SECRETARIES,
    "POST /meetings/{meeting_id}/papers/{paper_id}": SECRETARIES,
    "GET /meetings/{meeting_id}/papers/{paper_id}/file": SECRETARIES,
    "POST /meetings/{meeting_id}/papers/{paper_id}/versions": SECRETARIES,
    "GET /organisations": EVERYONE,
    "GET /organisations/new": ANY_EDITOR,
    "POST /organisations/new": PLACE_EDITORS,
    "GET /organisations/{code}": EVERYONE,
    "GET /organisations/{code}/edit": ANY_EDITOR,
    "POST /organisations/{code}/edit": ANY_EDITOR,
    "GET /people/{key}": EVERYONE,
    "GET /population": EVERYONE,
    "GET /population/allocation": EVERYONE,
    "GET /population/allocation/tables/{name}.{kind}": EVERYONE,
    "GET /population/inequalities": EVERYONE,
    "GET /population/inequalities/tables/{name}.{kind}": EVERYONE,
    "GET /population/pcns/{code}": EVERYONE,
    "GET /population/pcns/{code}/cohorts/{tier}": COORDINATORS,
    "GET /population/pcns/{code}/tables/{name}.{kind}": EVERYONE,
    "GET /population/tables/{name}.{kind}": EVERYONE,
    "GET /planning": EVERYONE,
    "GET /planning/{key}": EVERYONE,
    "GET /principles": EVERYONE,
    "GET /principles/new": EDITORS,
    "POST /principles/new": EDITORS,
    "GET /principles/{key}": EVERYONE,
    "GET /principles/{key}/edit": EDITORS,
    "POST /principles/{key}/edit": EDITORS,
    "GET /principles/{key}/principles/new": EDITORS,
    "POST /principles/{key}/principles/new": EDITORS,
    "GET /principles/{key}/{number}": EVERYONE,
    "GET /principles/{key}/{number}/edit": EDITORS,
    "POST /principles/{key}/{number}/edit": EDITORS,
    "GET /programme": SIGNED_IN,
    "POST /programme/assumptions/{reference}/invalidate": EDITORS,
    "GET /programme/benefits": SIGNED_IN,
    "GET /programme/benefits/actuals/import": EDITORS,
    "POST /programme/benefits/actuals/import": EDITORS,
    "GET /programme/benefits/export.{kind}": SIGNED_IN,
    "GET /programme/benefits/import": EDITORS,
    "POST /programme/benefits/import": EDITORS,
    "GET /programme/benefits/new": ANY_EDITOR,
    "POST /programme/benefits/new": EDITORS,
    "GET /programme/benefits/{key}": SIGNED_IN,
    "POST /programme/benefits/{key}/actuals": EDITORS,
    "POST /programme/benefits/{key}/actuals/{on_date}/delete": EDITORS,
    "POST /programme/benefits/{key}/delete": EDITORS,
    "GET /programme/benefits/{key}/edit": ANY_EDITOR,
    "POST /programme/benefits/{key}/edit": EDITORS,
    "GET /programme/benefits/{key}/trajectory": ANY_EDITOR,
    "POST /programme/benefits/{key}/trajectory": EDITORS,
    "GET /programme/decisions/{reference}/principles": ANY_EDITOR,
    "POST /programme/decisions/{reference}/principles": EDITORS,
    "GET /programme/engagement": SIGNED_IN,
    "GET /programme/engagement/audiences": SIGNED_IN,
    "GET /programme/engagement/audiences/new": ANY_EDITOR,
    "POST /programme/engagement/audiences/new": EDITORS,
    "GET /programme/engagement/audiences/{key}/edit": ANY_EDITOR,
    "POST /programme/engagement/audiences/{key}/edit": EDITORS,
    "GET /programme/engagement/communications": SIGNED_IN,
    "GET /programme/engagement/communications/new": ANY_EDITOR,
    "POST /programme/engagement/communications/new": EDITORS,
    "GET /programme/engagement/communications/{key}/edit": ANY_EDITOR,
    "POST /programme/engagement/communications/{key}/edit": EDITORS,
    "GET /programme/engagement/occurrences": SIGNED_IN,
    "POST /programme/engagement/occurrences/{occurrence_id}/done": EDITORS,
    "GET /programme/engagement/stakeholders": SIGNED_IN,
    "GET /programme/engagement/stakeholders/map": SIGNED_IN,
    "GET /programme/engagement/stakeholders/{key}/edit": ANY_EDITOR,
    "POST /programme/engagement/stakeholders/{key}/edit": EDITORS,
    "GET /programme/engagement/you-said-we-did": EVERYONE,
    "GET /programme/engagement/you-said-we-did/new": ANY_EDITOR,
    "POST /programme/engagement/you-said-we-did/new": EDITORS,
    "GET /programme/escalation-rules": SIGNED_IN,
    "POST /programme/escalation-rules": PMO,
    "POST /programme/escalation-rules/{rule_id}/delete": PMO,
    "GET /programme/highlights": SIGNED_IN,
    "GET /programme/highlights/new": ANY_EDITOR,
    "POST /programme/highlights/new": PLACE_EDITORS,
    "GET /programme/highlights/rollup": SIGNED_IN,
    "GET /programme/highlights/rollup/print": SIGNED_IN,
    "GET /programme/highlights/{project}/{period}": SIGNED_IN,
    "POST /programme/highlights/{project}/{period}/delete": PLACE_EDITORS,
    "GET /programme/highlights/{project}/{period}/edit": ANY_EDITOR,
    "POST /programme/highlights/{project}/{period}/edit": PLACE_EDITORS,
    "GET /programme/highlights/{project}/{period}/print": SIGNED_IN,
    "POST /programme/highlights/{project}/{period}/revise": PLACE_EDITORS,
    "POST /programme/highlights/{project}/{period}/submit": PLACE_EDITORS,
    "GET /programme/impact-assessments": SIGNED_IN,
    "GET /programme/impact-assessments/new": ANY_EDITOR,
    "POST /programme/impact-assessments/new": EDITORS,
    "GET /programme/impact-assessments/{key}": SIGNED_IN,
    "POST /programme/impact-assessments/{key}/delete": EDITORS,
    "GET /programme/impact-assessments/{key}/edit": ANY_EDITOR,
    "POST /programme/impact-assessments/{key}/edit": EDITORS,
    "GET /programme/impact-assessments/{key}/principles": ANY_EDITOR,
    "POST /programme/impact-assessments/{key}/principles": EDITORS,
    "GET /programme/my-items": SIGNED_IN,
    "GET /programme/plan": SIGNED_IN,
    "POST /programme/plan-dependencies/{dependency_id}/delete": EDITORS,
    "GET /programme/plan/export.xlsx": SIGNED_IN,
    "GET /programme/plan/export.xml": SIGNED_IN,
    "GET /programme/plan/import": EDITORS,
    "POST /programme/plan/import": EDITORS,
    "POST /programme/plan/import/confirm": EDITORS,
    "GET /programme/plan/milestones.ics": SIGNED_IN,
    "GET /programme/resources": SIGNED_IN,
    "GET /programme/resources/new": ANY_EDITOR,
    "POST /programme/resources/new": EDITORS,
    "GET /programme/resources/{key}/edit": ANY_EDITOR,
    "POST /programme/resources/{key}/edit": EDITORS,
    "GET /programme/risks": SIGNED_IN,
    "GET /programme/risks/export.{kind}": SIGNED_IN,
    "GET /programme/risks/heatmap": SIGNED_IN,
    "GET /programme/risks/import": ANY_EDITOR,
    "POST /programme/risks/import": ANY_EDITOR,
    "GET /programme/risks/new": ANY_EDITOR,
    "POST /programme/risks/new": PLACE_EDITORS,
    "GET /programme/risks/{reference}": SIGNED_IN,
    "POST /programme/risks/{reference}/delete": PLACE_EDITORS,
    "GET /programme/risks/{reference}/edit": ANY_EDITOR,
    "POST /programme/risks/{reference}/edit": PLACE_EDITORS,
    "GET /programme/sign-off": SIGNED_IN,
    "GET /programme/sign-off/{key}/edit": ANY_EDITOR,
    "POST /programme/sign-off/{key}/edit": EDITORS,
    "GET /programme/{key:raidlog}": SIGNED_IN,
    "GET /programme/{key:raidlog}/export.{kind}": SIGNED_IN,
    "GET /programme/{key:raidlog}/import": EDITORS,
    "POST /programme/{key:raidlog}/import": EDITORS,
    "GET /programme/{key:raidlog}/new": ANY_EDITOR,
    "POST /programme/{key:raidlog}/new": EDITORS,
    "GET /programme/{key:raidlog}/{reference}": SIGNED_IN,
    "POST /programme/{key:raidlog}/{reference}/delete": EDITORS,
    "GET /programme/{key:raidlog}/{reference}/edit": ANY_EDITOR,
    "POST /programme/{key:raidlog}/{reference}/edit": EDITORS,
    "GET /programme/{kind:plansched}": SIGNED_IN,
    "GET /programme/{kind:plansched}/export.{fmt}": SIGNED_IN,
    "GET /programme/{kind:plansched}/new": ANY_EDITOR,
    "POST /programme/{kind:plansched}/new": EDITORS,
    "GET /programme/{kind:plansched}/{key}": SIGNED_IN,
    "POST /programme/{kind:plansched}/{key}/delete": EDITORS,
    "POST /programme/{kind:plansched}/{key}/dependencies": EDITORS,
    "GET /programme/{kind:plansched}/{key}/edit": ANY_EDITOR,
    "POST /programme/{kind:plansched}/{key}/edit": EDITORS,
    "GET /programme/{kind:plansched}/{key}/what-moves": SIGNED_IN,
    "GET /programme/{kind:planstruct}/new": ANY_EDITOR,
    "POST /programme/{kind:planstruct}/new": EDITORS,
    "GET /programme/{kind:planstruct}/{key}/edit": ANY_EDITOR,
    "POST /programme/{kind:planstruct}/{key}/edit": EDITORS,
    "GET /programmes": SIGNED_IN,
    "GET /search": EVERYONE,
    "GET /system-map": EVERYONE,
}

HIDDEN_FROM_ANONYMOUS = {  # records not public: anonymous callers are told they do not exist (404), not to sign in
    "GET /api/v1/meetings/{meeting_id}/papers/{paper_id}/file", "GET /meetings/{meeting_id}/papers/{paper_id}/file",
    "GET /api/v1/you-said-we-did/{reference}", "PATCH /api/v1/you-said-we-did/{reference}",
    "DELETE /api/v1/you-said-we-did/{reference}",
}


def setup_records(admin: TestClient, samples: dict) -> None:
    """Records the example lacks, made once as an administrator, so every row's path names a real record."""
    def made(response, *fields):
        assert response.status_code in (200, 201), response.text
        body = response.json()
        return [str(body[f]) for f in fields]
    for kind in ("issues", "actions", "dependencies"):
        samples[f"{kind}/reference"], = made(admin.post(f"/api/v1/{kind}", json={"title": f"Matrix {kind}"}),
                                             "reference")
    samples["risks/reference"], = made(admin.post("/api/v1/risks", json={
        "title": "East Kent matrix risk", "scope": "place", "scope_ref": "east-kent"}), "reference")
    samples["interests/reference"], = made(admin.post("/api/v1/interests", json={
        "person": "glenn-douglas", "type": "non_financial_professional", "description": "Trustee",
        "valid_from": "2026-01-01"}), "reference")
    samples["you-said-we-did/reference"], = made(admin.post("/api/v1/you-said-we-did", json={"you_said": "Matrix"}),
                                                 "reference")
    samples["impact-assessments/key"], = made(admin.post("/api/v1/impact-assessments", json={"title": "Matrix"}),
                                              "key")
    made(admin.post("/api/v1/highlight-reports", json={"project": "east-kent-icp", "period": samples["period"]}),
         "project")
    samples["project"] = "east-kent-icp"
    samples["allocations/allocation_id"] = str(admin.get(f"/api/v1/functions/{samples['functions/key']}").json()
                                               ["allocations"][0]["id"])
    samples["members/member_id"] = str(admin.get(f"/api/v1/governance-bodies/{ICB}").json()["members"][-1]["id"])
    made(admin.post(f"/api/v1/benefits/{samples['benefits/key']}/actuals", json={"date": "2026-01-01", "value": 1}))
    samples["occurrence_id"] = str(admin.get("/api/v1/communication-occurrences").json()["items"][0]["id"])
    meeting = schedule(admin, ICB, "2027-01-05", "2027-02-28")[0]
    samples["meeting_id"] = str(meeting["id"])
    samples["items/item_id"], = made(admin.post(f"/api/v1/meetings/{meeting['id']}/agenda/items",
                                                json={"title": "Matrix item"}), "id")
    samples["papers/paper_id"], = made(admin.post(f"/api/v1/meetings/{meeting['id']}/papers", data={
        "title": "Matrix paper", "public": "false", "purpose": "decision"},
        files={"file": ("paper.pdf", pdf_of(1))}), "id")


HALVES = {"api": lambda route: route.is_api, "pages": lambda route: not route.is_api}


@pytest.fixture(scope="module", params=[(backend, half) for backend in BACKENDS for half in HALVES],
                ids=lambda param: "-".join(param))
def matrix(request, templates):
    """One database, app and set of signed-in clients per backend and half of the matrix."""
    from caresystem.web.app import create_app
    from tests.conftest import Database

    backend, half = request.param
    backend_templates = templates(backend)
    url, tokens = backend_templates.fresh("example")
    db = Database(url=url, backend=backend, tokens=dict(tokens))
    with db.session() as session:
        for username, (role, scopes) in EXTRA_USERS.items():
            create_user(session, username=username, role=role, password=PASSWORD, **scopes)
            db.tokens[username] = create_token(session, username=username)
        session.commit()
    app = create_app(settings_for(url))
    clients = Clients(app, db.tokens)
    samples = dict(SAMPLES)
    setup_records(clients.api["admin"], samples)
    yield app, clients, samples, HALVES[half]
    clients.close()
    app.state.engine.dispose()
    db.engine.dispose()
    backend_templates.release(url)


NOT_PROBED = {  # rows that exist but are not probed here, and where they are tested
    "POST /login": "anyone may try to sign in (tests/integration/test_sign_in_and_sessions.py)",
    "POST /logout": "would end the matrix's own sessions (tests/integration/test_sign_in_and_sessions.py)",
}


def test_every_route_has_a_row(matrix):
    app, _, _, _ = matrix
    rows = {route.row for route in app_routes(app)}
    missing = sorted(rows - set(ACCESS) - set(NOT_PROBED))
    assert not missing, ("Add a row to ACCESS in tests/integration/test_route_matrix.py saying who may use each new "
                         "route: " + ", ".join(missing))
    assert not sorted(set(ACCESS) - rows), f"ACCESS has rows for routes the app no longer has: {set(ACCESS) - rows}"


def _probe_order(route):
    """Reads first, then writes, removals last: what a write does (an allowed role's empty body) cannot hide a record
    from a later row."""
    removal = route.method == "DELETE" or route.path.endswith(("/delete", "/remove"))
    return route.method not in READING, removal, route.path


def test_each_role_reaches_exactly_the_routes_its_row_allows(matrix):
    app, clients, samples, in_half = matrix
    bodies = Bodies(clients.api["admin"].get("/api/v1/openapi.json").json(), BODY_SAMPLES)
    wrong = []
    for route in sorted((r for r in app_routes(app) if r.row in ACCESS and in_half(r)), key=_probe_order):
        path, allowed = fill(route.path, samples), ACCESS[route.row]
        for role in sorted(ROLES, key=lambda role: role in allowed):  # refusals first: they change nothing
            refused = role not in allowed
            response = probe(clients, route, path, role, refused=refused, bodies=bodies, samples=samples)
            got, expected = outcome(response), _expected(route, role, refused)
            if got not in ACCEPTED[expected] or response.status_code >= 500:
                wrong.append(f"{route.row} as {role}: {response.status_code} ({got}), expected {expected}")
    assert not wrong, "\n".join(wrong)


# An allowed role may find no record to show (a population not yet run): not refused is what is asked of it.
ACCEPTED = {"allowed": {"allowed", "hidden"}, "sign in": {"sign in"}, "refused": {"refused"}, "hidden": {"hidden"}}


def _expected(route, role: str, refused: bool) -> str:
    if not refused:
        return "allowed"
    if role == "anonymous":
        return "hidden" if route.row in HIDDEN_FROM_ANONYMOUS else "sign in"
    return "refused"


def test_no_history_is_readable_anonymously():
    histories = [row for row in ACCESS if row.startswith("GET ") and row.endswith("/history")]
    assert histories and all("anonymous" not in ACCESS[row] for row in histories)
