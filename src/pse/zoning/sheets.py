"""Data sheets of the classification (seed 001 steps A and B): substance list, source schedule, Ex check."""

from __future__ import annotations

from pathlib import Path

LABELS = str(Path(__file__).with_name("labels.yaml"))


def _l(key, lang):
    from pse.i18n import label

    return label(key, lang, LABELS)


def _r(value, digits=3):
    return None if value is None else float(f"{value:.{digits}g}")


PROPERTY_LABELS = {   # substance property -> its column label (the sheet names properties as its columns do)
    "molar_mass_kg_per_kmol": "molar_mass", "lel_vol_pct": "lel_vol", "uel_vol_pct": "uel_vol",
    "autoignition_c": "ait", "flash_point_c": "flash_point", "boiling_point_c": "boiling_point",
    "relative_vapour_density": "rvd", "gamma": "gamma", "liquid_density_kg_m3": "liquid_density",
    "gas_group": "gas_group", "temperature_class": "t_class", "mit_cloud_c": "mit_cloud", "mit_layer_c": "mit_layer",
}


def _property(key: str, lang: str) -> str:
    return _l(PROPERTY_LABELS[key], lang) if key in PROPERTY_LABELS else key


def _provenance(source: str, lang: str) -> str:
    """A provenance string with pse's own words in ``lang`` (the library name, "not checked")."""
    if lang == "en":
        return source
    return source.replace("pse substance library", _l("pse_substance_library", lang)).replace(
        "(not checked)", f"({_l('not_checked', lang)})")


def value_sources(sub, lang: str = "en") -> str:
    """Where each value comes from: ``source: property, property; source: ...`` (unknown values left out)."""
    grouped: dict = {}
    for key, source in sub.sources.items():
        if source != "-":
            grouped.setdefault(source, []).append(_property(key, lang))
    return "; ".join(f"{_provenance(source, lang)}: {', '.join(keys)}" for source, keys in grouped.items())


def substance_table(area, lang="en"):
    """Step A: the flammable-substance list (one row per substance used by a source)."""
    import pandas as pd

    used = {r.substance for r in area.results}
    rows = []
    for sid, sub in area.substances.items():
        if sid not in used:
            continue
        others = "; ".join(f"{o.get('source')}: " + ", ".join(f"{_property(k, lang)} {v}" for k, v in o.items()
                                                               if k != "source") for o in sub.other_values)
        rows.append({
            _l("sub_id", lang): sid, _l("sub_name", lang): sub.name, _l("cas", lang): sub.cas,
            _l("formula", lang): sub.formula, _l("flash_point", lang): sub.flash_point_c,
            _l("lel_vol", lang): sub.lel_vol_pct, _l("uel_vol", lang): sub.uel_vol_pct,
            _l("lel_kg", lang): _r(sub.lel_kg_m3), _l("uel_kg", lang): _r(sub.uel_kg_m3),
            _l("boiling_point", lang): sub.boiling_point_c, _l("rvd", lang): sub.relative_vapour_density,
            _l("molar_mass", lang): sub.molar_mass_kg_per_kmol, _l("gamma", lang): sub.gamma,
            _l("ait", lang): sub.autoignition_c if sub.autoignition_c is not None else (
                _l("pyrophoric", lang) if sub.pyrophoric else None),
            _l("gas_group", lang): sub.gas_group or sub.dust_group, _l("t_class", lang): sub.temperature_class,
            _l("mit_cloud", lang): sub.mit_cloud_c, _l("mit_layer", lang): sub.mit_layer_c,
            _l("data_source", lang): value_sources(sub, lang), _l("other_values", lang): others,
        })
    return pd.DataFrame(rows).astype(object)


def word_grade(grade: str, lang: str) -> str:
    """The grade of release in ``lang`` (continuous / primary / secondary)."""
    from pse.zoning.reasons import Reason

    return Reason(f"grade_{grade}").text(lang)


def _extents_text(extents: list, lang: str) -> str:
    """``Zone 2: r 1.01 m, z 0.00-1.51 m; ...`` in ``lang``."""
    from pse.zoning.reasons import word
    from pse.zoning.sheet import zone_name

    parts = []
    for e in extents:
        where = word("whole_room", lang) if e.whole_room else \
            f"r {e.radius_m:.2f} m, z {e.z_bottom_m:.2f}-{e.z_top_m:.2f} m"
        layer = f" ({word('grade_layer', lang)})" if e.part == "grade_layer" else ""
        parts.append(f"{zone_name(e.zone, lang)}: {where}{layer}")
    return "; ".join(parts)


