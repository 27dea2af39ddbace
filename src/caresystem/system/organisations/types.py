"""Organisation types and how codes are validated (ODS codes, or ONS GSS codes for councils)."""

import re

ORGANISATION_TYPES = {
    "icb": "Integrated care board",
    "ccg": "Clinical commissioning group",
    "nhs_trust": "NHS trust",
    "foundation_trust": "NHS foundation trust",
    "upper_tier_council": "Upper tier council",
    "unitary_council": "Unitary council",
    "district_council": "District council",
    "pcn": "Primary care network",
    "gp_practice": "GP practice",
    "cic_or_independent": "Community interest company or independent provider",
    "vcs": "Voluntary and community sector",
    "regulator_or_national": "Regulator or national body",
    "partnership": "Partnership",
}

ODS_CODE = re.compile(r"^[A-Z0-9]{3,6}$")
GSS_CODE = re.compile(r"^[EWSN]\d{8}$")


def code_problem(code: str) -> str | None:
    """Why a code is not acceptable, or None: ODS codes are 3-6 capital letters/digits; councils may use GSS codes."""
    if not code:
        return "enter a code"
    if code != code.strip().upper():
        return "must use only capital letters and digits, with no spaces"
    if ODS_CODE.match(code) or GSS_CODE.match(code):
        return None
    return "must be an ODS code (3 to 6 capital letters or digits, like RVV or G82002) or an ONS code like E10000016"
