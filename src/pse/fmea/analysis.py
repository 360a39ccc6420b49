"""FMEA of a study: ratings before and after actions, RPN, Action Priority, ranks, actions, checks.

:func:`analyse` is the pipeline: it gathers the ``failure_modes`` rows into
numpy arrays once and applies the vectorised functions of
:mod:`pse.fmea.ratings` to the ratings before actions and to the ratings after
actions (a rating not re-assessed keeps its value before), then ranks both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pse.model.errors import Problem

if TYPE_CHECKING:
    import numpy as np

    from pse.fmea.scales import Scale


@dataclass
class ActionLine:
    """A recommended action of a row, with the register's data filled in when it references a recommendation."""

    text: str
    type: str
    owner: str | None
    due: object | None
    status: str
    recommendation: str | None = None

    def describe(self, lang: str = "en") -> str:
        """``R-01: text [owner, due, status]``, the status in ``lang`` (處理中 / in_progress)."""
        from pse.i18n import enum_label

        status = enum_label(self.status, lang) if self.status else None
        parts = [p for p in (self.owner, str(self.due) if self.due else None, status) if p]
        ref = f"{self.recommendation}: " if self.recommendation else ""
        return f"{ref}{self.text} [{', '.join(parts)}]"


@dataclass
class FmeaResult:
    """Every failure-mode row with its numbers before and after actions (arrays aligned with ``rows``)."""

    rows: list
    scale: Scale
    ranking: str
    severity: np.ndarray
    occurrence: np.ndarray
    detection: np.ndarray
    rpn: np.ndarray
    ap: np.ndarray                 # letters 'H'/'M'/'L'
    criticality: np.ndarray
    rank: np.ndarray               # 1 = act first
    re_assessed: np.ndarray        # bool: the row has post-action ratings
    severity_after: np.ndarray
    occurrence_after: np.ndarray
    detection_after: np.ndarray
    rpn_after: np.ndarray
    ap_after: np.ndarray
    criticality_after: np.ndarray
    rank_after: np.ndarray
    actions: list = field(default_factory=list)   # list[list[ActionLine]] per row

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def order(self):
        """Row indices from first to act on to last (before actions)."""
        import numpy as np

        return np.argsort(self.rank, kind="stable")


def actions_of(study, row) -> list[ActionLine]:
    """The actions of an FMEA row: its ``actions`` then its ``recommendations`` (register data filled in)."""
    lines = []
    for action in row.actions:
        rec = study.get(action.recommendation) if action.recommendation else None
        lines.append(ActionLine(
            text=action.text or (rec.text if rec else ""), type=action.type,
            owner=action.owner or (rec.owner if rec else None), due=action.due or (rec.due if rec else None),
            status=action.status if action.status != "open" or rec is None else rec.status,
            recommendation=action.recommendation))
    listed = {a.recommendation for a in row.actions}
    for rec_id in row.recommendations:
        if rec_id in listed:
            continue
        rec = study.get(rec_id)
        if rec is not None:
            lines.append(ActionLine(rec.text, "prevention", rec.owner, rec.due, rec.status, rec_id))
    return lines


