"""Package reference data of the compliance module (versioned YAML in ``data/``)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


@cache
def load(name: str) -> dict:
    """One data file of ``data/`` parsed with ``yaml.safe_load``."""
    from pse.packagedata import load_package_yaml

    return load_package_yaml((DATA / name).read_text(encoding="utf-8")) or {}


@cache
def package_checklists() -> dict[str, dict]:
    """Every self-check checklist shipped with pse, by ID (``data/checklists/*.yaml``)."""
    from pse.packagedata import load_package_yaml

    return {raw["id"]: raw for raw in (load_package_yaml(p.read_text(encoding="utf-8"))
                                      for p in sorted((DATA / "checklists").glob("*.yaml")))}


def inspection_types() -> dict[str, dict]:
    """Equipment types with their statutory inspection intervals (seed 003 Annex 2)."""
    return load("inspection.yaml")["types"]
