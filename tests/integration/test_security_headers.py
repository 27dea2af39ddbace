"""No inline script is allowed anywhere (the API documentation's carries a nonce); nothing but static assets is
cached."""

import re


def _script_policy(csp: str) -> str:
    return next(part.strip() for part in csp.split(";") if part.strip().startswith("script-src"))


def test_pages_and_api_refuse_inline_scripts_and_caching(client, api):
    for response in (client.get("/"), client.get("/organisations"), api("viewer").get("/api/v1/organisations")):
        assert response.status_code == 200
        policy = _script_policy(response.headers["content-security-policy"])
        assert re.fullmatch(r"script-src 'self' 'nonce-[\w-]+'", policy), policy
        assert response.headers["cache-control"] == "no-store"
    page = client.get("/")
    nonce = re.search(r"'nonce-([^']+)'", page.headers["content-security-policy"]).group(1)
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page.text)
    assert inline and all(f'nonce="{nonce}"' in tag for tag in inline), inline
    assert client.get("/static/app/init.js").status_code == 200
    assert "cache-control" not in client.get("/static/app/init.js").headers


def test_api_docs_have_a_policy_whose_nonce_is_on_every_script(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    policy = _script_policy(response.headers["content-security-policy"])
    assert "'unsafe-inline'" not in policy
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    scripts = re.findall(r"<script[^>]*>", response.text)
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts)
    assert _script_policy(client.get("/api/docs").headers["content-security-policy"]) != policy  # fresh each time


def test_api_docs_load_swagger_ui_from_the_server_itself(client):
    page = client.get("/api/docs").text
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert {"/static/swagger/swagger-ui-bundle.js", "/static/swagger/swagger-ui.css"} <= set(assets)
    assert not [url for url in assets if "//" in url], assets
    for url in assets:
        assert client.get(url).status_code == 200, url
