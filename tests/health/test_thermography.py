"""Thermography: four levels, configurable thresholds, the seed 001 breaker 75.8 -> 109 degC escalation."""

from __future__ import annotations

import datetime as dt

import pytest

from pse.health import assess_finding, thermography_level
from pse.model.health import ThermographyFinding

DEFAULTS = {"attention_c": 50, "improve_c": 70, "immediate_c": 90}


def _finding(*measurements):
    return ThermographyFinding(id="T", component="NFB", measurements=[
        {"date": d, "temperature_c": t} for d, t in measurements])


def test_seed_001_cases_with_default_thresholds():
    assert thermography_level(170) == "immediate"      # contactor, case 1
    assert thermography_level(76.7) == "improve"       # load, case 2
    assert thermography_level(75.8) == "improve"       # breaker, case 3
    assert thermography_level(109) == "immediate"      # same breaker a month later
    assert thermography_level(24.5) == "reference"     # after re-tightening: normal range
    assert thermography_level(58) == "attention"       # contactor after repair: normal range (正常)


def test_breaker_escalates_from_improve_to_immediate_with_a_one_week_deadline():
    a = assess_finding(_finding(("2026-10-15", 75.8), ("2026-11-16", 109)), DEFAULTS)
    assert (a.first_level, a.level, a.escalated) == ("improve", "immediate", True)
    assert a.deadline == dt.date(2026, 11, 23)
    first = assess_finding(_finding(("2026-10-15", 75.8)), DEFAULTS)
    assert not first.escalated and first.deadline == dt.date(2026, 11, 15)   # within one month


def test_thresholds_are_configurable():
    assert thermography_level(75.8, attention_c=40, improve_c=60, immediate_c=75) == "immediate"
    assert thermography_level(75.8, attention_c=80, improve_c=100, immediate_c=120) == "reference"
    with pytest.raises(ValueError, match="must rise"):
        thermography_level(50, attention_c=70, improve_c=60, immediate_c=90)


@pytest.mark.parametrize("t, level", [(49.99, "reference"), (50, "attention"), (69.99, "attention"),
                                      (70, "improve"), (89.99, "improve"), (90, "immediate")])
def test_level_boundaries(t, level):
    assert thermography_level(t) == level
