"""Substance properties for zoning: the study's values over the package library's, each with its source."""

from __future__ import annotations

from dataclasses import dataclass, field

PROPERTIES = ("molar_mass_kg_per_kmol", "lel_vol_pct", "uel_vol_pct", "autoignition_c", "flash_point_c",
              "boiling_point_c", "relative_vapour_density", "gamma", "liquid_density_kg_m3", "gas_group",
              "temperature_class")


@dataclass
class SubstanceData:
    """Resolved properties of a study substance (``None`` = unknown) with where each came from."""

    id: str
    name: str
    library: str | None
    cas: str | None
    formula: str | None
    values: dict
    sources: dict
    checked: bool
    pyrophoric: bool = False
    other_values: list = field(default_factory=list)
    notes: str = ""

    def __getattr__(self, key):
        values = self.__dict__.get("values", {})
        if key in values:
            return values[key]
        raise AttributeError(key)

    @property
    def lel_kg_m3(self):
        from pse.zoning.release import lfl_kg_m3

        if self.lel_vol_pct is None or self.molar_mass_kg_per_kmol is None:
            return None
        return lfl_kg_m3(self.lel_vol_pct, self.molar_mass_kg_per_kmol)

    @property
    def uel_kg_m3(self):
        from pse.zoning.release import lfl_kg_m3

        if self.uel_vol_pct is None or self.molar_mass_kg_per_kmol is None:
            return None
        return lfl_kg_m3(self.uel_vol_pct, self.molar_mass_kg_per_kmol)


def resolve(substance) -> SubstanceData:
    """Merge a study :class:`~pse.model.schema.Substance` with its library entry (study values win).

    Raises ``KeyError`` when ``library`` names no entry of the library.
    """
    from pse.zoning.library import load_data, substance_library

    entry = {}
    if substance.library:
        entry = substance_library()[substance.library]
    lib_source = f"pse substance library {load_data('substances')['edition']}: {substance.library}" + (
        f" ({entry.get('checked_against')})" if entry.get("checked") else " (not checked)")
    values, sources = {}, {}
    for key in PROPERTIES:
        study_value = getattr(substance, key, None)
        if study_value is not None:
            values[key] = study_value
            sources[key] = f"study{': ' + substance.source if substance.source else ''}"
        else:
            values[key] = entry.get(key)
            sources[key] = lib_source if entry.get(key) is not None else "-"
    others = [dict(o) for o in entry.get("other_values", [])]
    others += [o.model_dump(exclude_none=True) for o in substance.other_values]
    return SubstanceData(
        id=substance.id, name=substance.name, library=substance.library,
        cas=substance.cas or entry.get("cas"), formula=substance.formula or entry.get("formula"),
        values=values, sources=sources,
        checked=bool(entry.get("checked")) and not any(getattr(substance, k, None) is not None for k in PROPERTIES),
        pyrophoric=bool(entry.get("pyrophoric")), other_values=others, notes=(entry.get("notes") or "").strip())
