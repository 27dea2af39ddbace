"""The registers frame's API for a register kept by its own service: the routes keep the register's path parameter,
handler names and statuses, and call the service with the identifier named as the service names it."""

from types import SimpleNamespace

from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient
from pydantic import BaseModel

from caresystem.errors import Conflict, NotFound
from caresystem.programme.registers.api import RecordApi, collection_routes, handler_names, item_routes
from caresystem.web import deps


class WidgetCreate(BaseModel):
    name: str


class WidgetUpdate(BaseModel):
    version: int
    name: str | None = None


class WidgetRead(BaseModel):
    code: str
    name: str
    version: int


class Widgets:
    """A service keeping widgets by `code`, as a register's service keeps its entries by key or reference."""

    def __init__(self):
        self.rows = {"W1": SimpleNamespace(id=1, code="W1", name="First", version=1)}

    def list(self, session, *, actor, programme, colour=None, offset=0, limit=50):
        rows = [r for r in self.rows.values() if colour is None or r.name.lower().startswith(colour)]
        return rows[offset:offset + limit], len(rows)

    def get(self, session, *, actor, programme, code):
        if code not in self.rows:
            raise NotFound(f"No widget {code!r}.")
        return self.rows[code]

    def create(self, session, *, actor, programme, data):
        code = f"W{len(self.rows) + 1}"
        self.rows[code] = SimpleNamespace(id=len(self.rows) + 1, code=code, name=data.name, version=1)
        return self.rows[code]

    def update(self, session, *, actor, programme, code, data):
        row = self.get(session, actor=actor, programme=programme, code=code)
        if row.version != data.version:
            raise Conflict(f"Widget {code} changed.")
        row.name, row.version = data.name or row.name, row.version + 1
        return row

    def delete(self, session, *, actor, programme, code, version):
        self.update(session, actor=actor, programme=programme, code=code, data=WidgetUpdate(version=version))
        del self.rows[code]


def _colour(colour: str | None = None) -> dict:
    return {"colour": colour}


def _app(widgets: Widgets) -> FastAPI:
    api = RecordApi(
        path="/widgets", ident="code", entity="widgets", names=handler_names("widget", "widgets"), Read=WidgetRead,
        read=lambda session, programme, w: WidgetRead(code=w.code, name=w.name, version=w.version), get=widgets.get,
        list=widgets.list, filters=_colour, Create=WidgetCreate, create=widgets.create, Update=WidgetUpdate,
        update=widgets.update, delete=widgets.delete, conflict={409: {"description": "Stale"}},
        history="Audit trail of a widget", summaries={"list": "The widgets"})
    router = APIRouter()
    collection_routes(router, api)
    item_routes(router, api)
    app = FastAPI()
    app.include_router(router)
    app.dependency_overrides[deps.get_session] = lambda: None
    app.dependency_overrides[deps.api_actor] = lambda: SimpleNamespace(username="tester")
    app.dependency_overrides[deps.api_programme] = lambda: SimpleNamespace(id=1, name="Programme")

    app.add_exception_handler(NotFound, lambda request, exc: JSONResponse({"detail": str(exc)}, status_code=404))
    app.add_exception_handler(Conflict, lambda request, exc: JSONResponse({"detail": str(exc)}, status_code=409))

    return app


def test_the_routes_keep_the_registers_path_parameter_names_and_summaries():
    spec = _app(Widgets()).openapi()
    item = spec["paths"]["/widgets/{code}"]
    assert [p["name"] for p in item["get"]["parameters"] if p["in"] == "path"] == ["code"]
    assert (item["get"]["summary"], item["patch"]["summary"], item["delete"]["summary"]) == \
        ("Get Widget", "Update Widget", "Delete Widget")
    assert item["get"]["operationId"] == "get_widget_widgets__code__get"
    assert "409" in item["patch"]["responses"] and "409" in item["delete"]["responses"]
    assert spec["paths"]["/widgets"]["get"]["summary"] == "The widgets"
    assert [p["name"] for p in spec["paths"]["/widgets"]["get"]["parameters"]][:1] == ["colour"]
    assert spec["paths"]["/widgets/{code}/history"]["get"]["summary"] == "Audit trail of a widget"


def test_list_create_get_update_and_delete_go_through_the_service():
    widgets = Widgets()
    client = TestClient(_app(widgets))
    created = client.post("/widgets", json={"name": "Blue"})
    assert (created.status_code, created.json()["code"]) == (201, "W2")
    listed = client.get("/widgets", params={"colour": "blue"}).json()
    assert (listed["total"], [w["code"] for w in listed["items"]]) == (1, ["W2"])
    assert client.get("/widgets/W2").json()["name"] == "Blue"
    assert client.get("/widgets/W9").status_code == 404
    assert client.patch("/widgets/W2", json={"version": 1, "name": "Navy"}).json() == \
        {"code": "W2", "name": "Navy", "version": 2}
    assert client.patch("/widgets/W2", json={"version": 1, "name": "Teal"}).status_code == 409
    assert client.delete("/widgets/W2", params={"version": 2}).status_code == 204
    assert "W2" not in widgets.rows
