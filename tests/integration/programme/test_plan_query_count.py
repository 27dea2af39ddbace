"""The milestones pages read a page, not the plan: a fixed number of statements however many milestones there are
(no query per row for owners, projects or workstreams), only the page's milestones loaded, RAG counted in SQL, and an
item's dependencies chosen in SQL rather than every edge loaded and filtered."""

from contextlib import contextmanager
from datetime import date, timedelta

from sqlalchemy import event

from caresystem.auth import SYSTEM
from caresystem.programme.core.service import get_programme
from caresystem.programme.plan import dependencies, service
from caresystem.programme.plan.models import Milestone, PlanDependency
from caresystem.programme.plan.pages import PAGE_SIZE
from caresystem.programme.plan.schemas import DependencyCreate, MilestoneCreate
from tests.conftest import login

PAGES = ("/programme/milestones", "/programme/milestones?rag=red&sort=rag", "/programme/milestones?page=2&sort=owner",
         "/programme/milestones?project=dgs-icp&q=generated")


@contextmanager
def reads(engine):
    """The statements sent on `engine` and the milestones and dependency edges loaded as objects inside the block."""
    found = {"statements": [], Milestone: 0, PlanDependency: 0}

    def sent(_conn, _cursor, statement, *_args):
        found["statements"].append(statement)

    def loaded_milestone(*_args):
        found[Milestone] += 1

    def loaded_edge(*_args):
        found[PlanDependency] += 1

    listeners = [(engine, "before_cursor_execute", sent), (Milestone, "load", loaded_milestone),
                 (PlanDependency, "load", loaded_edge)]
    for target, name, listener in listeners:
        event.listen(target, name, listener)
    try:
        yield found
    finally:
        for target, name, listener in listeners:
            event.remove(target, name, listener)


def _add_milestones(db, count: int, start: int = 0) -> None:
    """`count` generated milestones, each linked to a project and a workstream, half slipping, every fifth one
    depending on the one before it."""
    today = date.today()
    with db.session() as session:
        programme = get_programme(session)
        service.create_records(session, actor=SYSTEM, programme=programme, kind=service.MILESTONES, data=[
            (f"row {i}", MilestoneCreate(
                key=f"GM{i:04d}", title=f"Generated milestone {i}", owner=["SRO", "PMO", "Finance lead"][i % 3],
                baseline_date=today + timedelta(days=i - count // 2),
                forecast_date=today + timedelta(days=i - count // 2 + (40 if i % 2 else 0)),
                projects=[["system-commissioner", "west-kent-icp", "dgs-icp"][i % 3]], workstreams=["hr-od"]))
            for i in range(start, start + count)])
        dependencies.add_dependencies(session, actor=SYSTEM, programme=programme, data=[
            DependencyCreate(predecessor=f"GM{i - 1:04d}", successor=f"GM{i:04d}")
            for i in range(max(start, 1), start + count) if i % 5 == 0])
        session.commit()


def _selects(client, engine, path: str) -> int:
    client.get(path)  # the first request of a path may read what later ones have cached
    with reads(engine) as found:
        response = client.get(path)
    assert response.status_code == 200, response.text
    return sum(q.lstrip().upper().startswith("SELECT") for q in found["statements"])


def test_milestones_pages_send_the_same_few_statements_however_many_milestones(client, app, db):
    login(client, "viewer")
    _add_milestones(db, PAGE_SIZE + 5)  # a second page of five
    few = {path: _selects(client, app.state.engine, path) for path in PAGES}
    _add_milestones(db, 3 * PAGE_SIZE, start=PAGE_SIZE + 5)
    many = {path: _selects(client, app.state.engine, path) for path in PAGES}
    assert many == few
    # who is asking, the programme, the page with its count, the RAG counts and the project filter's choices: the
    # list shows no project or workstream, so no link table is read
    assert set(many.values()) == {5}


def test_milestones_page_loads_only_its_own_rows_and_an_items_page_only_its_edges(client, app, db):
    login(client, "viewer")
    _add_milestones(db, 3 * PAGE_SIZE)
    for path in PAGES:
        with reads(app.state.engine) as found:
            assert client.get(path).status_code == 200
        assert found[Milestone] <= PAGE_SIZE, path
        assert found[PlanDependency] == 0, path
    with reads(app.state.engine) as found:
        page = client.get("/programme/milestones/GM0010")
    assert page.status_code == 200
    assert "GM0009" in page.text and "GM0011" not in page.text  # its one edge, drawn
    assert found[PlanDependency] == 1 and found[Milestone] == 1
