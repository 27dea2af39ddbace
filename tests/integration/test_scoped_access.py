"""Scope limits what an editor may change, never what they may read."""

import pytest

from tests.conftest import login

READ_ONLY_PAGES = ["/programme", "/programme/risks", "/programme/milestones", "/programme/sign-off",
                   "/programme/benefits", "/programme/assumptions", "/governance", "/organisations"]


@pytest.mark.parametrize("user", ["ek_editor", "org_editor"])
def test_scoped_editors_read_what_viewers_read(client, user):
    login(client, user)
    for path in READ_ONLY_PAGES:
        response = client.get(path)
        assert response.status_code == 200, (user, path, response.text[:300])
        assert "outside the organisations and places" not in response.text


def test_scoped_editor_reads_the_api_registers(api):
    for path in ["/api/v1/risks", "/api/v1/milestones", "/api/v1/sign-offs", "/api/v1/programme/dashboard"]:
        assert api("ek_editor").get(path).status_code == 200, path
