"""Parts meet only as DESIGN.md says: population and stats stand alone; only web and cli import everything."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_hold():
    result = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--config", str(ROOT / ".importlinter")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


EXECUTING = re.compile(r"\.to_pyarrow\(|\.to_pandas\(|\.to_pyarrow_batches\(|\.cache\(\)|(?<!executor)\.execute\(|"
                       r"\b(?:ibis\.)?duckdb\.connect\(|ibis\.pyspark\.connect\(")
# validation runs plain SQL over the raw files (before any expression exists) on a connection the engine gives it
RAW_SQL = {"validation.py"}


def test_only_the_population_engine_executes():
    """STYLE: analytics are Ibis expressions in and out; only `population/engine/` executes them."""
    population = ROOT / "src" / "caresystem" / "population"
    executing = [f"{path.relative_to(population)}:{number}: {line.strip()}"
                 for path in sorted(population.rglob("*.py")) if "engine" not in path.parts[-2:-1]
                 and path.name not in RAW_SQL
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if EXECUTING.search(line)]
    assert not executing, "\n".join(executing)


def test_results_leave_a_run_only_through_disclosure():
    """STYLE: only `population/disclosure.py` lets results out: the run writes what `disclosure` returns."""
    run = (ROOT / "src" / "caresystem" / "population" / "run.py").read_text(encoding="utf-8")
    assert "disclosure.publish(" in run and "disclosure.restricted_cohort(" in run
    assert "def publish" not in run and "suppress(" not in run.replace("disclosure.", "")
