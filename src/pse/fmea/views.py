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


def worksheet(study, lang: str = "en", result=None):
    """The FMEA worksheet as a pandas DataFrame, one row per failure mode, in ranking order."""
    import pandas as pd

    from pse.fmea.analysis import analyse

    if result is None:
        result = analyse(study)
    criticality = study.fmea.criticality or result.ranking == "criticality"
    records = []
    for i in result.order:
        row = result.rows[i]
        rec = {
            _l("rank", lang): int(result.rank[i]),
            _l("id", lang): row.id,
            _l("item", lang): _item(study, row),
            _l("function", lang): row.function or "",
            _l("failure_mode", lang): row.failure_mode,
            _l("effect", lang): row.effect,
            _l("severity", lang): int(result.severity[i]),
            _l("cause", lang): row.cause,
            _l("prevention_controls", lang): _join(row.prevention_controls),
            _l("occurrence", lang): int(result.occurrence[i]),
            _l("detection_controls", lang): _join(row.detection_controls),
            _l("detection", lang): int(result.detection[i]),
            _l("rpn", lang): int(result.rpn[i]),
            _l("ap", lang): str(result.ap[i]),
        }
        if criticality:
            rec[_l("criticality", lang)] = int(result.criticality[i])
        rec[_l("actions", lang)] = _join(a.describe(lang) for a in result.actions[i])
        done = bool(result.re_assessed[i])
        rec.update({
            _l("severity_after", lang): int(result.severity_after[i]) if done else None,
            _l("occurrence_after", lang): int(result.occurrence_after[i]) if done else None,
            _l("detection_after", lang): int(result.detection_after[i]) if done else None,
            _l("rpn_after", lang): int(result.rpn_after[i]) if done else None,
            _l("ap_after", lang): str(result.ap_after[i]) if done else None,
        })
        records.append(rec)
    frame = pd.DataFrame(records)
    for key in ("severity_after", "occurrence_after", "detection_after", "rpn_after"):
        column = _l(key, lang)
        if column in frame:
            frame[column] = pd.Series([None if v is None or v != v else int(v) for v in frame[column]],
                                      index=frame.index, dtype=object)
    return frame


def ranking_table(study, lang: str = "en", result=None):
    """Re-ranking after actions: rank, AP and RPN before and after, and how many places each row moved."""
    import pandas as pd

    from pse.fmea.analysis import analyse

    if result is None:
        result = analyse(study)
    records = []
    for i in result.order:
        row = result.rows[i]
        records.append({
            _l("rank", lang): int(result.rank[i]),
            _l("id", lang): row.id,
            _l("failure_mode", lang): row.failure_mode,
            "S/O/D": f"{result.severity[i]}/{result.occurrence[i]}/{result.detection[i]}",
            _l("rpn", lang): int(result.rpn[i]),
            _l("ap", lang): str(result.ap[i]),
            "S/O/D'": f"{result.severity_after[i]}/{result.occurrence_after[i]}/{result.detection_after[i]}",
            _l("rpn_after", lang): int(result.rpn_after[i]),
            _l("ap_after", lang): str(result.ap_after[i]),
            _l("rank_after", lang): int(result.rank_after[i]),
            _l("rank_change", lang): int(result.rank[i] - result.rank_after[i]),
        })
    return pd.DataFrame(records)


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


def colour(sheet_labels: tuple[str, ...]):
    """Cell colour function for :class:`pse.tables.Sheet`: AP columns by H/M/L."""

    def fill(column, value, row):
        if column in sheet_labels and isinstance(value, str):
            return AP_COLOURS.get(value)
        return None

    return fill
