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
