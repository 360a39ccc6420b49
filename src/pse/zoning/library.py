"""Reference data of the zoning module: substances, Table D.1, digitised figures, extent recipes, Ex rules.

Each is a versioned YAML file in ``pse/zoning/data/`` read once with ``yaml.safe_load``.

>>> substance_library()["toluene"]["autoignition_c"]
530
>>> table_d1_cells()["medium"]["fair"]["primary"]
('1', '2')
"""

from __future__ import annotations

from functools import cache

_ZONE_LABELS = {"0", "1", "2", "0NE", "1NE", "2NE", "NH"}


@cache
def load_data(name: str) -> dict:
    """The parsed data file ``pse/zoning/data/<name>.yaml``."""
    from importlib.resources import files

    from pse.packagedata import load_package_yaml

    return load_package_yaml(files("pse.zoning").joinpath("data").joinpath(f"{name}.yaml").read_text(encoding="utf-8"))


@cache
def substance_library() -> dict[str, dict]:
    """``{id: entry}`` of the packaged substance library (entries are plain dicts, do not mutate)."""
    doc = load_data("substances")
    out = {}
    for entry in doc["entries"]:
        if entry["id"] in out:
            raise ValueError(f"pse/zoning/data/substances.yaml: duplicate id {entry['id']!r}")
        if "checked" not in entry:
            raise ValueError(f"pse/zoning/data/substances.yaml: {entry['id']}: 'checked' is required")
        out[entry["id"]] = entry
    return out


@cache
def table_d1_cells() -> dict:
    """Table D.1 as ``cells[dilution][availability][grade] -> tuple of zone labels``."""
    doc = load_data("table_d1")
    cells: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {}
    for dilution, by_availability in doc["cells"].items():
        for availability, by_grade in by_availability.items():
            for grade, zones in by_grade.items():
                zones = tuple(str(z) for z in zones)
                if not set(zones) <= _ZONE_LABELS:
                    raise ValueError(f"table_d1.yaml: bad zone label in {dilution}/{availability}/{grade}")
                cells.setdefault(dilution, {}).setdefault(availability, {})[grade] = zones
    return cells


def table_d1_printed(grade: str, dilution: str, availability: str) -> str:
    """The cell of Table D.1 as printed in the standard, e.g. ``'Zone 1 + Zone 2'``."""
    return load_data("table_d1")["printed"][dilution][availability][grade]


def extent_recipes(declared: dict | None = None) -> dict[str, dict]:
    """Packaged extent recipes, overridden/extended by the study's ``zoning.extent_recipes``."""
    recipes = {e["id"]: dict(e, origin="package") for e in load_data("extent_recipes")["entries"]}
    for key, recipe in (declared or {}).items():
        data = recipe.model_dump() if hasattr(recipe, "model_dump") else dict(recipe)
        recipes[key] = dict(data, id=key, origin="study", checked=False)
    return recipes


def ex_rules() -> dict:
    """EPL per zone, gas-group order and T-class limits (``data/ex_rules.yaml``)."""
    return load_data("ex_rules")
