"""The stored results of runs, read back for the pages and the API: the newest run under the results folder."""

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq

from caresystem.errors import NotFound
from caresystem.population.run import AREAS, RESTRICTED, RESULTS


def runs_directory(data_dir: Path) -> Path:
    return data_dir / "population" / "runs"


def new_run_directory(data_dir: Path) -> Path:
    return runs_directory(data_dir) / datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


@dataclass(frozen=True)
class Run:
    directory: Path
    metadata: dict

    @property
    def run_id(self) -> str:
        return self.directory.name

    def rows(self, result: str, **equal_to) -> list[dict]:
        """A result's rows, filtered by column values (None matches missing values)."""
        if result not in RESULTS:
            raise NotFound(f"There is no population result called {result!r}.")
        table = _read(self.directory / f"{result}.parquet", (self.directory / f"{result}.parquet").stat().st_mtime_ns)
        for column, value in equal_to.items():
            if column not in table.column_names:
                raise NotFound(f"The result {result} has no column {column!r}.")
            table = table.filter(pc.is_null(table[column]) if value is None else pc.equal(table[column], value))
        return table.to_pylist()

    def columns(self, result: str) -> list[str]:
        return pq.read_schema(self.directory / f"{result}.parquet").names

    def areas(self) -> list[dict]:
        """The practice > PCN > place lookup the run used."""
        path = self.directory / AREAS
        return _read(path, path.stat().st_mtime_ns).to_pylist()

    def cohort(self, pcn_code: str, tier: str) -> list[dict]:
        """Pseudonymous ids of one PCN's people in one risk tier: restricted to authorised roles by the caller."""
        path = self.directory / RESTRICTED / "cohorts.parquet"
        table = pq.read_table(path, filters=[("pcn_code", "=", pcn_code), ("tier", "=", tier)])
        return table.select(["person_id", "practice_code", "tier", "risk"]).to_pylist()


@lru_cache(maxsize=64)
def _read(path: Path, mtime_ns: int):
    return pq.read_table(path)


def latest_run(data_dir: Path) -> Run | None:
    """The newest complete run (one with run.json), or None when there is none."""
    directory = runs_directory(data_dir)
    if not directory.is_dir():
        return None
    complete = sorted((p for p in directory.iterdir() if (p / "run.json").is_file()), key=lambda p: p.name)
    if not complete:
        return None
    newest = complete[-1]
    return Run(newest, json.loads((newest / "run.json").read_text(encoding="utf-8")))