def analyse(study, ranking: str | None = None) -> FmeaResult:
    """Evaluate every FMEA row of a validated study (RPN, AP, criticality, ranks before and after actions)."""
    import numpy as np

    from pse.fmea.ratings import action_priority, criticality, rank_order, rpn
    from pse.fmea.scales import load_scale

    rows = list(study.failure_modes)
    settings = study.fmea
    ranking = ranking or settings.ranking
    scale = load_scale(settings.scale, settings.scales)
    s = np.array([r.severity for r in rows], dtype=np.int16)
    o = np.array([r.occurrence for r in rows], dtype=np.int16)
    d = np.array([r.detection for r in rows], dtype=np.int16)
    after = np.array([any(getattr(r, f) is not None for f in ("severity_after", "occurrence_after",
                                                              "detection_after")) for r in rows], dtype=bool)
    s2 = np.array([r.severity_after or r.severity for r in rows], dtype=np.int16)
    o2 = np.array([r.occurrence_after or r.occurrence for r in rows], dtype=np.int16)
    d2 = np.array([r.detection_after or r.detection for r in rows], dtype=np.int16)
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return FmeaResult(rows, scale, ranking, s, o, d, empty, np.array([], dtype="<U1"), empty, empty, after,
                          s2, o2, d2, empty, np.array([], dtype="<U1"), empty, empty, [])
    _, rank = rank_order(s, o, d, by=ranking)
    _, rank2 = rank_order(s2, o2, d2, by=ranking)
    return FmeaResult(
        rows=rows, scale=scale, ranking=ranking,
        severity=s, occurrence=o, detection=d,
        rpn=rpn(s, o, d), ap=action_priority(s, o, d), criticality=criticality(s, o), rank=rank,
        re_assessed=after, severity_after=s2, occurrence_after=o2, detection_after=d2,
        rpn_after=rpn(s2, o2, d2), ap_after=action_priority(s2, o2, d2), criticality_after=criticality(s2, o2),
        rank_after=rank2, actions=[actions_of(study, r) for r in rows])


def initiating_events(study) -> list[dict]:
    """FMEA causes marked as initiating events, with their frequency per year (for LOPA).

    The frequency is the row's ``initiating_event.frequency_per_yr`` or the
    entry of the LOPA initiating-event library named by ``initiating_event.library``.
    """
    from pse.lopa.evaluate import initiating_event_of
    from pse.lopa.library import load_library

    library = load_library("initiating_events", overrides=study.lopa.initiating_events or None)
    events = []
    for row in study.failure_modes:
        if row.initiating_event is None:
            continue
        ie = initiating_event_of(row, library)
        events.append({"failure_mode": row.id, "cause": row.cause, "equipment": row.equipment,
                       "frequency_per_yr": ie.frequency_per_yr if ie else None,
                       "source": ie.source if ie else None,
                       "bpcs_failure": row.initiating_event.bpcs_failure})
    return events


def check(study) -> list[Problem]:
    """FMEA checks for ``pse check``: the scale exists, IE libraries resolve; lint for unactioned high AP rows."""
    from pse.fmea.scales import UnknownScaleError, load_scale

    smap = study.source_map
    problems: list[Problem] = []
    if smap is None:
        return problems
    try:
        load_scale(study.fmea.scale, study.fmea.scales)
    except UnknownScaleError as exc:
        return [smap.problem(("fmea", "scale"), str(exc))]
    for event in initiating_events(study):
        if event["frequency_per_yr"] is None:
            path = study.path_of(event["failure_mode"]) + ("initiating_event",)
            problems.append(smap.problem(path, "no frequency: give initiating_event.frequency_per_yr or a "
                                               "library key of the LOPA initiating-event library"))
    if problems:
        return problems
    result = analyse(study)
    for i, row in enumerate(result.rows):
        path = study.path_of(row.id)
        if result.ap[i] == "H" and not result.actions[i]:
            problems.append(smap.problem(path + ("severity",), f"Action Priority H (S{row.severity}/O{row.occurrence}/"
                                         f"D{row.detection}) and no action: AIAG-VDA requires an action or a "
                                         f"documented justification / 行動優先度為高但無改善措施",
                                         severity="warning", rule="FMEA-AP-H"))
        if row.severity_after is not None and row.severity_after > row.severity:
            problems.append(smap.problem(path + ("severity_after",), f"severity after actions ({row.severity_after}) "
                                         f"is higher than before ({row.severity})", severity="warning",
                                         rule="FMEA-SEV-UP"))
        closed = result.actions[i] and all(a.status in ("closed", "rejected") for a in result.actions[i])
        if closed and not result.re_assessed[i]:
            problems.append(smap.problem(path + ("actions",), "all actions are closed but the row has no "
                                         "post-action ratings (severity_after, occurrence_after, detection_after)",
                                         severity="warning", rule="FMEA-REASSESS"))
    return problems
