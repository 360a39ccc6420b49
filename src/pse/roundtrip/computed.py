"""Computed cells of the worksheets (never read back): risk level, RPN, Action Priority, LOPA frequency.

Each value comes from the module that owns the rule (``pse.taskrisk.rating.risk_level``,
``pse.fmea.ratings.rpn``/``action_priority``, ``pse.lopa.evaluate.evaluate``), so the browser, the
workbook and ``pse run`` always agree.  Returns ``{row ID: {column: (text, fill colour or None)}}``.
"""

from __future__ import annotations

_AP_COLOURS = {"H": "#E53935", "M": "#FDD835", "L": "#43A047"}


def _level(matrix, severity, likelihood) -> tuple[str, str | None]:
    from pse.taskrisk.rating import risk_level

    if severity in (None, "") or likelihood in (None, ""):
        return "", None
    try:
        level = risk_level(severity, likelihood, matrix)
        return str(level), matrix.describe(level).colour
    except (KeyError, ValueError):
        return "", None


def taskrisk(study) -> dict:
    from pse.model.validate import matrix_for

    matrix = matrix_for(study)
    out = {}
    for task in study.tasks:
        for row in task.rows:
            out[row.id] = {"risk_level": _level(matrix, row.severity, row.likelihood),
                           "residual_level": _level(matrix, row.residual_severity, row.residual_likelihood)}
    return out


def _fmea_pair(s, o, d) -> tuple[tuple, tuple]:
    from pse.fmea.ratings import action_priority, rpn

    if None in (s, o, d):
        return ("", None), ("", None)
    letter = str(action_priority(s, o, d))
    return (str(rpn(s, o, d)), None), (letter, _AP_COLOURS.get(letter))


def fmea(study) -> dict:
    out = {}
    for row in study.failure_modes:
        rpn, ap = _fmea_pair(row.severity, row.occurrence, row.detection)
        after = [row.severity_after or row.severity if row.severity_after or row.occurrence_after
                 or row.detection_after else None,
                 row.occurrence_after or row.occurrence, row.detection_after or row.detection]
        rpn_after, ap_after = _fmea_pair(*after)
        out[row.id] = {"rpn": rpn, "ap": ap, "rpn_after": rpn_after, "ap_after": ap_after}
    return out


def lopa(study) -> dict:
    from pse.lopa.evaluate import evaluate

    out: dict = {}
    try:
        results = evaluate(study).scenarios
    except (ValueError, KeyError):
        return out
    for result in results:
        met = result.meets_tolerable
        out[result.scenario] = {"mitigated_frequency_per_yr": (f"{result.mitigated_frequency_per_yr:.2e}", None),
                                "lopa_met": ("Y" if met else "N", "#43A047" if met else "#E53935")}
    return out


def computed(kind_name: str, study) -> dict:
    """Computed cells of every row of a workbook kind."""
    return {"taskrisk": taskrisk, "fmea": fmea, "lopa": lopa}.get(kind_name, lambda s: {})(study)
