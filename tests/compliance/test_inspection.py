"""Inspection schedule: due dates across month ends and leap years, overdue findings, iCalendar export."""

from __future__ import annotations

import datetime as dt

import pytest

from pse.compliance import next_due, schedule, to_icalendar
from pse.compliance.ical import escape_text, fold
from pse.model import load_study

D = dt.date


@pytest.mark.parametrize("last, months, due", [
    (D(2027, 1, 31), 1, D(2027, 2, 28)),     # month end into a short February
    (D(2028, 1, 31), 1, D(2028, 2, 29)),     # leap year
    (D(2028, 2, 29), 12, D(2029, 2, 28)),    # yearly from 29 February
    (D(2028, 2, 29), 48, D(2032, 2, 29)),    # four years later: a leap year again
    (D(2026, 3, 31), 1, D(2026, 4, 30)),
    (D(2026, 12, 15), 1, D(2027, 1, 15)),    # year end
    (D(2026, 8, 31), 24, D(2028, 8, 31)),    # every 2 years
])
def test_next_due_follows_the_calendar(last, months, due):
    assert next_due(last, months=months) == due


def test_zero_interval_is_refused():
    with pytest.raises(ValueError):
        next_due(D(2026, 1, 1))


STUDY = """
study: {title: t, site: Taoyuan plant}
inspections:
  - {id: IN-1, tag: FL-01, type: forklift, owner: Warehouse, last_inspected: {yearly: 2027-02-28, monthly: 2028-01-31}}
  - {id: IN-2, tag: EX-1, type: ex_electrical, last_inspected: {monthly: 2028-02-29}}
"""


def test_overdue_days_and_order(write_study):
    rows = schedule(load_study(write_study(STUDY)), today=D(2028, 3, 1))
    by = {(r.item, r.interval): r for r in rows}
    assert by[("IN-1", "monthly")].due == D(2028, 2, 29) and by[("IN-1", "monthly")].overdue_days == 1
    assert by[("IN-1", "yearly")].due == D(2028, 2, 28) and by[("IN-1", "yearly")].overdue_days == 2
    assert by[("IN-2", "monthly")].due == D(2028, 3, 29) and not by[("IN-2", "monthly")].overdue
    assert by[("IN-1", "pre_use")].due is None and by[("IN-1", "pre_use")].per_use
    assert [r.overdue_days for r in rows[:2]] == [2, 1]      # overdue first, most overdue first


def test_overdue_inspections_are_register_actions(write_study):
    from pse.register import actions

    study = load_study(write_study(STUDY))
    found = {a.id: a for a in actions(study, D(2028, 3, 1), "zh-TW")}
    action = found["INSP-IN-1-yearly"]
    assert action.overdue_days == 2 and action.owner == "Warehouse" and action.sources == ["IN-1"]
    assert "職業安全衛生管理辦法第17條" in action.text
    assert "INSP-IN-2-monthly" not in found


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_icalendar_is_rfc_5545(write_study):
    rows = schedule(load_study(write_study(STUDY)), today=D(2028, 3, 1))
    ics = to_icalendar(rows, "Taoyuan, plant; schedule", "zh-TW", today=D(2028, 3, 1))
    assert ics.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in ics.split("\r\n"))
    lines = _unfold(ics)
    assert "X-WR-CALNAME:Taoyuan\\, plant\\; schedule" in lines
    assert lines.count("BEGIN:VEVENT") == 3                  # per-use checks have no date
    assert "DTSTART;VALUE=DATE:20280228" in lines and "DTEND;VALUE=DATE:20280229" in lines
    assert "UID:IN-1-yearly@pse" in lines
    description = next(line for line in lines if line.startswith("DESCRIPTION:") and "17" in line)
    assert "\\n" in description and "逾期天數" in description
    ics.encode("utf-8").decode("utf-8")                       # folding never splits a character


def test_escape_and_fold():
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    folded = fold("X" * 70 + "檢查" * 10)
    assert all(len(p.encode("utf-8")) <= 75 for p in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "X" * 70 + "檢查" * 10


from hypothesis import given
from hypothesis import strategies as st


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31)), st.integers(1, 36))
def test_next_due_keeps_the_day_or_the_month_end(last, months):
    import calendar

    due = next_due(last, months=months)
    assert (due.year * 12 + due.month) - (last.year * 12 + last.month) == months
    assert due.day == min(last.day, calendar.monthrange(due.year, due.month)[1])
