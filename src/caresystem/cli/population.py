"""`caresystem population generate|validate|run|allocate`: the population health engine from the command line."""

import math
from datetime import date
from pathlib import Path

import typer
from rich.table import Table
from sqlalchemy.exc import SQLAlchemyError

from caresystem.cli.context import console, database_present, errors, reported
from caresystem.cli.population_generate import generate
from caresystem.population import nhse_tool, results, validation
from caresystem.population.allocation import DEFAULT_BUDGET, AllocationParameters
from caresystem.population.engine.backends import ENGINES
from caresystem.population.engine.dataset import Period
from caresystem.population.run import RunOptions, run as run_engine
from caresystem.system.organisations import practice_register as read_register

app = typer.Typer(help="Population health analytics over a linked person-level dataset.", no_args_is_help=True)
app.command("generate")(generate)


def practice_register(ctx: typer.Context) -> dict[str, str | None] | None:
    """The system's practices (code -> PCN) from the operational database, or None (said so) without one."""
    if ctx.obj is None or not database_present(ctx.obj.settings.database_url):
        errors.print("Practices not checked against the practice register: there is no database "
                     "(run `caresystem db upgrade` and `caresystem load-example`, or set CARESYSTEM_DATABASE_URL).")
        return None
    try:
        with ctx.obj.unit_of_work("population") as session:
            register = read_register(session)
    except SQLAlchemyError as exc:
        errors.print(f"Practices not checked against the practice register: the database could not be read "
                     f"({type(exc).__name__}).")
        return None
    if not register:
        errors.print("Practices not checked against the practice register: the register holds no practices.")
        return None
    return register


def _report_register(report: validation.Report) -> None:
    """Warnings, not refusals: see `validation` for why."""
    for line in validation.register_summary(report.register_warnings):
        errors.print(f"[bold yellow]Warning:[/] {line}", highlight=False)


def _report_problems(report: validation.Report) -> None:
    errors.print(f"[bold red]The dataset is invalid:[/] {len(report.bad_rows) or len(report.problems)} checks failed")
    for check, count in report.bad_rows.items():
        errors.print(f"  {count:,} rows: {check}", markup=False, highlight=False)
    for problem in report.problems:
        errors.print(f"  {problem}", markup=False, highlight=False)


@app.command("validate")
def validate(ctx: typer.Context,
             directory: Path = typer.Argument(..., exists=True, file_okay=False,
                                              help="folder of persons, conditions, activity, practices .parquet")):
    """Check a dataset against the contract; lists bad rows by file, row and reason (exit 2 when invalid). Practices
    the practice register does not know, or puts in another PCN, are warned of with their people and activity."""
    report = validation.validate(directory, practice_register(ctx))
    _report_register(report)
    if not report.ok:
        _report_problems(report)
        raise typer.Exit(2)
    console.print("Valid: " + ", ".join(f"{n:,} {name}" for name, n in report.rows.items()))


@app.command("run")
def run(ctx: typer.Context,
        data: Path = typer.Option(..., exists=True, file_okay=False, help="the dataset folder"),
        engine: str = typer.Option("duckdb", help=f"one of {', '.join(ENGINES)}"),
        out: Path | None = typer.Option(None, help="results folder (default: a new run under the data directory)"),
        period_start: str | None = typer.Option(None, help="YYYY-MM-DD (default: 12 months before the end)"),
        period_end: str | None = typer.Option(None, help="YYYY-MM-DD (default: the last activity date)"),
        system_name: str = typer.Option("Whole system", help="name of the system in the results"),
        budget: float = typer.Option(DEFAULT_BUDGET, help="budget shared out by fair shares, in pounds"),
        quarantine: bool = typer.Option(False, help="set bad rows aside instead of refusing the dataset")):
    """Compute every result (profile, prevalence, rates, inequalities, segments, risk tiers, allocation)."""
    if engine not in ENGINES:
        errors.print(f"engine: must be one of {', '.join(ENGINES)}, not {engine!r}")
        raise typer.Exit(2)
    _check_budget(budget)
    if out is not None and out.exists() and not out.is_dir():
        errors.print(f"out: {out} is a file; give a folder for the results (it is made if missing)")
        raise typer.Exit(2)
    settings = ctx.obj.settings
    period = _period(period_start, period_end)
    options = RunOptions(engine=engine, period=period, system_name=system_name,
                         suppression_threshold=settings.suppression_threshold, quarantine=quarantine,
                         allocation=AllocationParameters(budget=budget), register=practice_register(ctx))
    target = out or results.new_run_directory(settings.data_dir)
    with console.status("Starting") as status:
        try:
            metadata = run_engine(data, target, options, progress=lambda stage: status.update(f"Running {stage}"))
        except validation.InvalidDataset as exc:
            _report_problems(exc.report)
            raise typer.Exit(2) from None
    for line in metadata["register"]["warnings"]:
        errors.print(f"[bold yellow]Warning:[/] {line}", highlight=False)
    _print_summary(metadata, target)


