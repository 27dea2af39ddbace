"""The principles register: the example's sets as the documents number them, dated; a decision citing a principle
shows on both pages, bumps the decision's version and is audited on it; reads for anyone, writes for system editors;
on SQLite and PostgreSQL."""

from datetime import date

import yaml

import pytest
from sqlalchemy import select

from caresystem.auth import SYSTEM
from caresystem.errors import Invalid
from caresystem.system import interchange
from caresystem.system.principles import PrincipleSet
from tests.conftest import csrf_of, login

EXPECTED = {  # set key: (kind, document, section, dated, number of principles, numbers)
    "rules-of-engagement-2016": ("rules_of_engagement", "003", "paragraph 48", date(2016, 3, 9), list("abcdefghij")),
    "design-principles-2021": ("design", "002", "4", date(2021, 6, 30), [str(n) for n in range(1, 14)]),
    "partnership-principles-2021": ("partnership", "002", "6.2.2", date(2021, 6, 30), [str(n) for n in range(1, 11)]),
    "person-centred-principles-2016": ("person_centred", "003", "paragraph 56", date(2016, 3, 9),
                                       [str(n) for n in range(1, 7)]),
    "system-transformation-communication-principles": ("communication", "000", "8.1", date(2019, 5, 24),
                                                       [str(n) for n in range(1, 6)]),
}
DESIGN_4 = "design-principles-2021-4"


def test_the_example_loads_each_set_as_its_document_numbers_and_dates_it(db):
    with db.session() as session:
        sets = {s.key: s for s in session.scalars(select(PrincipleSet))}
        assert set(sets) == set(EXPECTED)
        for key, (kind, document, section, dated, numbers) in EXPECTED.items():
            found = sets[key]
            assert (found.kind, found.source_document, found.source_section, found.document_dated, found.valid_from) \
                == (kind, document, section, dated, dated), key
            assert [p.number for p in found.principles] == numbers, key
            assert all(p.source_document == document and p.source_section == section for p in found.principles)
        design = {p.number: p for p in sets["design-principles-2021"].principles}
        assert design["4"].text.startswith("The system needs to be data and quality improvement driven.")
        assert design["5"].text.count("\n") == 4  # the four subsidiarity tests, a-d, each on its own line
        assert design["4"].citation == "design principle 4"
        timely = sets["system-transformation-communication-principles"].principles[3]
        assert (timely.name, timely.text[:40]) == ("Timely", "Communications and engagement that is ei")
        assert sets["rules-of-engagement-2016"].principles[-1].text == \
            "will listen and understand before we act and judge."


def test_anyone_reads_the_register_through_the_api(api):
    sets = api().get("/api/v1/principle-sets").json()
    assert {s["key"]: len(s["principles"]) for s in sets} == {k: len(v[4]) for k, v in EXPECTED.items()}
    assert [s["key"] for s in sets] == ["person-centred-principles-2016", "rules-of-engagement-2016",
                                        "system-transformation-communication-principles", "design-principles-2021",
                                        "partnership-principles-2021"]  # by the date of their documents
    design = api().get("/api/v1/principle-sets", params={"kind": "design"}).json()
    assert [s["key"] for s in design] == ["design-principles-2021"]
    assert api().get("/api/v1/principle-sets", params={"as_at": "2018-01-01"}).json()[0]["document_dated"] == \
        "2016-03-09"
    assert len(api().get("/api/v1/principle-sets", params={"as_at": "2018-01-01"}).json()) == 2
    one = api("viewer").get("/api/v1/principle-sets/design-principles-2021/principles/4").json()
    assert (one["key"], one["citation"]) == (DESIGN_4, "design principle 4")
    assert [(c["kind"], c["href"]) for c in one["cited_by"]] == [("function allocation", "/functions/data-and-digital")]
    assert api().get("/api/v1/principle-sets/design-principles-2021/principles/14").status_code == 404
    assert api().get("/api/v1/principle-sets/no-such-set").status_code == 404


def _decision(api) -> dict:
    made = api("editor").post("/api/v1/decisions", json={"title": "Commission the PHM tools at system level",
                                                        "decided_on": "2021-07-01"})
    assert made.status_code == 201
    return made.json()


def test_a_decision_cites_a_principle_through_the_api_audited_on_the_decision(api):
    decision = _decision(api)
    url = f"/api/v1/decisions/{decision['reference']}/principles"
    cited = api("editor").put(url, json={"version": decision["version"], "principles": [DESIGN_4]})
    assert cited.status_code == 200
    assert [p["citation"] for p in cited.json()["principles"]] == ["design principle 4"]
    assert cited.json()["version"] == decision["version"] + 1
    history = api("editor").get(f"/api/v1/decisions/{decision['reference']}/history").json()
    assert history[0]["changes"]["principles"] == [[], [DESIGN_4]]
    principle = api("viewer").get("/api/v1/principle-sets/design-principles-2021/principles/4").json()
    assert [(c["kind"], c["label"].split(":")[0]) for c in principle["cited_by"] if c["kind"] == "decision"] == \
        [("decision", decision["reference"])]
    anonymous = api().get("/api/v1/principle-sets/design-principles-2021/principles/4").json()["cited_by"]
    assert [c["kind"] for c in anonymous] == ["function allocation"]  # a decision is the programme's, not public