def _result(finding, lang: str) -> str:
    if not finding.ok:
        return _l("fail", lang)
    return _l("not_recorded", lang) if finding.note else _l("pass", lang)


def schedule_table(area, lang="en"):
    """Step B: the source-of-release schedule with zone type, extents and reasoning."""
    import pandas as pd

    from pse.zoning.reasons import zone_words

    study = area.study
    rows = []
    for r in area.results:
        source = study.get(r.source)
        extents = _extents_text(r.extents, lang)
        rows.append({
            _l("src_id", lang): r.source, _l("description", lang): r.description,
            _l("equipment", lang): source.equipment or "", _l("room", lang): r.room or "",
            _l("sub_name", lang): r.substance, _l("grade", lang): word_grade(r.grade, lang),
            _l("position", lang): ", ".join(f"{v:g}" for v in r.location),
            _l("release_rate", lang): r.release_rate_kg_s, _l("release_char", lang): _r(r.release_characteristic_m3_s),
            _l("velocity", lang): _r(r.velocity_m_s), _l("dilution", lang): r.dilution,
            _l("availability", lang): r.availability, _l("table_cell", lang): zone_words(r.table_cell, lang),
            _l("zones", lang): r.zone_text, _l("distance", lang): _r(r.hazardous_distance_m),
            _l("extents", lang): extents, _l("indicative", lang): _l("yes" if r.indicative else "no", lang),
            _l("reasoning", lang): r.reasoning_text(lang),
        })
    return pd.DataFrame(rows).astype(object)


def ex_table(area, lang="en"):
    """The Ex equipment check: equipment in a zone, its marking, what the zone needs, pass/fail."""
    import pandas as pd

    from pse.zoning.excheck import recommendation_text

    rows = []
    for f in area.findings:
        marking = " ".join(x for x in (f.epl, f.gas_group, f.temperature_class) if x) or "-"
        rows.append({
            _l("equipment", lang): f.equipment, _l("tag", lang): f.tag, _l("description", lang): f.name,
            _l("zone", lang): f.zone, _l("sources_in", lang): ", ".join(f.sources),
            _l("substances", lang): ", ".join(f.substances), _l("marking", lang): marking,
            _l("required", lang): f.required, _l("result", lang): _result(f, lang),
            _l("recommendation", lang): recommendation_text(f, lang) or (_l(f.note, lang) if f.note else ""),
        })
    return pd.DataFrame(rows).astype(object)


def sheets(area, lang="en"):
    """The three data sheets as :class:`pse.tables.Sheet` objects."""
    from pse.tables import Sheet

    meta = area.study.study
    header = [f"{meta.title} - {meta.company or ''} {meta.site or ''}".strip(),
              f"{_l('revision', lang)}: {meta.revision or '-'}  {_l('date', lang)}: {meta.date or '-'}",
              _l("basis", lang)]
    result_col, fail = _l("result", lang), _l("fail", lang)
    zone_col, dil_col = _l("zones", lang), _l("dilution", lang)
    zone_colour = {"0": "#F4A6A6", "1": "#FFD59E", "2": "#FFF6B0"}

    def ex_colour(column, value, row):
        if column == result_col:
            return "#F4B6B6" if value == fail else "#C8E6C9"
        return None

    def schedule_colour(column, value, row):
        if column == zone_col and isinstance(value, str):
            first = next((z for z in value.split(" + ") if z in zone_colour), None)
            return zone_colour.get(first)
        return None

    return [
        Sheet("Substances", substance_table(area, lang), _l("substance_list", lang), header,   # long sources:
              widths={_l("data_source", lang): 60, _l("other_values", lang): 40}),      # rows stay short in print
        Sheet("Sources", schedule_table(area, lang), _l("source_schedule", lang), header,
              scientific=(_l("release_rate", lang),), colour=schedule_colour,
              widths={_l("reasoning", lang): 90, _l("description", lang): 30},
              validations={_l("grade", lang): ["continuous", "primary", "secondary"],
                           dil_col: ["high", "medium", "low"],
                           _l("availability", lang): ["good", "fair", "poor"]}),
        Sheet("Ex check", ex_table(area, lang), _l("ex_check", lang), header, colour=ex_colour,
              widths={_l("recommendation", lang): 70}),
    ]
