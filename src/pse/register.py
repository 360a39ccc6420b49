"""The recommendations register across modules: owner, due date, status, evidence, overdue first.

Every module's rows point at recommendations by ID (``scenarios[].recommendations``,
task measures, FMEA rows, machine hazards, SIFs).  The register lists them all
with the rows they come from; ``pse actions STUDY`` prints it, overdue first.

A row's *current* risk follows its recommendations: while any of them is open
the row stands at its risk before; once all are closed (with evidence) the row
is re-scored at its risk after (:func:`current_rating`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

OPEN_STATUSES = ("open", "in_progress")


@dataclass
class Action:
    """One line of the register."""

    id: str
    text: str
    owner: Optional[str]
    due: Optional[dt.date]
    status: str
    evidence: Optional[str]
    sources: list[str]
    overdue_days: int

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0


def overdue_days(due: Optional[dt.date], status: str, today: dt.date) -> int:
    """Days past the due date of an open recommendation (0 when not overdue, closed or without a date).

    >>> overdue_days(dt.date(2026, 1, 1), "open", dt.date(2026, 1, 11))
    10
    >>> overdue_days(dt.date(2026, 1, 1), "closed", dt.date(2026, 1, 11))
    0
    """
    if due is None or status not in OPEN_STATUSES:
        return 0
    return max(0, (today - due).days)


def actions(study, today: Optional[dt.date] = None, lang: str = "en") -> list[Action]:
    """The register: overdue first (most overdue first), then open by due date, then the rest.

    Besides the study's recommendations it holds the findings modules add (``Module.actions``:
    overdue inspections, self-check "no" answers without a recommendation...).
    """
    from pse.model.trace import recommendation_sources
    from pse.registry import modules

    today = today or dt.date.today()
    sources = recommendation_sources(study)
    rows = [Action(r.id, r.text, r.owner, r.due, r.status, r.evidence, sources.get(r.id, []),
                   overdue_days(r.due, r.status, today)) for r in study.recommendations]
    for module in modules():
        if module.actions is not None and module.uses(study):
            rows.extend(module.actions(study, today, lang))

    def order(a: Action):
        open_ = a.status in OPEN_STATUSES
        return (not a.overdue, not open_, -a.overdue_days, a.due or dt.date.max, a.id)

    return sorted(rows, key=order)


def register_table(study, today: Optional[dt.date] = None, lang: str = "en"):
    """The register as a pandas DataFrame."""
    import pandas as pd

    from pse.i18n import label

    return pd.DataFrame([{
        "ID": a.id, label("recommendations", lang): a.text, label("owner", lang): a.owner or "",
        label("due", lang): a.due.isoformat() if a.due else "", label("status", lang): a.status,
        label("overdue_days", lang): a.overdue_days or "", label("evidence", lang): a.evidence or "",
        label("from_rows", lang): ", ".join(a.sources),
    } for a in actions(study, today, lang)])


def recommendations_closed(study, ids) -> bool:
    """Are all these recommendations closed (so the row may be re-scored at its risk after)?"""
    status = {r.id: r.status for r in study.recommendations}
    return bool(ids) and all(status.get(i) == "closed" for i in ids)


def current_rating(study, severity, likelihood, severity_after, likelihood_after, recommendation_ids):
    """The rating that stands now: after, once every linked recommendation is closed; else before.

    Returns ``(severity, likelihood, "after" | "before")``.
    """
    if severity_after is not None and likelihood_after is not None and recommendations_closed(
            study, recommendation_ids):
        return severity_after, likelihood_after, "after"
    return severity, likelihood, "before"
