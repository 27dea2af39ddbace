"""Opening a dataset folder on a backend, its default period, its fingerprint and whether it is synthetic."""

import hashlib
import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import ibis
import pyarrow.compute as pc
import pyarrow.parquet as pq

from caresystem.population import schema


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(f"period end {self.end} is before its start {self.start}")


@dataclass(frozen=True)
class Dataset:
    persons: ibis.Table
    conditions: ibis.Table
    activity: ibis.Table
    practices: ibis.Table
    codes: ibis.Table


def open_dataset(backend, directory: Path) -> Dataset:
    tables = {f.name: backend.read_parquet(str(directory / f.file_name), table_name=f"cs_{f.name}")
              for f in schema.FILES}
    codes = backend.create_table("cs_codes", schema.code_list_table(), overwrite=True)
    return Dataset(codes=codes, **tables)


def last_activity_date(directory: Path) -> date:
    """The latest activity date, from the Parquet statistics when present (no scan)."""
    metadata = pq.ParquetFile(directory / schema.ACTIVITY.file_name).metadata
    column = schema.ACTIVITY.schema.get_field_index("activity_date")
    latest = None
    for i in range(metadata.num_row_groups):
        stats = metadata.row_group(i).column(column).statistics
        if stats is None or not stats.has_min_max:
            dates = pq.read_table(directory / schema.ACTIVITY.file_name, columns=["activity_date"]).column(0)
            return pc.max(dates).as_py()
        latest = stats.max if latest is None else max(latest, stats.max)
    if latest is None:
        raise ValueError("activity.parquet has no rows: give the period explicitly")
    return latest


def default_period(directory: Path) -> Period:
    """The last twelve months of activity."""
    end = last_activity_date(directory)
    return Period(months_before(end + timedelta(days=1), 12), end)


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the last day of the month when that month is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for candidate_day in range(day.day, 27, -1):
        try:
            return date(year, month + 1, candidate_day)
        except ValueError:
            continue
    return date(year, month + 1, min(day.day, 28))


def fingerprint(directory: Path) -> dict:
    """Identifies the dataset a run read: per file its rows, size and a hash of its Parquet footer."""
    files = {}
    for f in schema.FILES:
        path = directory / f.file_name
        meta = pq.ParquetFile(path).metadata
        footer = hashlib.sha256(str(meta.to_dict()).encode()).hexdigest()
        files[f.name] = {"rows": meta.num_rows, "bytes": path.stat().st_size, "footer_sha256": footer}
    combined = hashlib.sha256(repr(sorted(files.items())).encode()).hexdigest()
    return {"sha256": combined, "files": files}


def synthetic_marker(directory: Path) -> dict | None:
    """How the synthetic generator made the dataset (size, seed, what it follows), from the persons file's footer."""
    marker = (pq.read_schema(directory / schema.PERSONS.file_name).metadata or {}).get(schema.SYNTHETIC_KEY)
    try:
        return json.loads(marker) if marker else None
    except ValueError:
        return None


def is_synthetic(directory: Path) -> bool:
    """Whether any file of the dataset was made by the synthetic generator (its Parquet footer says so)."""
    return any(schema.SYNTHETIC_KEY in (pq.read_schema(directory / f.file_name).metadata or {}) for f in schema.FILES)
