"""A risk's owner is a person of the system model or free text: the example's transition risks name their owners,
the top-risks panel shows them, and "my items" finds a person's risks by the linked person and by their name."""

from sqlalchemy import func, select, update

from caresystem.auth import create_user
from caresystem.programme.raid import Risk
from tests.conftest import login
from tests.databases import PASSWORD


def _risks(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Risk))


def test_owner_is_a_person_by_key_or_by_name_else_free_text(api, db):
    pmo = api("pmo")
    by_key = pmo.post("/api/v1/risks", json={"title": "Delegated functions arrive early",
                                              "owner_person": "wilf-williams"})
    assert by_key.status_code == 201, by_key.text
    assert (by_key.json()["owner"], by_key.json()["owner_person"]) == ("Wilf Williams", "wilf-williams")
    by_name = pmo.post("/api/v1/risks", json={"title": "Clinical chairs step down", "owner": " dr  bob bowes"}).json()
    assert (by_name["owner"], by_name["owner_person"]) == ("Dr Bob Bowes", "bob-bowes")
    free = pmo.post("/api/v1/risks", json={"title": "Estates slip", "owner": "Estates team"}).json()
    assert (free["owner"], free["owner_person"]) == ("Estates team", None)

    before = _risks(db)
    unknown = pmo.post("/api/v1/risks", json={"title": "Nobody owns this", "owner_person": "no-such-person"})
    assert unknown.status_code == 422 and "owner_person" in unknown.text and "no-such-person" in unknown.text
    assert _risks(db) == before

    reference = by_key.json()["reference"]
    moved = pmo.patch(f"/api/v1/risks/{reference}", json={"version": by_key.json()["version"],
                                                          "owner": "Finance team"}).json()
    assert (moved["owner"], moved["owner_person"]) == ("Finance team", None)


def test_example_transition_risks_name_their_owners_on_the_dashboard(client, db):
    with db.session() as session:
        owners = {ref: person for ref, person in session.execute(
            select(Risk.reference, Risk.owner_person).where(Risk.reference.like("ICS-%")))}
    assert owners == {"ICS-1": "mike-gilbert", "ICS-2": "mike-gilbert", "ICS-3": "becca-bradd",
                      "ICS-4": "becca-bradd", "ICS-5": "wilf-williams", "ICS-6": "becca-bradd", "ICS-7": None}
    login(client, "viewer")
    page = client.get("/programme", params={"programme": "ics-transition"}).text
    top = page.split("<h2>Top risks</h2>")[1].split("</table>")[0]
    assert top.count(">Becca Bradd<") == 2 and top.count(">Mike Gilbert<") == 2  # ICS-3, ICS-4; ICS-1, ICS-2
    assert top.count(">Not given<") == 1  # ICS-7: the document names no owner
    detail = client.get("/programme/risks/ICS-5", params={"programme": "ics-transition"}).text
    assert '<a href="/people/wilf-williams">Wilf Williams</a>' in detail


def test_my_items_finds_the_signed_in_persons_risks_as_their_milestones(client, db, api):
    with db.session() as session:
        create_user(session, username="wilf", role="pmo_admin", password=PASSWORD, display_name="Wilf Williams")
        session.commit()
    pmo = api("pmo")
    linked = pmo.post("/api/v1/risks", json={"title": "Typed by name", "owner": "wilf williams"}).json()
    free_text = pmo.post("/api/v1/risks", json={"title": "Recorded as text", "owner": "Wilf Williams "}).json()
    with db.session() as session:  # as a risk recorded before he was in the system model would be
        session.execute(update(Risk).where(Risk.reference == free_text["reference"]).values(owner_person=None))
        session.commit()
    login(client, "wilf")
    page = client.get("/programme/my-items").text
    assert "ICS-5" in page  # linked to the person in the example
    assert linked["owner_person"] == "wilf-williams" and linked["reference"] in page
    assert free_text["reference"] in page  # free text equal to his display name
    assert "ICS-3" not in page and "ICS-1" not in page  # other people's risks
    assert "Changes to commissioning Functional model for the ICS body" in page  # his workstream, as before
