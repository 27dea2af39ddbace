"""The synthetic Kent and Medway dataset keeps the contract and reproduces the documents' figures (20,000 people)."""

import csv
import json
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
import yaml

from caresystem.population import schema, synthetic, synthetic_assumptions
from caresystem.population.synthetic_assumptions import REFERENCE
from caresystem.population.engine.dataset import is_synthetic

PERSONS = 20_000
SEED = 20190401
START, END = date(2016, 4, 1), date(2019, 3, 31)


def _read(folder, file: schema.FileContract) -> pa.Table:
    return pq.read_table(folder / file.file_name)


def _days(column: pa.ChunkedArray) -> np.ndarray:
    """Dates as days since 1970; missing as a very large number."""
    days = pc.fill_null(column.cast(pa.int32()), 10 ** 7)
    return days.to_numpy()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("synthetic")
    counts = synthetic.generate(PERSONS, SEED, out)
    assert counts["persons"] == PERSONS
    return out


@pytest.fixture(scope="module")
def tables(folder):
    return {f.name: _read(folder, f) for f in schema.FILES}


@pytest.fixture(scope="module")
def person_ccg(tables):
    practices = tables["practices"]
    ccg_of = dict(zip(practices["practice_code"].to_pylist(), practices["legacy_ccg_code"].to_pylist()))
    return np.array([ccg_of[code] for code in tables["persons"]["practice_code"].to_pylist()])


def test_files_match_the_contract_schemas_exactly(folder):
    for file in schema.FILES:
        assert pq.read_schema(folder / file.file_name).equals(file.schema), file.name


def test_every_file_says_it_is_synthetic_and_how_it_was_made(folder, tmp_path):
    made = {"generator": "caresystem.population.synthetic", "persons": PERSONS, "seed": SEED}
    for file in schema.FILES:
        marker = json.loads(pq.read_schema(folder / file.file_name).metadata[schema.SYNTHETIC_KEY])
        assert {k: marker[k] for k in made} == made, file.name
    assert is_synthetic(folder)
    for file in schema.FILES:  # the same rows without the generator's mark, as an extract of real records would be
        pq.write_table(_read(folder, file).replace_schema_metadata(None), tmp_path / file.file_name)
    assert not is_synthetic(tmp_path)


def test_same_seed_gives_identical_files_and_another_seed_differs(folder, tmp_path):
    synthetic.generate(PERSONS, SEED, tmp_path / "again")
    for file in schema.FILES:
        assert (tmp_path / "again" / file.file_name).read_bytes() == (folder / file.file_name).read_bytes(), file.name
    synthetic.generate(PERSONS, SEED + 1, tmp_path / "other")
    for file in (schema.PERSONS, schema.CONDITIONS, schema.ACTIVITY):
        assert not _read(tmp_path / "other", file).equals(_read(folder, file)), file.name


def test_keys_are_unique(tables):
    ids = tables["persons"]["person_id"].to_numpy()
    assert np.array_equal(ids, np.arange(1, PERSONS + 1))
    assert len(set(tables["practices"]["practice_code"].to_pylist())) == tables["practices"].num_rows
    conditions = tables["conditions"]
    keys = set(zip(*(conditions[c].to_pylist() for c in schema.CONDITIONS.key)))
    assert len(keys) == conditions.num_rows
    nhs = tables["persons"]["nhs_number"].to_pylist()
    assert len(set(nhs)) == PERSONS


def test_every_reference_resolves(tables):
    ids = set(tables["persons"]["person_id"].to_pylist())
    assert set(tables["conditions"]["person_id"].to_pylist()) <= ids
    assert set(pc.unique(tables["activity"]["person_id"]).to_pylist()) <= ids
    assert set(tables["persons"]["practice_code"].to_pylist()) <= set(tables["practices"]["practice_code"].to_pylist())
    code_list = {(c.code_system, c.code) for c in schema.condition_codes()}
    assert set(zip(tables["conditions"]["code_system"].to_pylist(), tables["conditions"]["code"].to_pylist())) <= code_list
    assert set(pc.unique(tables["activity"]["setting"]).to_pylist()) == set(schema.SETTINGS)
    assert set(pc.unique(tables["persons"]["sex"]).to_pylist()) == {"F", "M"}
    assert set(pc.unique(tables["persons"]["deprivation_decile"]).to_pylist()) == set(schema.DEPRIVATION_DECILES)
    assert all(code.startswith("E01") and len(code) == 9 for code in pc.unique(tables["persons"]["lsoa_code"]).to_pylist())
    assert tables["persons"]["lsoa_code"].null_count == 0


