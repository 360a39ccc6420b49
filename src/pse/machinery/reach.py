"""Reach distances: ISO 13857:2019 (over protective structures, through openings, upwards) and the ISO 13855
additional distance for reaching over a vertical ESPE. Tables are package data; lengths in mm."""

from __future__ import annotations

import math


def _length(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value) or value < 0 \
            or math.isinf(value):
        raise ValueError(f"{name}: must be zero or a positive length (mm), got {value!r}")
    return float(value)


def _grid_lookup(rows: dict, columns: list, row_value: float, column_value: float) -> float:
    """Conservative read of a table: the next lower column, and the larger of the two rows around the value."""
    column = max(i for i, c in enumerate(columns) if c <= column_value)
    heights = sorted(float(k) for k in rows)
    table = {float(k): v for k, v in rows.items()}
    if row_value >= heights[-1]:
        return float(table[heights[-1]][column])
    lower = max(h for h in heights if h <= row_value)
    upper = min(h for h in heights if h >= row_value)
    return float(max(table[lower][column], table[upper][column]))


def reach_over_structure_mm(hazard_height_mm: float, structure_height_mm: float) -> float:
    """Horizontal safety distance c (mm) from a protective structure of height b to a hazard zone at height a.

    ISO 13857:2019 4.2.2, Table 2 (high risk), read conservatively: the next lower tabulated b, and the
    greater c of the two tabulated a around the hazard height. Structures lower than 1000 mm are refused.

    >>> reach_over_structure_mm(1400, 1400)
    1100.0
    >>> reach_over_structure_mm(1500, 1500)     # a between 1400 and 1600, b read as 1400
    1100.0
    """
    from pse.machinery.data import load

    a = _length("hazard_height_mm", hazard_height_mm)
    b = _length("structure_height_mm", structure_height_mm)
    table = load("iso13857.yaml")["reaching_over_high_risk"]
    if b < table["structure_heights"][0]:
        raise ValueError(f"structure_height_mm: {b:g} mm is below {table['structure_heights'][0]} mm: ISO 13857 "
                         "Table 2 does not cover structures this low (they do not restrict the movement of the body)")
    return _grid_lookup(table["rows"], table["structure_heights"], a, b)


def reach_over_column_checked(structure_height_mm: float) -> bool:
    """True when the Table 2 column read for a structure of height b (the next lower one) was checked.

    >>> reach_over_column_checked(2100), reach_over_column_checked(1800)
    (True, False)
    """
    from pse.machinery.data import load

    table = load("iso13857.yaml")["reaching_over_high_risk"]
    b = _length("structure_height_mm", structure_height_mm)
    column = max((c for c in table["structure_heights"] if c <= b), default=None)
    return table.get("checked") is True or column in {float(k) for k in table.get("verified_columns") or {}}


def opening_safety_distance_mm(opening_mm: float, shape: str) -> tuple[float, str]:
    """Safety distance sr (mm) behind a regular opening and the body part that reaches through it.

    ISO 13857:2019 4.2.4.1, Table 4 (persons 14 years and older); ``opening_mm`` = slot width, square side or
    round diameter; ``shape`` in slot / square / round. Openings over 120 mm: use reaching over (refused).

    >>> opening_safety_distance_mm(25, "slot")
    (850.0, 'arm')
    >>> opening_safety_distance_mm(25, "square")
    (120.0, 'arm')
    """
    from pse.machinery.data import load

    e = _length("opening_mm", opening_mm)
    shapes = ("slot", "square", "round")
    if shape not in shapes:
        raise ValueError(f"shape: {shape!r} is not one of {', '.join(shapes)}")
    if e == 0:
        raise ValueError("opening_mm: must be positive (mm)")
    for upper, part, *distances in load("iso13857.yaml")["openings"]["rows"]:
        if e <= upper:
            return float(distances[shapes.index(shape)]), part
    raise ValueError(f"opening_mm: {e:g} mm is over 120 mm: ISO 13857 Table 4 does not apply (the whole arm and "
                     "more pass): use the distances for reaching over or a guard")


def reaching_upwards_ok(hazard_height_mm: float, high_risk: bool = True) -> bool:
    """True when a hazard zone is out of reach upwards: h >= 2700 mm (high risk) or >= 2500 mm (low risk).

    ISO 13857:2019 4.2.1.

    >>> reaching_upwards_ok(2600), reaching_upwards_ok(2600, high_risk=False)
    (False, True)
    """
    from pse.machinery.data import load

    limits = load("iso13857.yaml")["reaching_upwards"]
    return _length("hazard_height_mm", hazard_height_mm) >= limits["high_risk" if high_risk else "low_risk"]


def espe_reach_over_mm(hazard_height_mm: float, beam_height_mm: float) -> float:
    """Additional distance C_RO (mm) for reaching over a vertical ESPE whose top beam is at height b.

    ISO 13855:2010 6.5, Table 1, read conservatively (next lower b, greater C_RO of the two a around the
    hazard height); S_RO = K T + C_RO. Beam heights below 900 mm are refused.

    >>> espe_reach_over_mm(1400, 1400)
    850.0
    >>> espe_reach_over_mm(1000, 1800)
    0.0
    """
    from pse.machinery.data import load

    a = _length("hazard_height_mm", hazard_height_mm)
    b = _length("beam_height_mm", beam_height_mm)
    table = load("iso13855.yaml")["reach_over_espe"]
    if b < table["beam_heights"][0]:
        raise ValueError(f"beam_height_mm: {b:g} mm is below {table['beam_heights'][0]} mm: ISO 13855 Table 1 "
                         "does not cover it (the detection zone can be stepped over)")
    return _grid_lookup(table["rows"], table["beam_heights"], a, b)
