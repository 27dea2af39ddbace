"""Aggregating the person-level table into cells: the one small table every indicator is computed from.

A cell is practice x sex x age band (PHE life-table bands) x deprivation decile x segment x multimorbidity band,
with the people in it and the sums of their events, deaths, cost and conditions. People appear only in the
period's denominator (registered and alive on its start date).
"""

import ibis

from caresystem.population import schema
from caresystem.population.segments import segment_of

CELL_KEYS = ("practice_code", "sex", "age_start", "deprivation_decile", "segment", "multimorbidity")


def cells(persons: ibis.Table) -> ibis.Table:
    cohort = persons.mutate(segment=segment_of(persons))
    sums = {
        "people": cohort.count(),
        "emergency_admissions": cohort.emergency_admissions.sum(),
        "people_admitted": (cohort.emergency_admissions > 0).cast("int32").sum(),
        "ae_attendances": cohort.ae_attendances.sum(),
        "events": cohort.events.sum(),
        "cost": cohort.cost.sum(),
        "deaths": cohort.died_in_period.cast("int32").sum(),
        "people_with_condition": (cohort.conditions > 0).cast("int32").sum(),
        **{f"condition_{c}": cohort[c].cast("int32").sum() for c in schema.clusters()},
    }
    return cohort.group_by(list(CELL_KEYS)).aggregate(**sums)
