"""KIM-LHC, the Key Indicator Method for lifting, holding and carrying (BAuA/LASI 2001), as seed 001 uses it."""

from __future__ import annotations


def _table():
    from pse.health.data import load

    return load("kim_lhc.yaml")


def _step(rows: list[dict], value: float) -> float:
    points = rows[0]["points"]
    for row in rows:
        if value >= row["from"]:
            points = row["points"]
    return points


def kim_lhc_risk(load_points, posture_points, conditions_points, time_rating) -> float:
    """Risk value of a lifting / holding / carrying task over one working day, dimensionless.

    .. math:: R = (L_{load} + L_{posture} + L_{conditions}) \\cdot T

    BAuA/LASI KIM-LHC (2001): load points 1..25, posture points 1..8, working-conditions points 0..2,
    time rating 1..10 (intermediate values allowed).  Seed 001 packing case: (7 + 6 + 1) x 4 = 56.

    >>> kim_lhc_risk(7, 6, 1, 4)
    56.0
    """
    for name, value, low, high in (("load_points", load_points, 1, 25), ("posture_points", posture_points, 1, 8),
                                   ("conditions_points", conditions_points, 0, 2),
                                   ("time_rating", time_rating, 1, 10)):
        if not low <= value <= high:
            raise ValueError(f"{name} must be between {low} and {high}, got {value}")
    return float((load_points + posture_points + conditions_points) * time_rating)


def kim_lhc_band(risk: float) -> dict:
    """Risk range 1..4 of a KIM-LHC (2001) risk value: < 10, 10 to < 25, 25 to < 50, >= 50.

    >>> kim_lhc_band(56)["range"], kim_lhc_band(49.9)["range"], kim_lhc_band(10)["range"]
    (4, 3, 2)
    """
    if risk < 0:
        raise ValueError(f"risk value must not be negative, got {risk}")
    bands = _table()["bands"]
    band: dict = bands[0]              # the first band starts at 0, so every risk value >= 0 has one
    for row in bands:
        if risk >= row["from"]:
            band = row
    return band


def kim_load_points(load_kg: float, sex: str) -> float:
    """Load points of the effective load (KIM-LHC 2001; separate tables for men and women).

    >>> kim_load_points(20, "female"), kim_load_points(20, "male")
    (7, 4)
    """
    if load_kg <= 0:
        raise ValueError(f"load must be positive, got {load_kg} kg")
    tables = _table()["load_points"]
    if sex not in tables:
        raise ValueError(f"sex must be one of {', '.join(tables)}, got {sex!r}")
    return _step(tables[sex], load_kg)


def kim_time_rating(operations_per_day: int) -> float:
    """Time rating of lifting / holding: operations per working day (KIM-LHC 2001).

    >>> kim_time_rating(100), kim_time_rating(9), kim_time_rating(1000)
    (4, 1, 10)
    """
    if operations_per_day < 1:
        raise ValueError(f"operations per day must be at least 1, got {operations_per_day}")
    return _step(_table()["time_rating_lifting"], operations_per_day)


def assess(task) -> dict:
    """Points, risk value and band of a study's manual-handling row (points given or from kg / counts)."""
    load = task.load_points if task.load_points is not None else kim_load_points(task.load_kg, task.sex)
    time = task.time_rating if task.time_rating is not None else kim_time_rating(task.operations_per_day)
    risk = kim_lhc_risk(load, task.posture_points, task.conditions_points, time)
    return {"load": load, "posture": task.posture_points, "conditions": task.conditions_points, "time": time,
            "risk": risk, "band": kim_lhc_band(risk)}
