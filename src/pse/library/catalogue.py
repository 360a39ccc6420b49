"""The catalogue of reference libraries: one row per entry, with its source, edition and checked flag.

Each library has a small reader (:data:`READERS`) that turns its data file into rows; an entry
without its own ``source`` / ``edition`` / ``checked`` takes the file's.  Nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class LibraryRow:
    """One entry of a reference library."""

    module: str
    library: str
    key: str
    value: str
    name: dict
    source: str
    edition: str
    checked: str

    def text(self, lang: str) -> str:
        return self.name.get(lang) or self.name.get("en") or ""


def _load(relative: str):
    import yaml

    with open(ROOT / relative, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _checked(value) -> str:
    if value is True:
        return "yes"
    if value in (False, None):
        return "no"
    return str(value)


def _names(raw) -> dict:
    if isinstance(raw, dict):
        return {k: str(v) for k, v in raw.items() if k in ("en", "zh-TW") and v is not None}
    return {"en": str(raw)} if raw else {}


def _row(module, library, key, value, name, entry, top) -> LibraryRow:
    entry = entry if isinstance(entry, dict) else {}
    return LibraryRow(module, library, str(key), str(value), _names(name),
                      str(entry.get("source") or top.get("source") or "").strip(),
                      str(entry.get("edition") or top.get("edition") or ""),
                      _checked(entry.get("checked", top.get("checked"))))


def _lopa(kind: str, unit: dict):
    def read():
        from pse.lopa.library import library_info, load_library

        info = library_info(kind)
        top = {"edition": info.get("edition", ""), "source": ""}
        out = []
        for entry in load_library(kind).values():
            value = f"{entry.value:g}{unit.get(entry.value_key, '')}"
            out.append(LibraryRow("lopa", kind, entry.id, value, dict(entry.name), entry.source, top["edition"],
                                  _checked(entry.checked)))
        return out
    return read


def _pfh_equations():
    data = _load("lopa/data/pfh_equations.yaml")
    return [_row("lopa", "pfh_equations", arch, " ".join(str(e.get("equation", "")).split()),
                 {"en": f"{e.get('clause', '')}: {' '.join(str(e.get('checked_against') or '').split())}".strip()},
                 e, data) for arch, e in data["entries"].items()]


def _guide_words():
    data = _load("hazop/data/guide_words.yaml")
    return [_row("hazop", "guide_words", k, (v.get("name") or {}).get("en", k), v.get("meaning") or v.get("name"), v,
                 data) for k, v in data["guide_words"].items()]


def _parameters():
    data = _load("hazop/data/parameters.yaml")
    return [_row("hazop", "parameters", k, ", ".join(v.get("deviations", {})), v.get("name"), v, data)
            for k, v in data["parameters"].items()]


def _suggestions():
    data = _load("hazop/data/suggestions.yaml")
    out = []
    for equipment, items in data["equipment"].items():
        for i, item in enumerate(items, 1):
            dev = item.get("deviation", {})
            out.append(_row("hazop", "suggestions", f"{equipment}.{i}",
                            f"{dev.get('guide_word', '')} {dev.get('parameter', '')}".strip(), item.get("cause"),
                            item, data))
    return out


def _substances():
    data = _load("zoning/data/substances.yaml")
    return [_row("zoning", "substances", e["id"],
                 f"LEL {e.get('lel_vol_pct')} %vol, {e.get('gas_group') or '-'}, {e.get('temperature_class') or '-'}",
                 e.get("name"), e, data) for e in data["entries"]]


def _recipes():
    data = _load("zoning/data/extent_recipes.yaml")
    return [_row("zoning", "extent_recipes", e["id"], e.get("figure") or "", e.get("name"), e, data)
            for e in data["entries"]]


def _checklists():
    out = []
    for path in sorted((ROOT / "machinery/data/checklists").glob("*.yaml")):
        data = _load(f"machinery/data/checklists/{path.name}")
        for item in data.get("items", []):
            out.append(_row("machinery", f"checklist:{data.get('id', path.stem)}", item["id"],
                            item.get("citation", ""), item.get("question"), item, data))
    return out


def _hazards():
    data = _load("machinery/data/hazards.yaml")
    return [_row("machinery", "hazards", f"{group}.{kind}", _names(g).get("en", group), k, k, data)
            for group, g in data["groups"].items() for kind, k in (g.get("kinds") or {}).items()]


def _fmea_scales():
    data = _load("fmea/data/scales.yaml")
    out = []
    for scale, spec in data.items():
        for dimension in ("severity", "occurrence", "detection"):
            for rank, text in (spec.get(dimension) or {}).items():
                out.append(_row("fmea", f"scales:{scale}", f"{dimension}.{rank}", rank, text, spec, spec))
    return out


def _hazard_types():
    data = _load("taskrisk/data/hazard_types.yaml")
    return [_row("taskrisk", "hazard_types", k, v.get("number", ""), v, v, data) for k, v in data["types"].items()]


READERS = {
    ("lopa", "initiating_events"): _lopa("initiating_events", {"frequency_per_yr": " /yr",
                                                               "probability_per_opportunity": " per opportunity"}),
    ("lopa", "ipl_pfds"): _lopa("ipl_pfds", {"pfd": " (PFD)"}),
    ("lopa", "conditional_modifiers"): _lopa("conditional_modifiers", {"probability": " (probability)"}),
    ("lopa", "pfh_equations"): _pfh_equations,
    ("hazop", "guide_words"): _guide_words,
    ("hazop", "parameters"): _parameters,
    ("hazop", "suggestions"): _suggestions,
    ("zoning", "substances"): _substances,
    ("zoning", "extent_recipes"): _recipes,
    ("machinery", "checklists"): _checklists,
    ("machinery", "hazards"): _hazards,
    ("fmea", "scales"): _fmea_scales,
    ("taskrisk", "hazard_types"): _hazard_types,
}


def _machinery_data():
    """ISO 13849-1 typical components and the ISO 13849 / 13855 / 13857 tables (checklists are read above)."""
    from pse.machinery.library import library_entries

    def checked(value):
        return "yes" if value is True else "no" if value in (False, None) else str(value)

    return [LibraryRow("machinery", e["kind"].split(":")[0] if e["kind"] != "table" else "tables", e["id"],
                       e["text"].get("en", ""), e["text"], str(e["source"] or "").strip(), str(e["edition"] or ""),
                       checked(e["checked"]))
            for e in library_entries() if not e["kind"].startswith("checklist:")]


def _module_readers() -> dict:
    """Readers that modules ship beside their data (compliance, health)."""
    from pse.compliance.library import READERS as compliance
    from pse.health.library import READERS as health

    return {**compliance, **health}


READERS[("machinery", "components_and_tables")] = _machinery_data


@lru_cache(maxsize=1)
def rows() -> tuple[LibraryRow, ...]:
    """Every entry of every library (read once per process)."""
    out = []
    for reader in {**READERS, **_module_readers()}.values():
        out.extend(reader())
    return tuple(out)


def select(module: str | None = None, word: str | None = None, library: str | None = None) -> list[LibraryRow]:
    """Rows of one module and/or library whose key, value, names or source contain ``word`` (case-insensitive)."""
    word = (word or "").casefold()
    out = []
    for row in rows():
        if module and row.module != module:
            continue
        if library and not (row.library == library or row.library.startswith(library + ":")):
            continue
        haystack = " ".join([row.key, row.value, row.source, *row.name.values(), row.library]).casefold()
        if word and word not in haystack:
            continue
        out.append(row)
    return out
