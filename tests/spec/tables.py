"""Small tables written as text in a spec test, parsed into Arrow with the dataset schema's column types.

    persons = table(schema.PERSONS, '''
        person_id | sex | birth_month | practice_code | deprivation_decile | registration_start
        1         | F   | 1950-01-01  | P1            | 3                  | 2010-01-01
    ''')

A blank cell (or one left off the end of a row) is a null; columns the test leaves out are null (they must be optional in the schema).
"""

from datetime import date

import pyarrow as pa

from caresystem.population import areas, schema


def _parse(text: str) -> tuple[list[str], list[list[str]]]:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    head, *rows = ([cell.strip() for cell in line.split("|")] for line in lines)
    assert all(len(row) <= len(head) for row in rows), "a row has more cells than the header"
    return head, [row + [""] * (len(head) - len(row)) for row in rows]


def _value(text: str, kind: pa.DataType):
    if text == "":
        return None
    if pa.types.is_date(kind):
        return date.fromisoformat(text)
    if pa.types.is_integer(kind):
        return int(text)
    if pa.types.is_floating(kind):
        return float(text)
    return text


def table(contract: schema.FileContract, text: str) -> pa.Table:
    """Rows of one dataset file in the file's own schema."""
    head, rows = _parse(text)
    types = {c.name: c.type for c in contract.columns}
    unknown = [name for name in head if name not in types]
    assert not unknown, f"{contract.name} has no column {unknown}"
    columns = {c.name: [_value(row[head.index(c.name)], c.type) for row in rows] if c.name in head
               else [None] * len(rows) for c in contract.columns}
    return pa.table(columns, schema=contract.schema)


def rows(text: str) -> list[dict]:
    """Expected rows: integers, decimals and blanks (None) read as such, everything else as text."""
    head, body = _parse(text)
    return [{name: _literal(cell) for name, cell in zip(head, row)} for row in body]


def _literal(text: str):
    if text == "":
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            continue
    return text


CELL_TYPES = {"practice_code": pa.string(), "sex": pa.string(), "age_start": pa.int16(),
              "deprivation_decile": pa.int8(), "segment": pa.string(), "multimorbidity": pa.string()}


def cells(text: str) -> pa.Table:
    """Cells as the engine aggregates them (engine.cells): the keys as written, the counts as written or zero where
    the test leaves them out, so a test writes only the counts its indicator reads."""
    head, body = _parse(text)
    counts = ["people", "emergency_admissions", "people_admitted", "ae_attendances", "events", "deaths",
              "people_with_condition", *(f"condition_{c}" for c in schema.clusters())]
    unknown = [name for name in head if name not in CELL_TYPES and name not in counts and name != "cost"]
    assert not unknown, f"cells have no column {unknown}"
    types = {**CELL_TYPES, **{c: pa.int64() for c in counts}, "cost": pa.float64()}
    columns = {name: [_value(row[head.index(name)], kind) if name in head else (None if name in CELL_TYPES else 0)
                      for row in body] for name, kind in types.items()}
    return pa.table(columns, schema=pa.schema(list(types.items())))


THREE_PRACTICES = """
    practice_code | practice_name | pcn_code | pcn_name | place_code | place_name
    P1            | Practice one  | N1       | North    | A          | Place A
    P2            | Practice two  | N2       | South    | A          | Place A
    P3            | Practice three| N3       | East     | B          | Place B
"""


def cells_in_practices(backend, name: str, text: str, practices: str = THREE_PRACTICES):
    """Cells written in a test, put on the backend with their practices' geography, as a run's cells are."""
    placed = backend.create_table(f"spec_{name}_practices", table(schema.PRACTICES, practices), overwrite=True)
    return areas.with_geography(backend.create_table(f"spec_{name}_cells", cells(text), overwrite=True), placed)
