"""Build the Kent and Medway practice, PCN and place reference files from NHS England's 2025/26 practice list.

Run once by a maintainer (the output is committed):
    python scripts/build_practice_reference.py ../shared/reference/nhse-icb-allocation-tool-2025-26/practices_weighted_populations_2025_26.csv

Places follow local authority districts (document 002: four ICPs). Sevenoaks district is split: Swanley and
Darent valley practices (BR8, DA postcodes) sit in Dartford, Gravesham and Swanley; the rest in West Kent.
Faversham (ME13) practices were in Canterbury and Coastal CCG and East Kent. The 42 PCNs of 2021
(document 002 section 2) are illustrative: the documents give the count, not the groupings, so practices
are grouped within each legacy CCG area, in postcode order, into networks of similar list size.
"""

import csv
import sys
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parents[1] / "src/caresystem/reference/kent_and_medway"
PCN_COUNT = 42
PCNS_FROM = "2019-07-01"
SOURCE_CSV = "NHS England ICB place based allocation tool 2025/26 (OGL v3)"

PLACES = [
    {"code": "dgs", "name": "Dartford, Gravesham and Swanley", "ccg_areas": ["09J"]},
    {"code": "east-kent", "name": "East Kent", "ccg_areas": ["09C", "09E", "10A", "10E"]},
    {"code": "medway-swale", "name": "Medway and Swale", "ccg_areas": ["09W", "10D"]},
    {"code": "west-kent", "name": "West Kent", "ccg_areas": ["99J"]},
]
CCG_NAMES = {
    "09C": "Ashford", "09E": "Canterbury and Coastal", "09J": "Dartford, Gravesham and Swanley",
    "09W": "Medway", "10A": "South Kent Coast", "10D": "Swale", "10E": "Thanet", "99J": "West Kent",
}
DISTRICT_CCG = {
    "Ashford": "09C", "Canterbury": "09E", "Dartford": "09J", "Gravesham": "09J", "Medway": "09W",
    "Dover": "10A", "Folkestone and Hythe": "10A", "Swale": "10D", "Thanet": "10E", "Maidstone": "99J",
    "Tonbridge and Malling": "99J", "Tunbridge Wells": "99J", "Sevenoaks": "99J",
}


def legacy_ccg(district: str, postcode: str) -> str:
    if district == "Sevenoaks" and postcode.startswith(("BR8", "DA")):
        return "09J"
    if district == "Swale" and postcode.startswith("ME13"):
        return "09E"
    return DISTRICT_CCG[district]


def place_of(ccg: str) -> str:
    return next(p["code"] for p in PLACES if ccg in p["ccg_areas"])


def read_practices(path: str) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["ICB"] == "QKS"]
    practices = []
    for r in rows:
        ccg = legacy_ccg(r["LTLA"], r["Practice_Postcode"])
        practices.append({
            "code": r["Practice_Code"],
            "name": r["GP_Practice_Name"].title().replace("'S", "'s"),
            "postcode": r["Practice_Postcode"],
            "district": r["LTLA"],
            "district_code": r["LAD"],
            "legacy_ccg": ccg,
            "place": place_of(ccg),
            "registered_patients": round(float(r["Population"])),
            "population_as_at": "2025-04-01",
            "valid_from": None,
            "valid_to": None,
            "source": {"document": "reference", "section": SOURCE_CSV},
        })
    return practices


def pcn_counts(practices: list[dict]) -> dict[str, int]:
    """Share the 42 networks between legacy CCG areas in proportion to list size (largest remainder)."""
    totals: dict[str, int] = {}
    for p in practices:
        totals[p["legacy_ccg"]] = totals.get(p["legacy_ccg"], 0) + p["registered_patients"]
    whole = sum(totals.values())
    quotas = {ccg: PCN_COUNT * t / whole for ccg, t in totals.items()}
    counts = {ccg: max(1, int(q)) for ccg, q in quotas.items()}
    by_remainder = sorted(quotas, key=lambda c: quotas[c] - int(quotas[c]), reverse=True)
    for ccg in by_remainder[: PCN_COUNT - sum(counts.values())]:
        counts[ccg] += 1
    return counts


def group_into_pcns(practices: list[dict]) -> list[dict]:
    counts = pcn_counts(practices)
    pcns = []
    for ccg in sorted(counts):
        members = sorted((p for p in practices if p["legacy_ccg"] == ccg), key=lambda p: (p["postcode"], p["code"]))
        target = sum(p["registered_patients"] for p in members) / counts[ccg]
        groups: list[list[dict]] = [[]]
        running = 0
        for i, p in enumerate(members):
            left_after = len(members) - i
            if groups[-1] and running >= target * len(groups) - p["registered_patients"] / 2 \
                    and len(groups) < counts[ccg] and left_after >= counts[ccg] - len(groups):
                groups.append([])
            groups[-1].append(p)
            running += p["registered_patients"]
        for n, group in enumerate(groups, start=1):
            code = f"XKP{len(pcns) + 1:02d}"
            name = f"{CCG_NAMES[ccg]} PCN {n} (illustrative)"
            for p in group:
                p["pcn"] = code
            pcns.append({
                "code": code, "name": name, "place": place_of(ccg), "legacy_ccg": ccg,
                "valid_from": PCNS_FROM, "valid_to": None, "illustrative": True,
                "notes": "Illustrative grouping of real practices: document 002 gives 42 PCNs but not their members.",
                "source": {"document": "002", "section": "2"},
            })
    return pcns


def main(path: str) -> None:
    practices = read_practices(path)
    pcns = group_into_pcns(practices)
    places = [{**p, "valid_from": "2019-04-01", "valid_to": None,
               "source": {"document": "002", "section": "2"}} for p in PLACES]
    header = "# Generated by scripts/build_practice_reference.py; see README.md in this folder.\n"
    for name, data in (("places", places), ("pcns", pcns), ("practices", practices)):
        (OUT / f"{name}.yaml").write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    sizes = [sum(p["registered_patients"] for p in practices if p["pcn"] == n["code"]) for n in pcns]
    print(f"{len(practices)} practices, {len(pcns)} PCNs, list sizes {min(sizes)}-{max(sizes)}")


if __name__ == "__main__":
    main(sys.argv[1])