def test_dates_are_consistent(tables):
    persons = tables["persons"]
    start, end = (START - date(1970, 1, 1)).days, (END - date(1970, 1, 1)).days
    birth, death = _days(persons["birth_month"]), _days(persons["date_of_death"])
    registered, deregistered = _days(persons["registration_start"]), _days(persons["registration_end"])
    assert (pc.day(persons["birth_month"]).to_numpy() == 1).all()
    assert (registered >= birth).all() and (registered <= end).all()
    assert (deregistered >= registered).all()
    dead = death < 10 ** 7
    assert 0 < dead.sum() < PERSONS * 0.06
    assert ((death[dead] >= birth[dead]) & (death[dead] >= start) & (death[dead] <= end)).all()
    assert (deregistered[dead] == death[dead]).all()
    left = (deregistered < 10 ** 7) & ~dead
    assert ((deregistered[left] >= start) & (deregistered[left] <= end)).all()
    assert (registered > start).mean() > 0.1  # joiners during the window
    exit_day = np.minimum(np.minimum(deregistered, death), end)
    entry = np.maximum(registered, start)

    activity = tables["activity"]
    row = activity["person_id"].to_numpy() - 1
    day = _days(activity["activity_date"])
    assert ((day >= entry[row]) & (day <= exit_day[row])).all()
    assert (activity["cost"].to_numpy() >= 0).all()

    conditions = tables["conditions"]
    row = conditions["person_id"].to_numpy() - 1
    recorded = _days(conditions["first_recorded"])
    assert ((recorded >= birth[row]) & (recorded <= exit_day[row])).all()
    assert (recorded >= start).mean() > 0.05  # some first recorded during the window


def test_nhs_numbers_are_valid(tables):
    numbers = tables["persons"]["nhs_number"].to_pylist()
    assert all(schema.nhs_number_is_valid(n) for n in numbers)
    assert all(schema.nhs_check_digit(n[:9]) == int(n[9]) for n in numbers[:1000])


def test_nhs_numbers_skip_stems_without_a_check_digit():
    numbers = synthetic.nhs_numbers(np.arange(200_000), seed=1)
    assert len(np.unique(numbers)) == len(numbers)
    assert all(schema.nhs_number_is_valid(str(n)) for n in numbers[::97])


def _register() -> dict[str, dict]:
    return {p["code"]: p for p in yaml.safe_load((REFERENCE / "practices.yaml").read_text(encoding="utf-8"))}


def test_the_practices_are_the_registers_each_in_its_pcn_and_place(tables):
    """The dataset's practices are the practice register's (practices.yaml, place_practices.csv): none invented,
    none missing, each in the register's PCN and place, so every person is at a practice the register knows."""
    register = _register()
    with (REFERENCE / "place_practices.csv").open(encoding="utf-8") as f:
        places = {row["practice_code"]: row["place"] for row in csv.DictReader(f)}
    pcn_names = {p["code"]: p["name"] for p in yaml.safe_load((REFERENCE / "pcns.yaml").read_text(encoding="utf-8"))}
    practices = tables["practices"].to_pylist()
    assert sorted(p["practice_code"] for p in practices) == sorted(register) == sorted(places)
    for p in practices:
        known = register[p["practice_code"]]
        assert (p["pcn_code"], p["pcn_name"]) == (known["pcn"], pcn_names[known["pcn"]]), p["practice_code"]
        assert p["place_code"] == places[p["practice_code"]] == known["place"], p["practice_code"]
        assert (p["practice_name"], p["legacy_ccg_code"]) == (known["name"], known["legacy_ccg"]), p["practice_code"]
    assert set(pc.unique(tables["persons"]["practice_code"]).to_pylist()) <= set(register)
    for column in ("pcn_code", "pcn_name", "place_code", "place_name", "legacy_ccg_code"):
        assert tables["practices"][column].null_count == 0
    assert len({p["pcn_code"] for p in practices}) == 42
    assert len({p["place_code"] for p in practices}) == 4


def test_the_footer_says_what_the_dataset_follows(folder):
    made = json.loads(pq.read_schema(folder / schema.PERSONS.file_name).metadata[schema.SYNTHETIC_KEY])
    register = _register()
    assert made["practices"] == len(register) == 183
    assert made["practice_list_patients"] == sum(p["registered_patients"] for p in register.values()) == 2_036_790
    assert made["practice_list_as_at"] == "2025-04-01"
    assert made["full_scale_persons"] == synthetic_assumptions.TOTAL_001 == 1_886_511
    assert (made["window_start"], made["window_end"]) == (START.isoformat(), END.isoformat())


def test_list_sizes_per_ccg_are_proportional_to_001(person_ccg):
    for ccg in synthetic.CCGS:
        expected = PERSONS * ccg.population / synthetic_assumptions.TOTAL_001
        assert (person_ccg == ccg.code).sum() == pytest.approx(expected, rel=0.01), ccg.name


def _ages(persons: pa.Table, on: date) -> np.ndarray:
    return ((on - date(1970, 1, 1)).days - _days(persons["birth_month"])) / 365.25


def test_age_structure_is_england_like(tables):
    age = _ages(tables["persons"], START)
    registered = _days(tables["persons"]["registration_start"]) < (START - date(1970, 1, 1)).days
    assert 0.16 < (age[registered] >= 65).mean() < 0.21
    assert 0.015 < (age[registered] >= 85).mean() < 0.035
    assert 0.45 < (tables["persons"]["sex"].to_numpy(zero_copy_only=False) == "M").mean() < 0.52


