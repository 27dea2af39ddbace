"""Who may write what: anonymous, viewer, scoped editor and administrators against every write route."""

import pytest

# (method, path, body builder from the current record) — each a real write route of the API.
WRITES = {
    "organisation in East Kent": ("PATCH", "/api/v1/organisations/XKP01", lambda r: {"version": r["version"],
                                                                                       "notes": "checked"}),
    "organisation in West Kent": ("PATCH", "/api/v1/organisations/XKP40", lambda r: {"version": r["version"],
                                                                                       "notes": "checked"}),
    "place East Kent": ("PATCH", "/api/v1/places/east-kent", lambda r: {"version": r["version"],
                                                                         "description": "checked"}),
    "create organisation in West Kent": ("POST", "/api/v1/organisations",
                                         lambda r: {"code": "XNEW1", "name": "New partner", "type": "vcs",
                                                    "place_code": "west-kent"}),
    "create organisation in East Kent": ("POST", "/api/v1/organisations",
                                         lambda r: {"code": "XNEW2", "name": "New partner", "type": "vcs",
                                                    "place_code": "east-kent"}),
    "governance body": ("PATCH", "/api/v1/governance-bodies/{body}", lambda r: {"version": r["version"],
                                                                                "frequency": "Weekly"}),
    "governance member": ("POST", "/api/v1/governance-bodies/{body}/members",
                          lambda r: {"role_title": "Observer", "membership_role": "attendee", "voting": False}),
    "function": ("PATCH", "/api/v1/functions/{function}", lambda r: {"version": r["version"],
                                                                     "description": "checked"}),
}
EXPECTED = {  # user -> writes they may make (all others are refused)
    None: set(),
    "viewer": set(),
    "ek_editor": {"organisation in East Kent", "place East Kent", "create organisation in East Kent"},
    "editor": set(WRITES),
    "pmo": set(WRITES),
    "admin": set(WRITES),
}


def _resolve(path: str, client) -> str:
    body = client.get("/api/v1/governance-bodies", params={"page_size": 1}).json()["items"][0]["key"]
    function = client.get("/api/v1/functions", params={"page_size": 1}).json()["items"][0]["key"]
    return path.format(body=body, function=function)


@pytest.mark.parametrize("user", list(EXPECTED))
def test_authorisation_matrix(api, user):
    reader = api("admin")
    client = api(user) if user else api()
    for name, (method, template, build) in WRITES.items():
        path = _resolve(template, reader)
        current = reader.get(path).json() if method == "PATCH" else {}
        response = client.request(method, path, json=build(current))
        if name in EXPECTED[user]:
            assert response.status_code in (200, 201), (user, name, response.text)
        else:
            assert response.status_code == (401 if user is None else 403), (user, name, response.text)
            assert response.headers["content-type"].startswith("application/problem+json")


def test_bad_token_is_refused(api, app):
    from fastapi.testclient import TestClient
    with TestClient(app, base_url="https://testserver", headers={"Authorization": "Bearer cs_nope"}) as c:
        response = c.get("/api/v1/organisations")
    assert response.status_code == 401 and response.json()["title"] == "Authentication required"
