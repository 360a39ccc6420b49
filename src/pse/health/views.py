"""Worksheets of the health module (pandas DataFrames for pse.tables) and its Markdown section."""

from __future__ import annotations

from pathlib import Path

LABELS = str(Path(__file__).with_name("labels.yaml"))


def _l(key: str, lang: str) -> str:
    from pse.i18n import label

    return label(key, lang, LABELS)


def message(key: str, /, **values):
    """The catalogue message ``key`` of this module in every language (:class:`pse.i18n.Message`)."""
    from pse.i18n import catalogue_message

    return catalogue_message(key, LABELS, **values)


def sqra_band(level: int) -> dict:
    from pse.health.data import load

    return next(b for b in load("sqra.yaml")["levels"]["bands"] if b["level"] == level)


def exposure_sheet(study, lang: str):
    """The seed's SQRA table: HR | VP | Qty | Control | Time | ER | Risk | level."""
    import pandas as pd

    from pse.health.banding import sqra_exposure_rating, sqra_level, sqra_risk
    from pse.tables import Sheet

    rows = []
    for a in study.exposure_assessments:
        er = sqra_exposure_rating(a.vapour_pressure_rating, a.quantity_rating, a.control_rating, a.time_rating)
        risk = sqra_risk(a.hazard_rating, er)
        band = sqra_band(sqra_level(risk))
        rows.append({"ID": a.id, _l("chemical", lang): a.chemical, _l("area", lang): a.area or "",
                     _l("hr", lang): a.hazard_rating, _l("vp", lang): a.vapour_pressure_rating,
                     _l("qty", lang): a.quantity_rating, _l("control", lang): a.control_rating,
                     _l("time", lang): a.time_rating, _l("er", lang): f"{er:.2f}", _l("risk", lang): f"{risk:.2f}",
                     _l("level", lang): f"{band['level']} {band[lang]}",
                     _l("recommendations", lang): ", ".join(a.recommendations)})
    level = _l("level", lang)
    colours = {f"{b['level']} {b[lang]}": b["colour"] for b in _bands_sqra()}
    return Sheet("SQRA", pd.DataFrame(rows), _l("exposure", lang),
                 colour=lambda c, v, i: colours.get(str(v)) if c == level else None)


def _bands_sqra():
    from pse.health.data import load

    return load("sqra.yaml")["levels"]["bands"]


def kim_sheet(study, lang: str):
    import pandas as pd

    from pse.health.kim import assess
    from pse.tables import Sheet

    rows = []
    for task in study.manual_handling:
        r = assess(task)
        rows.append({"ID": task.id, _l("task", lang): task.task, _l("area", lang): task.area or "",
                     _l("load", lang): f"{r['load']:g}", _l("posture", lang): f"{r['posture']:g}",
                     _l("conditions", lang): f"{r['conditions']:g}",
                     _l("total", lang): f"{r['load'] + r['posture'] + r['conditions']:g}",
                     _l("time_rating", lang): f"{r['time']:g}", _l("risk_value", lang): f"{r['risk']:g}",
                     _l("band", lang): r["band"]["range"], _l("assessment", lang): r["band"][lang],
                     _l("recommendations", lang): ", ".join(task.recommendations)})
    band = _l("band", lang)
    colours = {b["range"]: b["colour"] for b in _kim_bands()}
    return Sheet("KIM-LHC", pd.DataFrame(rows), _l("manual_handling", lang),
                 colour=lambda c, v, i: colours.get(v) if c == band else None)


def _kim_bands():
    from pse.health.data import load

    return load("kim_lhc.yaml")["bands"]


def thermography_sheet(study, lang: str):
    import pandas as pd

    from pse.health.thermography import assess_finding, levels, thresholds
    from pse.tables import Sheet

    limits, table, rows = thresholds(study), levels(), []
    for f in study.thermography:
        a = assess_finding(f, limits)
        history = " → ".join(f"{m.date} {m.temperature_c:g}" for m in sorted(f.measurements, key=lambda m: m.date))
        info = table[a.level]
        rows.append({"ID": f.id, _l("component", lang): f.component, _l("location", lang): f.location or "",
                     _l("problem", lang): f.problem or "", _l("history", lang): history,
                     _l("temperature", lang): f"{a.temperature_c:g}",
                     _l("rec_level", lang): f"{info['category'][lang]} - {info[lang]}",
                     _l("escalated", lang): _l("flag_yes", lang) if a.escalated else "",
                     _l("deadline", lang): a.deadline.isoformat() if a.deadline else "",
                     _l("recommendations", lang): f.recommendation or ""})
    col = _l("rec_level", lang)
    colours = {f"{v['category'][lang]} - {v[lang]}": v["colour"] for v in table.values()}
    source = _l("default_thresholds", lang) if limits["source"] == "package" else limits["source"]
    numbers = f"{limits['attention_c']:g} / {limits['improve_c']:g} / {limits['immediate_c']:g}"
    head = [f"{_l('thresholds', lang)}: {numbers} ({source})"]
    return Sheet("Thermography", pd.DataFrame(rows), _l("thermography", lang), head,
                 colour=lambda c, v, i: colours.get(str(v)) if c == col else None,
                 widths={col: 60, _l("component", lang): 30, _l("problem", lang): 34, _l("history", lang): 40})


def sheets(study, lang: str) -> list:
    out = []
    if study.exposure_assessments:
        out.append(exposure_sheet(study, lang))
    if study.manual_handling:
        out.append(kim_sheet(study, lang))
    if study.thermography:
        out.append(thermography_sheet(study, lang))
    return out


def markdown_section(study, title: str, lang: str, tables: list | None = None) -> str:
    """The section of report/summary: each sheet's Markdown table and its first header line.  ``tables``: the
    ``(sheet, markdown)`` pairs already made for the files (each table is made into Markdown once)."""
    from pse.tables import to_markdown

    if tables is None:
        tables = [(sheet, to_markdown(sheet)) for sheet in sheets(study, lang)]
    parts = [f"## {title}", ""]
    for sheet, markdown in tables:
        parts.append(markdown)
        parts += sheet.header_lines and [f"_{sheet.header_lines[0]}_", ""] or []
    return "\n".join(parts) + "\n"
