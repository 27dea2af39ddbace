"""Reading a folder of reference-data YAML into validated records, reporting every bad record at once."""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from caresystem.errors import FieldError, Invalid
from caresystem.system.interchange.records import (BodyRecord, CcgAreaRecord, FunctionsFile, OrganisationRecord,
                                                   OversightRecord, PcnRecord, PersonRecord, PlaceRecord,
                                                   PlanningFrameworkRecord,                                                    PracticeRecord, PrincipleSetRecord, SystemRecord)

LIST_FILES: dict[str, type[BaseModel]] = {
    "places": PlaceRecord, "organisations": OrganisationRecord, "pcns": PcnRecord, "practices": PracticeRecord,
    "ccg_areas": CcgAreaRecord, "people": PersonRecord, "governance": BodyRecord, "principles": PrincipleSetRecord,
    "oversight": OversightRecord,
    "planning": PlanningFrameworkRecord,
}


@dataclass
class Pack:
    """A whole system's reference data, parsed and validated field by field."""

    system: SystemRecord | None = None
    places: list[PlaceRecord] = field(default_factory=list)
    organisations: list[OrganisationRecord] = field(default_factory=list)
    pcns: list[PcnRecord] = field(default_factory=list)
    practices: list[PracticeRecord] = field(default_factory=list)
    ccg_areas: list[CcgAreaRecord] = field(default_factory=list)
    people: list[PersonRecord] = field(default_factory=list)
    governance: list[BodyRecord] = field(default_factory=list)
    functions: FunctionsFile = field(default_factory=FunctionsFile)
    principles: list[PrincipleSetRecord] = field(default_factory=list)
    oversight: list[OversightRecord] = field(default_factory=list)
    planning: list[PlanningFrameworkRecord] = field(default_factory=list)


def _load_yaml(path: Path, errors: list[FieldError]):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        errors.append(FieldError(path.name, f"is not valid YAML: {exc}"))
        return None


def _validate(model: type[BaseModel], data, where: str, errors: list[FieldError]):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for e in exc.errors():
            errors.append(FieldError(f"{where}.{'.'.join(str(p) for p in e['loc'])}", e["msg"]))
        return None


def _label(item, index: int) -> str:
    key = item.get("key") or item.get("code") or item.get("ccg") if isinstance(item, dict) else None
    return f"[{index + 1}]" + (f" ({key})" if key else "")


def read_pack(directory: Path) -> Pack:
    """Parse every known file in `directory`; raise Invalid naming file, record and field if anything is wrong."""
    if not directory.is_dir():
        raise Invalid.one("directory", f"{directory} is not a folder")
    errors: list[FieldError] = []
    pack = Pack()
    if (path := directory / "system.yaml").exists():
        pack.system = _validate(SystemRecord, _load_yaml(path, errors), "system.yaml", errors)
    for name, model in LIST_FILES.items():
        path = directory / f"{name}.yaml"
        if not path.exists():
            continue
        data = _load_yaml(path, errors) or []
        if not isinstance(data, list):
            errors.append(FieldError(path.name, "must be a list of records"))
            continue
        records = [_validate(model, item, f"{path.name}{_label(item, i)}", errors) for i, item in enumerate(data)]
        setattr(pack, name, [r for r in records if r is not None])
    if (path := directory / "functions.yaml").exists():
        pack.functions = _validate(FunctionsFile, _load_yaml(path, errors), "functions.yaml", errors) or FunctionsFile()
    if errors:
        raise Invalid(errors)
    return pack


def write_yaml(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110), encoding="utf-8")
