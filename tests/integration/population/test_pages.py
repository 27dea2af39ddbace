"""Population pages render the run's key figures, charts with text alternatives, and its metadata."""

import re

import duckdb
import pytest

from caresystem.csv_safety import read_csv


def _run(client):
    return client.get("/api/v1/population/runs/latest").json()


@pytest.mark.parametrize("path", ["/population", "/population/inequalities", "/population/allocation"])
def test_pages_show_the_run(client, path):
    page = client.get(path)
    run = _run(client)
    assert page.status_code == 200 and "<h1" in page.text
    assert run["run_id"] in page.text and "DuckDB" in page.text and run["dataset_fingerprint"] in page.text
    assert 'href="/population" aria-current="page"' in page.text  # the Population navigation entry


def test_overview_key_figures(client):
    data = client.get("/api/v1/population/overview").json()
    page = client.get("/population").text
    assert (f"{data['system']['list_size']['value']:,.0f} people registered with a practice and alive on 1 April 2018 "
            "(the start of the period), in 4 places and 42 primary care networks.") in page
    assert "Registered people on 1 April 2018" in page
    for place in data["places"]:
        assert place["name"] in page and f"{place['ltc_prevalence']['value'] * 100:.1f}%" in page
    assert page.count('href="/population/pcns/') == 42
    assert "nhsuk-table__header--numeric" in page


def test_the_overview_says_how_the_synthetic_population_follows_the_practice_list(client):
    page = client.get("/population").text
    basis = page[page.index('id="synthetic-basis"'):]
    basis = basis[:basis.index("</p>")]
    assert "follows the practice register: its 183 practices, each in its primary care network" in basis
    assert ("Its 20,000 people, everyone registered at some time from 1 April 2016 to 31 March 2019, are the legacy CCG "
            "populations of 2019 (document 001 section 3), scaled to 20,000 people") in basis
    assert "in proportion to their lists of 1 April 2025" in basis
    assert "is not the practice list&#39;s 2,036,790 registered patients of 1 April 2025" in basis
    assert "Not checked: the run was not given the practice register" in page  # the session's run had none


def test_pcn_profile_has_charts_summaries_and_tables(client, first_pcn):
    data = client.get(f"/api/v1/population/pcns/{first_pcn}").json()
    page = client.get(f"/population/pcns/{first_pcn}").text
    assert data["pcn"]["name"] in page and data["place"]["name"] in page
    assert page.count("<svg") >= 2 + 1  # the header logo, the pyramid, the prevalence chart
    assert len(re.findall(r'<figure[^>]*>\s*<svg[^>]*role="img"', page)) == 2
    assert len(re.findall(r"<desc id=", page)) == 2 and page.count("<figcaption") == 2
    assert 'id="pyramid-summary"' in page and 'id="prevalence-summary"' in page
    assert "Registered people by age and sex" in page and "Prevalence of long-term conditions" in page
    assert "Bridges to Health segments" in page and "Fair share of the budget" in page
    assert f"£{data['fair_share']['fair_share'] / 1e6:,.1f}m" in page


def test_multimorbidity_bands_are_counted_with_the_right_noun(client, first_pcn):
    bands = read_csv(client.get(f"/population/pcns/{first_pcn}/tables/multimorbidity.csv").text)
    assert [row[0] for row in bands[1:]] == ["0 conditions", "1 condition", "2-3 conditions", "4+ conditions"]


def test_inequalities_page(client):
    page = client.get("/population/inequalities").text
    assert "Emergency admissions" in page and "Life expectancy at birth" in page
    assert "Slope index (SII)" in page and "most deprived" in page
    assert len(re.findall(r'<figure[^>]*>\s*<svg[^>]*role="img"', page)) == 3


def test_inequalities_admissions_per_decile_are_the_datasets_own_counts(client, population_data_dir):
    """Each decile's admissions on the page are counted afresh from the dataset's files (people registered and alive
    at the period start, their emergency admissions in the period): a decile showing another's figure fails here."""
    run = _run(client)
    dataset = population_data_dir.parent / "dataset"
    start, end = run["period_start"], run["period_end"]
    recount = dict(duckdb.sql(f"""
        with people as (select person_id, deprivation_decile from '{dataset}/persons.parquet'
                        where registration_start <= date '{start}'
                          and (registration_end is null or registration_end >= date '{start}')
                          and (date_of_death is null or date_of_death >= date '{start}'))
        select deprivation_decile, count(a.person_id) from people left join '{dataset}/activity.parquet' a
          on a.person_id = people.person_id and a.setting = 'emergency_admission'
             and a.activity_date between date '{start}' and date '{end}'
        group by 1""").fetchall())
    rows = read_csv(client.get("/population/inequalities/tables/emergency-admissions-persons.csv").text)
    header, deciles = rows[0], [r for r in rows[1:] if r[0].startswith("Decile")]
    column = header.index("Admissions")
    shown = {int(r[0].split()[1]): int(r[column].replace(",", "")) for r in deciles}
    assert len(shown) == 10 and shown == recount


def test_allocation_page(client):
    data = client.get("/api/v1/population/allocation").json()
    page = client.get("/population/allocation").text
    assert "£2,778m" in page and "Distance from target" in page and "Not supplied" in page
    for place in data["places"]:
        assert f"{place['target_share'] * 100:.1f}%" in page


def test_unknown_network_page_is_not_found(client):
    response = client.get("/population/pcns/NOPE")
    assert response.status_code == 404 and "NOPE" in response.text
