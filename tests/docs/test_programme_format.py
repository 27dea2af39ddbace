"""The programme data README and the loaders agree: each file's documented fields are exactly the fields its loader
reads (a field the loader refuses or ignores is not documented; every field it reads is)."""

import re

import pytest

from caresystem.programme import reference as programme_reference
from caresystem.programme.benefits import reference as benefits
from caresystem.programme.engagement import reference as engagement
from caresystem.programme.impact import reference as impact
from caresystem.programme.plan import reference as plan
from caresystem.programme.raid import reference as raid
from caresystem.programme.raid.registers import REGISTERS
from caresystem.system.interchange import EXAMPLE

README = EXAMPLE / "programme" / "README.md"


def _fields(model) -> set[str]:
    return set(model.model_fields)


def _raid_log(key: str) -> set[str]:
    return _fields(raid._record_model(REGISTERS[key]))


# What each loader reads, file by file (risk_matrix.yaml is read by hand: a mapping with its grade bands).
LOADED = {
    "programme.yaml": _fields(programme_reference.ProgrammeRecord),
    **{name: _fields(model) for name, model in plan.FILES.items()},
    "risk_matrix.yaml": {"grades"},
    "escalation_rules.yaml": _fields(raid.RuleRecord) | _fields(benefits.BenefitRuleRecord),
    "risks.yaml": _fields(raid.RiskRecord),
    **{f"{key}.yaml": _raid_log(key) for key in REGISTERS},
    "benefits.yaml": _fields(benefits.BenefitRecord),
    "impact_domains.yaml": _fields(impact.DomainRecord),
    **{f"{name}.yaml": _fields(model) for name, model in engagement.FILES.items()},
}


def documented() -> dict[str, set[str]]:
    """`### \\`file.yaml\\`` sections and their `Fields:` paragraph (each field's name before any `:`, `?` or ` (`)."""
    found, current, text = {}, None, None
    for line in README.read_text(encoding="utf-8").splitlines() + [""]:
        if heading := re.match(r"### `([a-z_]+\.yaml)`", line):
            current = heading.group(1)
        elif current and line.startswith("Fields: "):
            text = line
        elif text is not None and line.strip():
            text += " " + line
        elif text is not None:
            found[current] = {re.split(r"[:?( ]", f.strip("`"))[0] for f in re.findall(r"`[^`]+`", text)}
            current, text = None, None
    return found


def test_every_file_the_loaders_read_is_documented():
    assert set(documented()) == set(LOADED)


@pytest.mark.parametrize("name", sorted(LOADED))
def test_a_files_documented_fields_are_the_ones_its_loader_reads(name):
    assert documented()[name] == LOADED[name]
