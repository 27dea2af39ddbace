"""Organisations: NHS bodies, councils, networks, practices and partners, with succession and dated figures."""

from caresystem.system.organisations.models import Budget, Organisation, RegisteredPopulation
from caresystem.system.organisations.service import (latest_population_date, list_organisations, population_as_at,
                                                     practice_register, practice_totals)
from caresystem.system.organisations.types import ORGANISATION_TYPES, code_problem

__all__ = ["Budget", "Organisation", "RegisteredPopulation", "ORGANISATION_TYPES", "code_problem", "list_organisations",
           "latest_population_date", "population_as_at", "practice_register", "practice_totals"]
