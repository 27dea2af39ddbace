"""Owner fields offer the people of the system model as the name is typed, and still take any other text."""

from markupsafe import escape

from caresystem.system.names import people_names
from tests.conftest import csrf_of, login

OWNED_FORMS = ["/programme/milestones/new", "/programme/deliverables/new", "/programme/actions/new",
               "/programme/risks/new"]


def test_owner_fields_suggest_the_people_of_the_system_model(client, db):
    with db.session() as session:
        people = people_names(session)
    assert len(people) > 1 and people == sorted(people)
    login(client, "pmo")
    for path in OWNED_FORMS:
        page = client.get(path).text
        assert 'id="owner" name="owner" type="text" value="" list="owner-suggestions"' in page, path
        listed = page.split('<datalist id="owner-suggestions">', 1)[1].split("</datalist>", 1)[0]
        assert listed == "".join(f'<option value="{escape(name)}"></option>' for name in people), path
    form = client.get("/programme/milestones/new").text
    made = client.post("/programme/milestones/new", data={"csrf_token": csrf_of(form), "title": "Board signs off",
                                                           "owner": "The programme office", "status": "not_started"},
                       follow_redirects=True)
    assert made.status_code == 200 and "The programme office" in made.text  # free text is still an owner

