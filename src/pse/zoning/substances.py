"""Substance properties for zoning: the study's values over pse's curated library over the `chemicals` package's
IEC 60079-20-1 table, each value with its source.

Precedence (highest first): the study's value on its ``substances:`` entry; pse's curated entry
(``data/substances.yaml``, looked up by key, CAS or name); ``chemicals.safety.IEC_2010_data`` (IEC 60079-20-1:2010
as transcribed by the `chemicals` package: flash point, autoignition temperature, LFL, UFL) with molar mass and
normal boiling point from `chemicals`.  An unknown name or CAS is :class:`UnknownSubstance` with suggestions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PROPERTIES = ("molar_mass_kg_per_kmol", "lel_vol_pct", "uel_vol_pct", "autoignition_c", "flash_point_c",
              "boiling_point_c", "relative_vapour_density", "gamma", "liquid_density_kg_m3", "gas_group",
              "temperature_class", "dust_group", "mit_cloud_c", "mit_layer_c")
AIR_MOLAR_MASS = 28.96


class UnknownSubstance(ValueError):
    """A ``library`` name or CAS number found neither in pse's library nor in the chemicals IEC table."""


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

    @property
    def is_dust(self) -> bool:
        v = self.__dict__.get("values", {})
        return any(v.get(k) is not None for k in ("dust_group", "mit_cloud_c", "mit_layer_c"))

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


def chemicals_entry(key: str) -> dict | None:
    """IEC 60079-20-1 data of ``key`` (a CAS number or a name) from the `chemicals` package, or None.

    Returns a library-style entry: ``lel_vol_pct``, ``uel_vol_pct``, ``autoignition_c``, ``flash_point_c`` from
    ``chemicals.safety.IEC_2010_data``; ``molar_mass_kg_per_kmol``, ``boiling_point_c`` and the relative vapour
    density M/28.96 from `chemicals`; ``origin`` names the table and row.
    """
    import math

    table = _iec_table()
    cas = key if key in table.index else _iec_names().get(key.strip().lower())
    if cas is None:
        try:
            from chemicals.identifiers import CAS_from_any

            cas = CAS_from_any(key)
        except Exception:       # chemicals raises ValueError for unknown names; any failure means "not found"
            return None
        if cas not in table.index:
            return None
    row = table.loc[cas]

    def num(value, scale=1.0, offset=0.0):
        return None if value is None or (isinstance(value, float) and math.isnan(value)) else \
            round(float(value) * scale + offset, 2)

    import chemicals

    entry = {"cas": cas, "name": str(row.Names).split(";")[0].strip(),
             "lel_vol_pct": num(row.LFL, 100.0), "uel_vol_pct": num(row.UFL, 100.0),
             "autoignition_c": num(row.T_autoignition, 1.0, -273.15), "flash_point_c": num(row.T_flash, 1.0, -273.15),
             "origin": f"chemicals {chemicals.__version__} IEC_2010_data (IEC 60079-20-1:2010) row {cas}; "
                       "M, T_b: chemicals"}
    try:
        from chemicals.elements import molecular_weight, simple_formula_parser
        from chemicals.identifiers import search_chemical
        from chemicals.phase_change import Tb

        meta = search_chemical(cas)
        entry["formula"] = meta.formula
        entry["molar_mass_kg_per_kmol"] = round(molecular_weight(simple_formula_parser(meta.formula)), 3)
        entry["relative_vapour_density"] = round(entry["molar_mass_kg_per_kmol"] / AIR_MOLAR_MASS, 2)
        tb = Tb(cas)
        entry["boiling_point_c"] = None if tb is None else round(tb - 273.15, 1)
    except Exception:           # identifiers missing for a row of the IEC table: keep the IEC values only
        pass
    return entry


def _iec_table():
    from chemicals.safety import IEC_2010_data

    return IEC_2010_data


def _iec_names() -> dict:
    """Lower-case names of the IEC table (each ';'-separated alias, parentheses dropped) -> CAS."""
    global _NAMES
    if _NAMES is None:
        names: dict[str, str] = {}
        for cas, text in _iec_table()["Names"].items():
            for alias in str(text).split(";"):
                alias = alias.strip().strip("()").strip().lower()
                if alias:
                    names.setdefault(alias, cas)
        _NAMES = names
    return _NAMES


_NAMES: dict[str, str] | None = None


def library_entry(key: str) -> tuple[dict, str]:
    """The entry for ``key`` and where it comes from: pse's curated library (by key, CAS or name) first, then
    the `chemicals` IEC 60079-20-1 table; :class:`UnknownSubstance` with suggestions otherwise."""
    import difflib

    from pse.zoning.library import load_data, substance_library

    library = substance_library()
    found = library.get(key) or next((e for e in library.values() if key in (e.get("cas"), )
                                      or key.lower() == str(e.get("name", {}).get("en", "")).lower()), None)
    if found is not None:
        return found, f"pse substance library {load_data('substances')['edition']}: {found['id']}" + (
            f" ({found.get('checked_against')})" if found.get("checked") else " (not checked)")
    entry = chemicals_entry(key)
    if entry is not None:
        return entry, entry["origin"]
    candidates = list(library) + list(_iec_names())
    close = list(dict.fromkeys(difflib.get_close_matches(key.lower(), candidates, n=4, cutoff=0.6)))[:3]
    hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else \
        " (give a pse library key, an IEC 60079-20-1 name or a CAS number, or the properties on the substance)"
    raise UnknownSubstance(f"unknown substance '{key}' in the pse library and the chemicals IEC 60079-20-1 "
                           f"table{hint}")


def resolve(substance) -> SubstanceData:
    """Merge a study :class:`~pse.model.schema.Substance` with its library entry (study values win).

    Raises :class:`UnknownSubstance` when ``library`` names nothing known.
    """
    entry, lib_source = library_entry(substance.library) if substance.library else ({}, "-")
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
