"""Every table of the population pages downloads as CSV and XLSX holding exactly the page's rows, suppression
included; the synthetic example says on every page that it is synthetic."""

import io
import re
from html.parser import HTMLParser

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from caresystem.csv_safety import read_csv
from caresystem.population import results, schema, synthetic
from caresystem.population.presentation import SUPPRESSED
from caresystem.population.run import RunOptions, run
from tests.conftest import settings_for
from tests.shared_builds import built_once

PAGES = ["/population", "/population/inequalities", "/population/allocation"]


class _Tables(HTMLParser):
    """The tables of a page as text: [header, *rows] per table, keyed by its download link's path."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.downloads: list[str] = []
        self._row = self._cell = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = []
        elif tag in ("th", "td") and self._row is not None:
            self._cell = []
        elif tag == "a" and (href := dict(attrs).get("href", "")).endswith(".csv"):
            self.downloads.append(href.removesuffix(".csv"))

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _tables(html: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    assert len(parser.downloads) == len(parser.tables)  # one pair of links per table, under it
    return dict(zip(parser.downloads, parser.tables))


def _xlsx_rows(content: bytes) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def suppressed_pcn(population_data_dir) -> str:
    """A network whose age-sex profile has a suppressed figure."""
    rows = results.latest_run(population_data_dir).rows("profile", area_type="pcn", breakdown="age_sex")
    return sorted(r["area_code"] for r in rows if r["suppressed"])[0]


def test_a_suppressed_cell_is_suppressed_in_both_files(client, suppressed_pcn):
    page = client.get(f"/population/pcns/{suppressed_pcn}").text
    tables = _tables(page)
    path = f"/population/pcns/{suppressed_pcn}/tables/age-sex"
    shown = tables[path]
    assert any(SUPPRESSED in row for row in shown)
    csv_file = client.get(path + ".csv")
    assert csv_file.headers["content-type"].startswith("text/csv")
    assert f'filename="{suppressed_pcn}-age-sex.csv"' in csv_file.headers["content-disposition"]
    assert read_csv(csv_file.text) == shown
    xlsx_file = client.get(path + ".xlsx")
    assert xlsx_file.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert _xlsx_rows(xlsx_file.content) == shown
    assert load_workbook(io.BytesIO(xlsx_file.content)).active.title == "Registered people by age and se"  # 31 at most


@pytest.mark.parametrize("path", PAGES)
def test_every_table_of_a_page_downloads_with_the_pages_rows(client, path):
    tables = _tables(client.get(path).text)
    assert len(tables) >= 2
    for download, shown in tables.items():
        assert download.startswith(path.rstrip("/") + "/tables/")
        assert read_csv(client.get(download + ".csv").text) == shown, download
        assert _xlsx_rows(client.get(download + ".xlsx").content) == shown, download


def test_every_table_of_a_network_profile_downloads(client, first_pcn):
    tables = _tables(client.get(f"/population/pcns/{first_pcn}").text)
    assert len(tables) == 6
    for download, shown in tables.items():
        assert read_csv(client.get(download + ".csv").text) == shown, download


def test_a_network_name_in_a_file_is_its_text_not_its_link(client):
    shown = read_csv(client.get("/population/tables/pcns.csv").text)
    assert len(shown) == 43 and not any("<a" in cell for row in shown for cell in row)


@pytest.mark.parametrize("path, problem", [
    ("/population/tables/places.pdf", "csv or .xlsx"),
    ("/population/tables/nope.csv", "places, risk-tiers, pcns"),
    ("/population/pcns/NOPE/tables/prevalence.csv", "NOPE"),
])
def test_unknown_downloads_are_not_found(client, path, problem):
    response = client.get(path)
    assert response.status_code == 404 and problem in response.text


@pytest.mark.parametrize("path", PAGES)
def test_the_synthetic_example_says_so_on_every_page(client, path):
    page = client.get(path).text
    assert len(re.findall(r'class="nhsuk-card nhsuk-card--warning', page)) == 1
    assert "Synthetic data" in page and "synthetic dataset" in page


def test_the_synthetic_flag_is_in_the_run(client, first_pcn):
    assert client.get("/api/v1/population/runs/latest").json()["synthetic"] is True
    assert "Synthetic data" in client.get(f"/population/pcns/{first_pcn}").text


def _unmarked_run(root) -> None:
    synthetic.generate(3_000, 7, root / "made")
    (root / "dataset").mkdir()
    for file in schema.FILES:
        table = pq.read_table(root / "made" / file.file_name)
        pq.write_table(table.replace_schema_metadata(None), root / "dataset" / file.file_name)
    run(root / "dataset", results.new_run_directory(root / "data"), RunOptions(system_name="Kent and Medway"))


@pytest.fixture(scope="session")
def real_data_dir(tmp_path_factory):
    """A run over a dataset without the generator's mark (as an extract of real records would be), built once."""
    return built_once(tmp_path_factory, "unmarked", _unmarked_run) / "data"


def test_a_dataset_not_made_by_the_generator_has_no_banner(db, real_data_dir):
    from caresystem.web.app import create_app

    application = create_app(settings_for(db.url).model_copy(update={"data_dir": real_data_dir}))
    try:
        with TestClient(application, base_url="https://testserver") as client:
            assert client.get("/api/v1/population/runs/latest").json()["synthetic"] is False
            page = client.get("/population")
            assert page.status_code == 200 and "Synthetic data" not in page.text
    finally:
        application.state.engine.dispose()
