"""The shape of a zone in elevation, chosen from the density of the released gas (pure functions).

Rule (``data/shape_rules.yaml``, every factor overridable): IEC 60079-10-1:2020 Annex D notes that the zone of
a lighter-than-air release extends mainly upward, that of a heavier-than-air release spreads along the ground,
and leaves the proportions to the classifier; the proportions are those of the lighter- and heavier-than-air
figures of API RP 505 (2018) and EI 15 (2015) 5.7:

* **buoyant** (relative density < 0.8): from ``below_factor x r`` below the source to ``above_factor x r`` above;
* **heavy** (relative density > 1.2): from grade to ``above_factor x r`` above the source, plus a layer at grade
  ``grade_layer_height_m`` high reaching ``grade_radius_factor x r`` horizontally;
* **neutral** (in between): from grade to ``above_factor x r`` above the source (the previous pse shape).

A source's ``extent_above_m`` / ``extent_below_m`` replace the rule's values above and below.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ShapePart:
    """One vertical slab of a zone: plan radius and the heights (m above grade) it spans."""

    radius_m: float
    z_bottom_m: float
    z_top_m: float
    part: str                 # "main" or "grade_layer"


def shape_rules() -> dict:
    """The shape rule data (``data/shape_rules.yaml``)."""
    from pse.zoning.library import load_data

    return load_data("shape_rules")


def buoyancy(relative_density: float | None) -> str:
    """``buoyant``, ``heavy`` or ``neutral`` from the relative density of the gas (air = 1).

    Thresholds 0.8 and 1.2 (IEC 60079-10-1:2020 Annex D guidance, EI 15): an unknown density is neutral.

    >>> buoyancy(0.07), buoyancy(3.1), buoyancy(1.0), buoyancy(None)
    ('buoyant', 'heavy', 'neutral', 'neutral')
    """
    rules = shape_rules()
    if relative_density is None:
        return "neutral"
    if relative_density < rules["lighter_below"]:
        return "buoyant"
    if relative_density > rules["heavier_above"]:
        return "heavy"
    return "neutral"


def zone_shape(kind: str, radius_m: float, source_height_m: float, above_m: float | None = None,
               below_m: float | None = None) -> list[ShapePart]:
    """The slabs of one zone of radius ``radius_m`` around a source ``source_height_m`` above grade.

    >>> zone_shape("buoyant", 1.0, 2.6)          # Zone of r = 1 m around a vent at 2.6 m
    [ShapePart(radius_m=1.0, z_bottom_m=2.1, z_top_m=4.6, part='main')]
    >>> [(p.radius_m, p.z_bottom_m, p.z_top_m) for p in zone_shape("heavy", 1.5, 1.0)]
    [(1.5, 0.0, 2.5), (3.0, 0.0, 0.6)]
    >>> zone_shape("neutral", 1.0, 2.0, above_m=0.5, below_m=0.5)
    [ShapePart(radius_m=1.0, z_bottom_m=1.5, z_top_m=2.5, part='main')]
    """
    rule = shape_rules()[kind]
    top = source_height_m + (above_m if above_m is not None else rule["above_factor"] * radius_m)
    if below_m is not None:
        bottom = max(0.0, source_height_m - below_m)
    elif kind == "buoyant":
        bottom = max(0.0, source_height_m - rule["below_factor"] * radius_m)
    else:
        bottom = 0.0
    parts = [ShapePart(radius_m, round(bottom, 6), round(top, 6), "main")]
    if kind == "heavy" and bottom <= 0.0:
        layer = min(rule["grade_layer_height_m"], top)
        parts.append(ShapePart(rule["grade_radius_factor"] * radius_m, 0.0, layer, "grade_layer"))
    return parts
