"""The machinery of the route x role matrix (`test_route_matrix`): the app's routes, example values for their path
parameters, one signed-in client per role, and the request that probes a route as a role."""

import re
from dataclasses import dataclass

from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from starlette.routing import Mount

from tests.conftest import csrf_of, login

ROLES = ("anonymous", "viewer", "editor", "org_editor", "ek_editor", "coordinator", "secretary", "pmo", "admin")
# Beyond the shared test users (tests.databases.USERS): a care coordinator scoped to one PCN, a board secretary.
EXTRA_USERS = {"coordinator": ("care_coordinator", {"pcns": ["XKP01"]}), "secretary": ("board_secretary", {})}
READING = frozenset({"GET", "HEAD"})


@dataclass(frozen=True)
class Route:
    method: str
    path: str

    @property
    def row(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def is_api(self) -> bool:
        return self.path.startswith("/api/")


def app_routes(app) -> list[Route]:
    """Every (method, path) the app answers, HEAD aside (it follows GET); static files are not routes of ours."""
    found = set()
    for context in iter_route_contexts(app.routes):
        if isinstance(context.original_route, Mount):
            continue
        for method in context.methods or ():
            if method != "HEAD":
                found.add(Route(method, context.path))
    return sorted(found, key=lambda r: (r.path, r.method))


PARAMETER = re.compile(r"\{(\w+(?::\w+)?)\}")


def fill(path: str, samples: dict[str, str]) -> str:
    """The path with each parameter replaced by an example value, chosen by the segment before it (the record kind):
    `/programme/{key:raidlog}/{reference}` becomes `/programme/assumptions/A001` with the samples
    {"programme/key:raidlog": "assumptions", "assumptions/reference": "A001"}; a sample named by the parameter alone
    ("period") serves wherever no kind-specific one is given."""
    segments = path.split("/")
    for i, segment in enumerate(segments):
        for match in PARAMETER.finditer(segment):
            name = f"{segments[i - 1]}/{match.group(1)}"
            if name not in samples and match.group(1) not in samples:
                raise KeyError(f"No example value for {{{match.group(1)}}} after {segments[i - 1]!r} in {path}: add "
                               f"{name!r} to the matrix's samples")
            segment = segment.replace(match.group(0), samples.get(name, samples.get(match.group(1))), 1)
        segments[i] = segment
    return "/".join(segments)


class Clients:
    """One API client (bearer token) and one browser client (signed in, with its CSRF token) per role."""

    def __init__(self, app, tokens: dict[str, str]):
        self.api, self.pages, self.csrf = {}, {}, {}
        for role in ROLES:
            headers = {"Authorization": f"Bearer {tokens[role]}"} if role != "anonymous" else {}
            self.api[role] = TestClient(app, base_url="https://testserver", headers=headers)
            page = TestClient(app, base_url="https://testserver")
            if role != "anonymous":
                login(page, role)
            self.csrf[role] = csrf_of(page.get("/login").text)
            self.pages[role] = page

    def close(self) -> None:
        for client in (*self.api.values(), *self.pages.values()):
            client.close()


def outcome(response) -> str:
    """'sign in' (401, or a browser sent to the sign-in page), 'refused' (403), 'hidden' (404: a record not public is
    not shown to exist) or 'allowed' (anything else: an allowed write with an empty body is a 422)."""
    if response.status_code == 401 or (response.status_code in (302, 303, 307)
                                       and response.headers.get("location", "").startswith("/login")):
        return "sign in"
    return {403: "refused", 404: "hidden"}.get(response.status_code, "allowed")


def probe(clients: Clients, route: Route, path: str, role: str, *, refused: bool, bodies: "Bodies", samples: dict):
    """GET for reads. To the API, an allowed role writes an empty body (a 422: nothing changes) and a refused one the
    smallest valid body (so a check of the body cannot answer before the permission is checked). To a page, a write
    carries the role's CSRF token, so what is tested is who may, not whether the form came from this site."""
    if route.is_api:
        client, query = clients.api[role], bodies.query(route, samples)
        if route.method in READING:
            return client.get(path, params=query)
        if refused:
            return client.request(route.method, path, params=query, **bodies.for_route(route))
        return client.request(route.method, path, json={})
    client = clients.pages[role]
    if route.method in READING:
        return client.get(path, follow_redirects=False)
    return client.request(route.method, path, data={"csrf_token": clients.csrf[role]}, follow_redirects=False)


class Bodies:
    """The smallest request body the OpenAPI schema accepts for an API write: a refused role sends it, so the
    refusal is seen even where the body is checked before the permission."""

    def __init__(self, schema: dict, samples: dict):
        self.schema, self.samples = schema, samples

    def query(self, route: Route, samples: dict) -> dict:
        """The required query parameters, from the samples by name where there is one."""
        operation = self.schema["paths"].get(route.path, {}).get(route.method.lower(), {})
        return {p["name"]: samples.get(p["name"], self.value(p["schema"])) for p in operation.get("parameters", [])
                if p["in"] == "query" and p.get("required")}

    def for_route(self, route: Route) -> dict:
        operation = self.schema["paths"].get(route.path, {}).get(route.method.lower(), {})
        content = operation.get("requestBody", {}).get("content", {})
        if "application/json" in content:
            return {"json": self.value(content["application/json"]["schema"])}
        if form := content.get("multipart/form-data") or content.get("application/x-www-form-urlencoded"):
            values = self.value(form["schema"])
            files = {k: ("file.csv", b"x") for k, v in values.items() if v == b"x"}
            return {"data": {k: str(v) for k, v in values.items() if k not in files}, "files": files or None}
        return {}

    def value(self, spec: dict):
        if "$ref" in spec:
            return self.value(self._resolve(spec["$ref"]))
        for key in ("anyOf", "oneOf", "allOf"):
            if key in spec:
                return self.value(next((s for s in spec[key] if s.get("type") != "null"), spec[key][0]))
        if "enum" in spec:
            return spec["enum"][0]
        if "const" in spec:
            return spec["const"]
        kind = spec.get("type")
        if kind == "object" or "properties" in spec:
            return {name: self.samples[name] if name in self.samples else self.value(spec["properties"][name])
                    for name in spec.get("required", [])}
        if kind == "array":
            return [self.value(spec.get("items", {})) for _ in range(spec.get("minItems", 0))]
        if kind == "integer":
            return max(spec.get("minimum", 1), 1)
        if kind == "number":
            return max(spec.get("minimum", 1), 1)
        if kind == "boolean":
            return False
        if spec.get("format") in ("binary", "byte") or spec.get("contentMediaType"):
            return b"x"
        if spec.get("format") == "date":
            return "2026-01-01"
        if spec.get("format") == "date-time":
            return "2026-01-01T00:00:00Z"
        return "x" * max(spec.get("minLength", 1), 3)

    def _resolve(self, ref: str) -> dict:
        found = self.schema
        for part in ref.removeprefix("#/").split("/"):
            found = found[part]
        return found
