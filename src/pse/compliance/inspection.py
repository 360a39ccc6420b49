"""Statutory automatic inspection schedule (seed 003 Annex 2): next due dates, overdue findings.

Intervals in calendar months follow the calendar (``dateutil.relativedelta``): an inspection on 31 January
is next due on 28 February (29 in a leap year); a yearly inspection on 29 February 2028 is due on
28 February 2029.  Per-use checks (作業檢點) have no due date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


def next_due(last: dt.date, months: int = 0, days: int = 0) -> dt.date:
    """Next due date of a periodic inspection: the last date plus the interval in calendar months or days.

    The month arithmetic clamps to the end of a shorter month (MR periodic inspections "every month",
    "every year": the same day of the month, or its last day).

    >>> next_due(dt.date(2027, 1, 31), months=1)
    datetime.date(2027, 2, 28)
    >>> next_due(dt.date(2028, 1, 31), months=1)
    datetime.date(2028, 2, 29)
    >>> next_due(dt.date(2028, 2, 29), months=12)
    datetime.date(2029, 2, 28)
    """
    from dateutil.relativedelta import relativedelta

    if months < 0 or days < 0 or (months == 0 and days == 0):
        raise ValueError("an inspection interval must be a positive number of months or days")
    return last + relativedelta(months=months, days=days)


@dataclass
class ScheduleRow:
    """One inspection of one item: interval, article, last date, next due date and overdue days."""

    item: str
    tag: str
    type: str
    interval: str
    title: dict
    citation: str
    last: dt.date | None
    due: dt.date | None
    per_use: bool
    owner: str | None
    overdue_days: int
    months: int = 0
    days: int = 0

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0


def schedule(study, today: dt.date | None = None) -> list[ScheduleRow]:
    """Every statutory inspection of every inspected item, overdue first, then by due date.

    An inspection never done (no last date) is due today.
    """
    from pse.compliance.data import inspection_types

    today = today or dt.date.today()
    types = inspection_types()
    rows = []
    for item in study.inspections:
        for interval in types[item.type]["intervals"]:
            last = item.last_inspected.get(interval["id"])
            per_use = bool(interval.get("per_use"))
            months, days = interval.get("months", 0), interval.get("days", 0)
            due = None if per_use else (next_due(last, months, days) if last else today)
            overdue = max(0, (today - due).days) if due else 0
            rows.append(ScheduleRow(item.id, item.tag, item.type, interval["id"],
                                    {"en": interval["en"], "zh-TW": interval["zh-TW"]}, interval["citation"],
                                    last, due, per_use, item.owner, overdue, months, days))
    return sorted(rows, key=lambda r: (not r.overdue, r.due or dt.date.max, r.item, r.interval))


def problems(study) -> list:
    """Errors: an unknown equipment type or an interval the type does not have."""
    from pse.compliance.data import inspection_types
    from pse.compliance.views import message

    smap = study.source_map
    types = inspection_types()
    out = []
    for i, item in enumerate(study.inspections):
        if item.type not in types:
            out.append(smap.problem(("inspections", i, "type"), message("err_equipment_type", type=item.type,
                                                                        known=", ".join(sorted(types)))))
            continue
        known = [iv["id"] for iv in types[item.type]["intervals"]]
        for key in item.last_inspected:
            if key not in known:
                out.append(smap.problem(("inspections", i, "last_inspected", key),
                                        message("err_interval", interval=key, type=item.type, known=", ".join(known))))
    return out
