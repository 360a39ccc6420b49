"""Traceability of a study: HAZOP scenario -> LOPA (now / planned) -> SIF -> verification -> FMEA; rows ->
recommendations; machinery links (task-risk row -> machine hazard, FMEA row -> safety function).

The rows are computed by the modules that own them (:func:`pse.model.trace.traceability_rows`,
:func:`pse.machinery.links.traceability_link_rows`); the report only gathers them.
"""

from __future__ import annotations


def traceability_rows(study, lopa_result=None, verifications=None) -> list[list]:
    """Rows of the traceability table, seven columns each (no HTML)."""
    from pse.model.trace import traceability_rows as lopa_rows

    rows = lopa_rows(study, lopa_result, verifications)
    if study.machines:
        from pse.machinery.links import traceability_link_rows

        rows += traceability_link_rows(study)
    return rows


#: the last study traced and its rows (the report and study.xlsx both show them: computed once per run)
_LAST: dict = {}


def traced_rows(study) -> list[list]:
    """:func:`traceability_rows` of ``study`` with LOPA evaluated when the study has LOPA rows or SIFs,
    computed once for the study object (the report page and the study workbook share them)."""
    cached = _LAST.get("rows")
    if cached is not None and _LAST.get("study") is study:
        return cached
    lopa_result = verifications = None
    if study.sifs or any(s.lopa for s in study.scenarios):
        from pse.lopa.views import analyse

        lopa_result, verifications = analyse(study)
    rows = traceability_rows(study, lopa_result, verifications)
    _LAST.clear()
    _LAST.update(study=study, rows=rows)
    return rows


def trace_headers(lang: str) -> list[str]:
    """The seven column headers of the traceability table."""
    from pse.i18n import label

    return [label("row", lang), label("origin", lang), "LOPA", "SIF", label("verification", lang), "FMEA",
            label("recommendations", lang)]


def traceability_sheet(study, lang: str):
    """The whole traceability table as a :class:`pse.tables.Sheet` (the Traceability sheet of study.xlsx)."""
    from pathlib import Path

    import pandas as pd

    from pse.i18n import label
    from pse.tables import Sheet

    title = label("report_traceability_sheet", lang, str(Path(__file__).with_name("labels.yaml")))
    table = pd.DataFrame(traced_rows(study), columns=trace_headers(lang))
    return Sheet("Traceability", table, title, [study.study.title], lang=lang, study=study,
                 widths={c: 30 for c in table.columns[2:]})
