"""Compliance (seed 003): self-check checklists, chemical thresholds, statutory inspection schedule.

* :func:`control_quantity_ratio` -- combined index sum(q_i / Q_i) of a threshold rule
* :func:`evaluate_inventory` -- every threshold rule of the inventory, computed and explained
* :func:`next_due` / :func:`schedule` -- next due dates of automatic inspections, overdue findings
* :func:`self_check_rows` -- the self-check worksheet (item | question | yes/no) with citations
* :func:`to_icalendar` -- the inspection schedule as RFC 5545 iCalendar
"""

from __future__ import annotations

from pse._lazy import lazy_exports

_EXPORTS = {
    "control_quantity_ratio": "thresholds",
    "evaluate_inventory": "thresholds",
    "RuleResult": "thresholds",
    "next_due": "inspection",
    "schedule": "inspection",
    "ScheduleRow": "inspection",
    "self_check_rows": "checklists",
    "checklists": "checklists",
    "to_icalendar": "ical",
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
