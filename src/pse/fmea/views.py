"""Tabular views of the FMEA: the worksheet (AIAG-VDA column order), the ranking, the rating scale.

Columns follow the AIAG-VDA form: item / function, failure mode, effect (S),
cause, prevention controls (O), detection controls (D), RPN, AP, actions, and the
same ratings after actions.  Rows are listed in ranking order (rank 1 first).
"""

from __future__ import annotations

from pathlib import Path

LABELS = str(Path(__file__).with_name("labels.yaml"))
AP_COLOURS = {"H": "#F4B6B6", "M": "#FFE0A3", "L": "#C8E6C9"}


def _l(key: str, lang: str) -> str:
    from pse.i18n import label

    return label(key, lang, LABELS)


def _join(items) -> str:
    return "; ".join(str(i) for i in items if i)


def _item(study, row) -> str:
    """The item, with the equipment tag when the text does not already name it."""
    equipment = study.get(row.equipment) if row.equipment else None
    if equipment is None or equipment.tag in row.item:
        return row.item
    return f"{row.item} ({equipment.tag})"


def _in_order(result, name: str) -> list:
    """A result array in ranking order as Python values (one ``tolist``, no per-cell indexing)."""
    return getattr(result, name)[result.order].tolist()


def _after(result, name: str) -> list:
    """A post-action column in ranking order: the value where the row was re-assessed, else None."""
    return [v if done else None for v, done in zip(_in_order(result, name), _in_order(result, "re_assessed"),
                                                   strict=True)]


def worksheet(study, lang: str = "en", result=None):
    """The FMEA worksheet as a pandas DataFrame, one row per failure mode, in ranking order (built column by
    column)."""
    import pandas as pd

    from pse.fmea.analysis import analyse

    if result is None:
        result = analyse(study)
    if not len(result):
        return pd.DataFrame([])
    rows = [result.rows[i] for i in result.order]
    columns = {
        "rank": _in_order(result, "rank"),
        "id": [row.id for row in rows],
        "item": [_item(study, row) for row in rows],
        "function": [row.function or "" for row in rows],
        "failure_mode": [row.failure_mode for row in rows],
        "effect": [row.effect for row in rows],
        "severity": _in_order(result, "severity"),
        "cause": [row.cause for row in rows],
        "prevention_controls": [_join(row.prevention_controls) for row in rows],
        "occurrence": _in_order(result, "occurrence"),
        "detection_controls": [_join(row.detection_controls) for row in rows],
        "detection": _in_order(result, "detection"),
        "rpn": _in_order(result, "rpn"),
        "ap": _in_order(result, "ap"),
    }
    if study.fmea.criticality or result.ranking == "criticality":
        columns["criticality"] = _in_order(result, "criticality")
    columns["actions"] = [_join(a.describe(lang) for a in result.actions[i]) for i in result.order.tolist()]
    for key in ("severity_after", "occurrence_after", "detection_after", "rpn_after", "ap_after"):
        columns[key] = _after(result, key)
    frame = pd.DataFrame({_l(key, lang): values for key, values in columns.items()})
    for key in ("severity_after", "occurrence_after", "detection_after", "rpn_after"):
        column = _l(key, lang)
        frame[column] = pd.Series(columns[key], index=frame.index, dtype=object)
    return frame


def ranking_table(study, lang: str = "en", result=None):
    """Re-ranking after actions: rank, AP and RPN before and after, and how many places each row moved
    (built column by column)."""
    import pandas as pd

    from pse.fmea.analysis import analyse

    if result is None:
        result = analyse(study)
    if not len(result):
        return pd.DataFrame([])

    def ratings(*names) -> list[str]:
        return ["/".join(map(str, sod)) for sod in zip(*(_in_order(result, n) for n in names), strict=True)]

    rank, rank_after = _in_order(result, "rank"), _in_order(result, "rank_after")
    return pd.DataFrame({
        _l("rank", lang): rank,
        _l("id", lang): [result.rows[i].id for i in result.order.tolist()],
        _l("failure_mode", lang): [result.rows[i].failure_mode for i in result.order.tolist()],
        "S/O/D": ratings("severity", "occurrence", "detection"),
        _l("rpn", lang): _in_order(result, "rpn"),
        _l("ap", lang): _in_order(result, "ap"),
        "S/O/D'": ratings("severity_after", "occurrence_after", "detection_after"),
        _l("rpn_after", lang): _in_order(result, "rpn_after"),
        _l("ap_after", lang): _in_order(result, "ap_after"),
        _l("rank_after", lang): rank_after,
        _l("rank_change", lang): [a - b for a, b in zip(rank, rank_after, strict=True)],
    })


def scale_table(study, lang: str = "en", result=None):
    """The rating scale in force: rank 10..1 with its severity, occurrence and detection descriptions."""
    import pandas as pd

    from pse.fmea.scales import load_scale

    scale = result.scale if result is not None else load_scale(study.fmea.scale, study.fmea.scales)
    return pd.DataFrame([{
        _l("rating", lang): rank,
        _l("severity", lang): scale.describe("severity", rank, lang),
        _l("occurrence", lang): scale.describe("occurrence", rank, lang),
        _l("detection", lang): scale.describe("detection", rank, lang),
    } for rank in range(10, 0, -1)])


class ApColour:
    """Cell colour rule for :class:`pse.tables.Sheet`: the cells of the AP ``columns`` by their letter H/M/L
    (:data:`AP_COLOURS`); it reads only the column and the value (never the row), so a table writer may colour
    each distinct value once."""

    def __init__(self, columns: tuple[str, ...]):
        self.columns = columns
        self.colours = AP_COLOURS

    def __call__(self, column, value, row):
        if column in self.columns and isinstance(value, str):
            return self.colours.get(value)
        return None


def colour(sheet_labels: tuple[str, ...]) -> ApColour:
    """Cell colour function for :class:`pse.tables.Sheet`: AP columns by H/M/L."""
    return ApColour(sheet_labels)