def test_a_refused_citation_changes_nothing(api):
    decision = _decision(api)
    url = f"/api/v1/decisions/{decision['reference']}/principles"
    unknown = api("editor").put(url, json={"version": decision["version"], "principles": [DESIGN_4, "design-99"]})
    assert unknown.status_code == 422 and "design-99" in unknown.text and "principles" in unknown.text
    stale = api("editor").put(url, json={"version": decision["version"] + 3, "principles": [DESIGN_4]})
    assert stale.status_code == 409
    assert api("viewer").put(url, json={"version": decision["version"], "principles": [DESIGN_4]}).status_code == 403
    now = api("editor").get(url).json()
    assert (now["version"], now["principles"]) == (decision["version"], [])


def test_a_decision_citing_a_principle_shows_on_both_pages(api, client):
    decision = _decision(api)
    reference = decision["reference"]
    login(client, "editor")
    form = client.get(f"/programme/decisions/{reference}/principles")
    assert form.status_code == 200 and f'value="{DESIGN_4}"' in form.text
    stale = client.post(f"/programme/decisions/{reference}/principles", data={
        "csrf_token": csrf_of(form.text), "version": str(decision["version"] + 2), "principles": [DESIGN_4]})
    assert stale.status_code == 409 and "Reload it" in stale.text
    saved = client.post(f"/programme/decisions/{reference}/principles", data={
        "csrf_token": csrf_of(form.text), "version": str(decision["version"]),
        "principles": [DESIGN_4, "partnership-principles-2021-4"]}, follow_redirects=True)
    assert saved.status_code == 200 and str(saved.url).endswith(f"/programme/decisions/{reference}?saved=1")
    assert 'href="/principles/design-principles-2021/4">Design principle 4</a>' in saved.text
    assert 'href="/principles/partnership-principles-2021/4">Partnership principle 4</a>' in saved.text
    assert f"[] → [&#39;{DESIGN_4}&#39;, &#39;partnership-principles-2021-4&#39;]" in saved.text  # the history
    page = client.get("/principles/design-principles-2021/4").text
    assert f'/programme/decisions/{reference}?programme=' in page and "Commission the PHM tools" in page
    assert "The system needs to be data and quality improvement driven." in page


def test_pages_list_the_sets_and_a_set_with_its_principles(client):
    listing = client.get("/principles").text
    assert all(f'href="/principles/{key}"' in listing for key in EXPECTED)
    assert '<caption class="nhsuk-table__caption">5 principle sets</caption>' in listing
    assert "2 principle sets in force on 1 January 2018</caption>" in client.get("/principles?as_at=2018-01-01").text
    page = client.get("/principles/partnership-principles-2021").text
    assert page.count('<li id="principle-') == 10 and "Document 002, 6.2.2" in page and "30 June 2021" in page
    assert client.get("/principles/design-principles-2021/99").status_code == 404


def test_system_editors_write_sets_and_principles_through_the_api(api):
    new = {"key": "place-principles", "kind": "design", "title": "Place design principles",
           "principles": [{"number": "1", "text": "Place leads"}, {"number": "1", "text": "Twice"}]}
    assert api("viewer").post("/api/v1/principle-sets", json=new).status_code == 403
    twice = api("editor").post("/api/v1/principle-sets", json=new)
    assert twice.status_code == 422 and "principles.1.number" in twice.text
    bad_kind = api("editor").post("/api/v1/principle-sets", json=new | {"kind": "values", "principles": []})
    assert bad_kind.status_code == 422 and "kind" in bad_kind.text
    made = api("editor").post("/api/v1/principle-sets", json=new | {"principles": new["principles"][:1]})
    assert made.status_code == 201 and made.json()["principles"][0]["key"] == "place-principles-1"
    added = api("editor").post("/api/v1/principle-sets/place-principles/principles",
                               json={"number": "2", "text": "Neighbourhoods deliver"})
    assert added.status_code == 201 and added.json()["citation"] == "design principle 2"
    emptied = api("editor").patch("/api/v1/principle-sets/place-principles/principles/2",
                                  json={"version": added.json()["version"], "text": None})
    assert emptied.status_code == 422 and "text" in emptied.text
    untitled = api("editor").patch("/api/v1/principle-sets/place-principles",
                                   json={"version": made.json()["version"], "title": None})
    assert untitled.status_code == 422 and "title" in untitled.text
    changed = api("editor").patch("/api/v1/principle-sets/place-principles/principles/2",
                                  json={"version": added.json()["version"], "text": "Neighbourhoods deliver care"})
    assert changed.status_code == 200 and changed.json()["version"] == added.json()["version"] + 1
    ended = api("editor").patch("/api/v1/principle-sets/place-principles",
                                json={"version": made.json()["version"], "valid_from": "2022-07-01",
                                      "valid_to": "2022-01-01"})
    assert ended.status_code == 422 and "valid_to" in ended.text


