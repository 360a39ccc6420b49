"""One study, one report: ``report.html`` and ``study.xlsx`` written by ``pse run``.

``report.html`` is a single self-contained page (inline CSS, inline SVG, a few
lines of inline JavaScript to sort tables; nothing is fetched from a network):
a summary (risk profile before and after, open actions, lint results), a
section per module, and a traceability table (HAZOP scenario -> LOPA result ->
SIF -> verification -> FMEA rows; task and machine rows -> recommendations).
``study.xlsx`` holds every module's sheets in one workbook.

Layout: :mod:`~pse.report.profile` and :mod:`~pse.report.trace` compute (no
HTML); :mod:`~pse.report.safe` makes study text safe; :mod:`~pse.report.page`
builds the page context and renders the Jinja2 templates in ``templates/``;
:mod:`~pse.report.workbook` writes ``study.xlsx``.
"""

from __future__ import annotations

from pse._lazy import lazy_exports

_EXPORTS = {
    "build_report": "page",
    "rated_rows": "profile",
    "risk_profile": "profile",
    "profile_tables": "profile",
    "traceability_rows": "trace",
    "markdown_to_html": "safe",
    "sanitize_html": "safe",
    "contrast_ratio": "contrast",
    "write_study_workbook": "workbook",
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
