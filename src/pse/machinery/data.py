"""Package reference data of the machinery module (versioned YAML in ``data/``), read with ``yaml.safe_load``."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


@cache
def load(name: str) -> dict:
    """One data file of ``data/`` (e.g. ``'hazards.yaml'``), parsed with ``yaml.safe_load``."""
    from pse.packagedata import load_package_yaml

    return load_package_yaml((DATA / name).read_text(encoding="utf-8")) or {}


@dataclass(frozen=True)
class ChecklistItem:
    """One item of an equipment checklist: question, check method and citation (law, article, ...)."""

    id: str
    checklist: str
    question: dict
    method: str
    citation: str
    note: str | None = None
    origin: str = "package"
    source: str = ""
    edition: str = ""
    checked: object = None     # True / False / 'partly' (the checklist's flag unless the item has its own)


@dataclass
class Checklist:
    id: str
    title: dict
    source: str
    items: list[ChecklistItem] = field(default_factory=list)


@cache
def package_checklists() -> dict[str, Checklist]:
    """Every checklist shipped with pse, by ID (``data/checklists/*.yaml``)."""
    from pse.packagedata import load_package_yaml

    found = {}
    for path in sorted((DATA / "checklists").glob("*.yaml")):
        raw = load_package_yaml(path.read_text(encoding="utf-8"))
        checklist = Checklist(raw["id"], raw["title"], raw.get("source", ""))
        for item in raw["items"]:
            checklist.items.append(ChecklistItem(
                item["id"], raw["id"], item["question"], item["method"], item["citation"], item.get("note"),
                source=item.get("source", raw.get("source", "")), edition=str(raw.get("edition", "")),
                checked=item.get("checked", raw.get("checked"))))
        found[checklist.id] = checklist
    return found


def checklists(study=None) -> dict[str, Checklist]:
    """Package checklists plus the study's own items (``machinery.items``: same ID overrides)."""
    base = package_checklists()
    extra = list(study.machinery.items) if study is not None else []
    if not extra:
        return base
    merged = {key: Checklist(c.id, c.title, c.source, list(c.items)) for key, c in base.items()}
    for spec in extra:
        target = merged.setdefault(spec.checklist, Checklist(spec.checklist, {"en": spec.checklist},
                                                             "study"))
        item = ChecklistItem(spec.id, spec.checklist, spec.question, spec.method, spec.citation, spec.note,
                             origin="study")
        target.items = [i for i in target.items if i.id != spec.id] + [item]
    return merged


def items_by_id(study=None) -> dict[str, ChecklistItem]:
    """Every checklist item by its ID."""
    return {item.id: item for c in checklists(study).values() for item in c.items}


def machine_types() -> dict[str, dict]:
    """Machine types with their checklists and designated-product status."""
    return load("machine_types.yaml")["types"]


def hazard_groups() -> dict[str, dict]:
    """ISO 12100 Annex B groups, each with its kinds (origin, consequences; en and zh-TW)."""
    return load("hazards.yaml")["groups"]


def laws() -> dict[str, dict]:
    """Law and standard codes that citations may name."""
    return load("laws.yaml")["laws"]


def checklists_for(machine, study=None) -> list[str]:
    """Checklist IDs applied to a machine: its type's, then its extra ones (no repeats)."""
    names = list(machine_types().get(machine.type, {}).get("checklists", [])) + list(machine.checklists)
    return list(dict.fromkeys(names))