def test_a_bad_principles_file_is_refused_naming_the_set_and_field(db, tmp_path):
    (tmp_path / "principles.yaml").write_text(
        "- key: ours\n  kind: values\n  title: Our values\n  principles:\n"
        "  - {number: '1', text: Kindness}\n  - {number: '1', text: Candour}\n")
    with db.session() as session, pytest.raises(Invalid) as caught:
        interchange.import_directory(session, tmp_path, actor=SYSTEM)
    fields = {e.field for e in caught.value.errors}
    assert fields == {"principles.yaml (ours).kind", "principles.yaml (ours).principles"}


def test_an_impact_assessment_cites_principles_shown_on_both_pages(api, client):
    made = api("pmo").post("/api/v1/impact-assessments", json={"title": "Move stroke rehabilitation to three hubs"})
    assert made.status_code == 201
    key, version = made.json()["key"], made.json()["version"]
    url = f"/api/v1/impact-assessments/{key}/principles"
    cited = api("pmo").put(url, json={"version": version, "principles": ["person-centred-principles-2016-3"]})
    assert cited.status_code == 200 and cited.json()["version"] == version + 1
    history = api("pmo").get(f"/api/v1/impact-assessments/{key}/history").json()
    assert history[0]["changes"]["principles"] == [[], ["person-centred-principles-2016-3"]]
    login(client, "editor")
    form = client.get(f"/programme/impact-assessments/{key}/principles")
    assert 'value="person-centred-principles-2016-3" checked' in form.text
    stale = client.post(f"/programme/impact-assessments/{key}/principles", data={
        "csrf_token": csrf_of(form.text), "version": str(version), "principles": ["design-principles-2021-4"]})
    assert stale.status_code == 409 and 'value="design-principles-2021-4" checked' in stale.text
    assert 'value="person-centred-principles-2016-3" checked' not in stale.text  # the form keeps what was posted
    saved = client.post(f"/programme/impact-assessments/{key}/principles", data={
        "csrf_token": csrf_of(form.text), "version": str(version + 1),
        "principles": ["person-centred-principles-2016-3", "design-principles-2021-4"]}, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == f"/programme/impact-assessments/{key}?saved=1"
    login(client, "viewer")
    shown = client.get(f"/programme/impact-assessments/{key}").text
    assert 'href="/principles/person-centred-principles-2016/3">Person-centred principle 3</a>' in shown
    assert 'href="/principles/design-principles-2021/4">Design principle 4</a>' in shown
    page = client.get("/principles/person-centred-principles-2016/3").text
    assert f"/programme/impact-assessments/{key}?programme=" in page and "Impact assessment" in page


def test_a_function_allocation_cites_principles_through_page_and_api(api, client):
    function = api("admin").get("/api/v1/functions", params={"page_size": 500}).json()["items"][0]
    allocation = function["allocations"][0]
    url = f"/api/v1/functions/{function['key']}/allocations/{allocation['id']}/principles"
    assert api("viewer").put(url, json={"version": allocation["version"], "principles": ["design-principles-2021-5"]}
                             ).status_code == 403
    login(client, "editor")
    form = client.get(f"/functions/{function['key']}/allocations/{allocation['id']}/principles").text
    unknown = client.post(f"/functions/{function['key']}/allocations/{allocation['id']}/principles", data={
        "csrf_token": csrf_of(form), "version": str(allocation["version"]), "principles": ["design-principles-2021-77"]})
    assert unknown.status_code == 422 and "design-principles-2021-77" in unknown.text and 'href="#principles"' in \
        unknown.text
    saved = client.post(f"/functions/{function['key']}/allocations/{allocation['id']}/principles", data={
        "csrf_token": csrf_of(form), "version": str(allocation["version"]), "principles": ["design-principles-2021-5"]},
        follow_redirects=True)
    assert saved.status_code == 200 and 'href="/principles/design-principles-2021/5">Design principle 5</a>' in saved.text
    after = api("admin").get(f"/api/v1/functions/{function['key']}").json()["allocations"][0]
    assert (after["principles"], after["version"]) == (["design-principles-2021-5"], allocation["version"] + 1)
    cited_by = api("viewer").get("/api/v1/principle-sets/design-principles-2021/principles/5").json()["cited_by"]
    assert [(c["href"], c["source_document"]) for c in cited_by if c["dated"] == allocation["valid_from"]
            and c["href"] == f"/functions/{function['key']}"] == [(f"/functions/{function['key']}", None)]
    assert len(cited_by) == len(EXAMPLE_DESIGN_5) + 1
    again = api("editor").put(url, json={"version": after["version"], "principles": []})
    assert again.status_code == 200 and again.json()["principles"] == []
    cited_by = api("viewer").get("/api/v1/principle-sets/design-principles-2021/principles/5").json()["cited_by"]
    assert len(cited_by) == len(EXAMPLE_DESIGN_5)


# The example's citations (functions.yaml): each 2022 allocation that answers the subsidiarity tests applies design
# principle 5 (002 section 4); design principles 4, 6 and 11 and partnership principle 8 where 002 ties them to it.
EXAMPLE_DESIGN_5 = ["population-needs", "people-plan", "data-and-digital", "estates-procurement",
                    "specialised-commissioning", "integrated-care-strategy", "place-delivery", "provider-collaboration"]
EXAMPLE_OTHERS = {"design-principles-2021-4": ["data-and-digital"], "design-principles-2021-6": [
    "place-delivery", "provider-collaboration"], "design-principles-2021-11": ["integrated-care-strategy"],
    "partnership-principles-2021-8": ["place-delivery"]}


def test_the_example_cites_principles_where_document_002_does_with_the_section(api, client):
    design_5 = api().get("/api/v1/principle-sets/design-principles-2021/principles/5").json()["cited_by"]
    assert sorted(c["href"] for c in design_5) == sorted(f"/functions/{k}" for k in EXAMPLE_DESIGN_5)
    assert all(c["kind"] == "function allocation" and c["dated"] == "2022-07-01" and c["source_document"] == "002"
               and c["source_section"].startswith("4 (design principle 5") for c in design_5)
    for key, functions in EXAMPLE_OTHERS.items():
        set_key, number = key.rsplit("-", 1)
        cited = api().get(f"/api/v1/principle-sets/{set_key}/principles/{number}").json()["cited_by"]
        assert sorted(c["href"] for c in cited) == sorted(f"/functions/{k}" for k in functions), key
        assert all(c["source_document"] == "002" and f"principle {number}:" in c["source_section"] for c in cited)
    # the 2019-20 allocations (document 004) came before the 2021 principles and cite none
    allocations = api().get("/api/v1/functions/population-needs").json()["allocations"]
    assert [(a["valid_from"], a["principles"]) for a in allocations] == [
        ("2020-04-01", []), ("2022-07-01", ["design-principles-2021-5"])]
    page = client.get("/principles/design-principles-2021/5").text
    assert 'href="/functions/place-delivery"' in page and "Document 002, 4 (design principle 5" in page
    assert "Cited in caresystem" not in page
    # each citing allocation is named by its level as people say it, not the level's code
    assert "(Provider collaborative, Kent and Medway provider collaboratives)" in page
    assert "provider_collaborative" not in page and "(system," not in page and "(System, " in page


def test_a_citation_the_documents_do_not_allow_is_refused_on_load(db, tmp_path):
    (tmp_path / "functions.yaml").write_text("""functions:
- key: outcomes
  name: Setting the outcomes
  level: system
  holder: The system commissioner
  arrangement: retained
  valid_from: '2020-04-01'
  principles:
  - principle: design-principles-2021-1
  - principle: design-principles-2021-44
  - principle: design-principles-2021-44
""")
    with db.session() as session, pytest.raises(Invalid) as caught:
        interchange.import_directory(session, tmp_path, actor=SYSTEM)
    where = "functions.yaml (outcomes, system).principles"
    assert {(e.field, e.message) for e in caught.value.errors} == {
        (where, "cites 'design-principles-2021-44' twice"),
        (where, "cites principle 'design-principles-2021-44', which is not in the data"),
        (where, "cites 'design-principles-2021-1' from 2020-04-01, before its set comes into force on 2021-06-30")}


def test_citations_go_out_and_back_in_with_their_sources(db, tmp_path):
    with db.session() as session:
        interchange.export_directory(session, tmp_path)
    exported = yaml.safe_load((tmp_path / "functions.yaml").read_text())["functions"]
    place = next(f for f in exported if f["key"] == "place-delivery")
    assert [c["principle"] for c in place["principles"]] == ["design-principles-2021-5", "design-principles-2021-6",
                                                            "partnership-principles-2021-8"]
    assert place["principles"][2]["source"]["section"].startswith("6.2.2 (partnership principle 8")
    with db.session() as session:
        summary = interchange.import_directory(session, tmp_path, actor=SYSTEM)
        assert not summary.updated.get("function_allocations") and not summary.created.get("function_allocations")
