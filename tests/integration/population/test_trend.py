"""A population indicator across runs, read from a real engine run: the same figures the overview shows."""

from caresystem.population import service
from caresystem.population.trend import INDICATORS, indicator_series, known_area, known_indicator


def _matches(data_dir, overview, area) -> int:
    """Every indicator of the area as the overview shows it (no point where it publishes none); how many had one."""
    shown = 0
    for key, indicator in INDICATORS.items():
        series = indicator_series(data_dir=data_dir, indicator=key, area_code=area.code)
        figure = getattr(area, key)
        if figure is None or figure.value is None:
            assert series.points == ()
            continue
        shown += 1
        assert series.area_name == area.name and len(series.points) == 1
        assert series.points[0].value == figure.value and indicator.unit == figure.unit
        assert series.points[0].period == overview.run.period_end
        assert series.points[0].source == (f"population run {overview.run.run_id}: {indicator.label} for {area.name}, "
                                           f"{overview.run.period_start} to {overview.run.period_end}")
    return shown


def test_each_indicator_of_a_real_run_matches_the_overview(population_data_dir, first_pcn):
    overview = service.overview(data_dir=population_data_dir)
    pcn = next(p for p in overview.pcns if p.code == first_pcn)
    assert _matches(population_data_dir, overview, pcn) >= 3
    assert _matches(population_data_dir, overview, overview.system) == len(INDICATORS)
    assert known_area(data_dir=population_data_dir, area_code=first_pcn)
    assert known_area(data_dir=population_data_dir, area_code="system")
    assert not known_area(data_dir=population_data_dir, area_code="nowhere")
    assert known_indicator("life_expectancy") and not known_indicator("nothing")
    assert indicator_series(data_dir=population_data_dir, indicator="nothing", area_code=first_pcn) is None