def _check_budget(budget: float | None) -> None:
    if budget is not None and not (math.isfinite(budget) and budget > 0):
        errors.print(f"budget: must be a positive number of pounds, not {budget}")
        raise typer.Exit(2)


def _period(start: str | None, end: str | None) -> Period | None:
    if start is None and end is None:
        return None
    if start is None or end is None:
        errors.print("period-start and period-end: give both or neither")
        raise typer.Exit(2)
    try:
        return Period(date.fromisoformat(start), date.fromisoformat(end))
    except ValueError as exc:
        errors.print(f"period: {exc}")
        raise typer.Exit(2) from None


def _print_summary(metadata: dict, target: Path) -> None:
    table = Table(title=f"Run {metadata['run_id']} on {metadata['engine']}")
    table.add_column("stage")
    table.add_column("seconds", justify="right")
    for stage, seconds in metadata["timings_seconds"].items():
        table.add_row(stage, f"{seconds:.2f}")
    console.print(table)
    console.print(f"Risk model AUC (held-out people): {metadata['risk_model']['auc']:.3f}")
    console.print(f"Results in {target}")


@app.command("example")
def example(ctx: typer.Context,
            persons: int = typer.Option(1_886_511, help="people in the synthetic dataset (full scale by default)"),
            seed: int = typer.Option(20190401, help="random seed of the synthetic dataset"),
            again: bool = typer.Option(False, "--again", help="generate and run even when a run exists")):
    """The Kent and Medway example for the pages: a synthetic dataset in the data directory and one run over it
    (skipped when a run exists already)."""
    settings = ctx.obj.settings
    if results.latest_run(settings.data_dir) and not again:
        console.print("A population run exists already: the pages show it (use --again to make a new one).")
        return
    dataset = settings.data_dir / "population" / "kent-and-medway"
    generate(persons=persons, seed=seed, out=dataset)
    run(ctx, data=dataset, engine="duckdb", out=None, period_start=None, period_end=None,
        system_name="Kent and Medway", budget=DEFAULT_BUDGET, quarantine=False)


@app.command("allocate")
def allocate(weighted_populations: Path = typer.Option(nhse_tool.PACKAGED, exists=True, dir_okay=False,
                                                         help="NHS England practice weighted populations CSV "
                                                              "(default: the packaged 2025/26 file)"),
             places: Path = typer.Option(..., exists=True, dir_okay=False, help="CSV of place, practice_code"),
             budget: float | None = typer.Option(None, help="budget to share by the overall index, in pounds"),
             out: Path | None = typer.Option(None, help="write the result as CSV here")):
    """Relative need index of each place per formula component, as NHS England's place-based tool computes it."""
    _check_budget(budget)
    if out is not None and out.is_dir():
        errors.print(f"out: {out} is a folder; give a file name for the CSV")
        raise typer.Exit(2)
    with reported():
        table = nhse_tool.place_need_indices(nhse_tool.read_weighted_populations(weighted_populations),
                                             nhse_tool.read_places(places), budget)
    rows = table.to_pylist()
    view = Table(title="Relative need index by place (1.000 = the ICB)")
    view.add_column("component")
    for row in rows:
        view.add_column(row["place"], justify="right")
    view.add_row("GP population", *(f"{r['gp_population']:,.0f}" for r in rows))
    for key, label in nhse_tool.COMPONENTS.values():
        view.add_row(label, *(f"{r[f'{key}_index']:.3f}" for r in rows))
    if budget is not None:
        view.add_row("Fair share (GBP m)", *(f"{r['fair_share'] / 1e6:,.1f}" for r in rows))
    console.print(view)
    if out:
        import pyarrow.csv as pacsv

        pacsv.write_csv(table, out)
        console.print(f"Written to {out}")