def test_condition_shares_are_near_the_001_figures(tables):
    persons, conditions = tables["persons"], tables["conditions"]
    alive = (persons["registration_end"].is_null().to_numpy(zero_copy_only=False))
    ids = persons["person_id"].to_numpy()
    with_any = np.isin(ids, conditions["person_id"].to_numpy())
    dementia_ids = conditions.filter(pc.is_in(conditions["code"], pa.array(
        [c.code for c in schema.condition_codes() if c.cluster == "dementia"])))["person_id"].to_numpy()
    with_dementia = np.isin(ids, dementia_ids)
    scale = synthetic_assumptions.TOTAL_001 / PERSONS
    assert 8_000 < (with_dementia & alive).sum() * scale < 16_000   # "around 12,000 people living with dementia"
    assert 500_000 < (with_any & alive).sum() * scale < 700_000     # "over half a million"
    under_16 = _ages(persons, END) < 16
    assert 13_000 < (with_any & alive & under_16).sum() * scale < 26_000  # "19,000 children under the age of 16"


def test_prevalence_rises_with_age_and_deprivation(tables):
    persons, conditions = tables["persons"], tables["conditions"]
    counts = np.bincount(conditions["person_id"].to_numpy() - 1, minlength=PERSONS)
    age, decile = _ages(persons, END), persons["deprivation_decile"].to_numpy()
    assert counts[age >= 75].mean() > 3 * counts[(age >= 40) & (age < 60)].mean()
    adults = (age >= 40) & (age < 75)
    assert counts[adults & (decile <= 3)].mean() > counts[adults & (decile >= 8)].mean()


def test_emergency_admissions_rise_with_age_and_conditions(tables):
    persons, activity, conditions = tables["persons"], tables["activity"], tables["conditions"]
    emergency = activity.filter(pc.equal(activity["setting"], "emergency_admission"))
    admissions = np.bincount(emergency["person_id"].to_numpy() - 1, minlength=PERSONS)
    rows_per_person_year = activity.num_rows / (PERSONS * 3 * 0.9)
    assert 4.5 < rows_per_person_year < 7.5
    assert 0.07 < emergency.num_rows / (PERSONS * 3 * 0.9) < 0.14
    age = _ages(persons, START)
    assert admissions[age >= 80].mean() > 3 * admissions[(age >= 20) & (age < 60)].mean()
    count = np.bincount(conditions["person_id"].to_numpy() - 1, minlength=PERSONS)
    middle = (age >= 45) & (age < 65)
    assert admissions[middle & (count >= 3)].mean() > 2 * admissions[middle & (count == 0)].mean()
    gp = pc.sum(pc.equal(activity["setting"], "gp_appointment")).as_py()
    assert gp > activity.num_rows / 2


def test_model_life_expectancy_is_the_003_table():
    for ccg, log_k in zip(synthetic.CCGS, synthetic.ccg_mortality_factors()):
        mix = np.array(ccg.deprivation_mix, float) / 100
        assert synthetic.model_life_expectancy(log_k, mix) == pytest.approx(ccg.life_expectancy, abs=0.01)


def _standardised_mortality(persons: pa.Table, mask: np.ndarray) -> float:
    """Deaths over expected deaths at the whole population's rates by 10-year age band (indirect standardisation)."""
    band = np.clip(_ages(persons, START) // 10, 0, 9).astype(int)
    dead = persons["date_of_death"].is_valid().to_numpy(zero_copy_only=False)
    rate = np.bincount(band, dead, 10) / np.bincount(band, minlength=10)
    return dead[mask].sum() / rate[band[mask]].sum()


def test_mortality_is_higher_in_thanet_and_swale_than_ashford_and_west_kent(tables, person_ccg):
    persons = tables["persons"]
    deprived = _standardised_mortality(persons, np.isin(person_ccg, ["10E", "10D"]))
    affluent = _standardised_mortality(persons, np.isin(person_ccg, ["09C", "99J"]))
    assert deprived > affluent  # expected ratio about 1.3; 20,000 people give about 100 and 170 deaths
    decile = persons["deprivation_decile"].to_numpy()
    assert _standardised_mortality(persons, decile <= 3) > 1.25 * _standardised_mortality(persons, decile >= 8)


def test_emergency_admissions_fall_from_the_most_to_the_least_deprived(tables):
    """Each person's admissions are drawn from their own rate, which rises with deprivation (exp(0.4) from decile 10
    to 1): the deciles' counts follow the gradient, not a shared draw."""
    persons, activity = tables["persons"], tables["activity"]
    emergency = activity.filter(pc.equal(activity["setting"], "emergency_admission"))
    admissions = np.bincount(emergency["person_id"].to_numpy() - 1, minlength=PERSONS)
    decile = persons["deprivation_decile"].to_numpy()
    assert admissions[decile <= 3].mean() > 1.15 * admissions[decile >= 8].mean()
