"""Infrared thermography findings: seed 001's four recommendation levels with configurable thresholds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


def thresholds(study=None) -> dict:
    """Lower bounds (°C) of attention, improve and immediate: the study's, else the package defaults."""
    from pse.health.data import load

    spec = study.health.thermography if study is not None else None
    if spec is not None:
        return {"attention_c": spec.attention_c, "improve_c": spec.improve_c, "immediate_c": spec.immediate_c,
                "source": spec.source}
    data = load("thermography.yaml")
    return dict(data["thresholds"], source="package")


def thermography_level(temperature_c: float, attention_c: float = 50.0, improve_c: float = 70.0,
                       immediate_c: float = 90.0) -> str:
    """Recommendation level of a measured component temperature (°C).

    'reference' below ``attention_c``; 'attention' from it; 'improve' (repair within 1 month, re-test) from
    ``improve_c``; 'immediate' (within 1 week, re-test) from ``immediate_c``.  Seed 001 (electrical fire
    prevention): four levels, no temperatures given - the defaults are pse's (``data/thermography.yaml``).

    >>> thermography_level(75.8), thermography_level(109.0)
    ('improve', 'immediate')
    """
    if not attention_c < improve_c < immediate_c:
        raise ValueError("thresholds must rise: attention < improve < immediate")
    if temperature_c <= -273.15:
        raise ValueError(f"temperature {temperature_c} °C is below absolute zero")
    if temperature_c >= immediate_c:
        return "immediate"
    if temperature_c >= improve_c:
        return "improve"
    return "attention" if temperature_c >= attention_c else "reference"


def levels() -> dict[str, dict]:
    from pse.health.data import load

    return {level["id"]: level for level in load("thermography.yaml")["levels"]}


@dataclass
class Assessment:
    """A finding's latest level, its first level, whether it ever rose between measurements, the deadline."""

    level: str
    first_level: str
    escalated: bool
    measured: dt.date
    temperature_c: float
    deadline: dt.date | None


def assess_finding(finding, limits: dict) -> Assessment:
    """Level of the latest measurement, escalation against the earlier ones, deadline from the level."""
    from itertools import pairwise

    from dateutil.relativedelta import relativedelta

    table = levels()
    ordered = sorted(finding.measurements, key=lambda m: m.date)
    args = (limits["attention_c"], limits["improve_c"], limits["immediate_c"])
    graded = [thermography_level(m.temperature_c, *args) for m in ordered]
    latest = ordered[-1]
    escalated = any(table[b]["rank"] > table[a]["rank"] for a, b in pairwise(graded))
    deadline = table[graded[-1]].get("deadline")
    due = latest.date + relativedelta(**deadline) if deadline else None
    return Assessment(graded[-1], graded[0], escalated, latest.date, latest.temperature_c, due)
