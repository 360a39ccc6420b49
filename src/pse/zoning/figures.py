"""Table D.1, Figure C.1 and Figure D.1 of IEC 60079-10-1:2015 (zone type, degree of dilution, distance).

Table D.1 is exact (data file ``table_d1.yaml``). The two figures are charts: pse keeps their curves as
versioned data (``figures.yaml``) and labels every value read from them *indicative*.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

GRADES = ("continuous", "primary", "secondary")
DILUTIONS = ("high", "medium", "low")
AVAILABILITIES = ("good", "fair", "poor")
RELEASE_TYPES = ("jet", "diffusive", "heavy_gas")


def table_d1(grade: str, dilution: str, availability: str, *, virtually_no_ventilation: bool = False
             ) -> tuple[str, ...]:
    """Zone types for a grade of release and the effectiveness of ventilation, IEC 60079-10-1:2015 Table D.1.

    Returns zone labels from the inner zone outwards: ``"0"``, ``"1"``, ``"2"``, ``"0NE"``/``"1NE"``/``"2NE"``
    (zone of negligible extent) and ``"NH"`` (non-hazardous).  With low dilution the table reads "Zone 1 or
    Zone 0" (primary) and "Zone 1 and even Zone 0" (secondary); Zone 0 applies only when an explosive
    atmosphere is present virtually continuously (footnote c): pass ``virtually_no_ventilation=True`` for it.

    >>> table_d1("primary", "medium", "fair")
    ('1', '2')
    >>> table_d1("secondary", "medium", "good")
    ('2',)
    >>> table_d1("continuous", "high", "fair")
    ('0NE', '2')
    >>> table_d1("secondary", "low", "poor"), table_d1("secondary", "low", "poor", virtually_no_ventilation=True)
    (('1',), ('0',))
    """
    from pse.zoning.library import table_d1_cells

    for name, value, allowed in (("grade", grade, GRADES), ("dilution", dilution, DILUTIONS),
                                 ("availability", availability, AVAILABILITIES)):
        if value not in allowed:
            raise ValueError(f"{name} {value!r} is not one of {', '.join(allowed)}")
    zones = table_d1_cells()[dilution][availability][grade]
    if dilution == "low" and grade != "continuous" and virtually_no_ventilation:
        return ("0",)
    return zones


@dataclass(frozen=True)
class FigureReading:
    """A value read from a digitised figure, with what was read and whether it lies in the digitised range."""

    value: str | float
    figure: str
    detail: str
    in_range: bool
    indicative: bool = True
    reason: tuple[str, dict] = ("", {})      # the detail as a reasoning line (label key, values): zh-TW and en


def dilution_from_figure_c1(release_characteristic_m3_s: float, ventilation_velocity_m_s: float,
                            data: dict | None = None) -> FigureReading:
    """Degree of dilution from IEC 60079-10-1:2015 Figure C.1 (indicative, digitised boundaries).

    High above ``u = a_high X``, low below ``u = a_low X``, medium between (``X`` release characteristic in
    m3/s, ``u`` ventilation velocity in m/s; coefficients in ``figures.yaml``).

    >>> dilution_from_figure_c1(0.026, 0.027).value
    'medium'
    >>> dilution_from_figure_c1(0.001, 0.5).value
    'high'
    >>> dilution_from_figure_c1(10.0, 0.1).value
    'low'
    """
    from pse.zoning.library import load_data

    fig = data or load_data("figures")["figure_c1"]
    x, u = release_characteristic_m3_s, ventilation_velocity_m_s
    high = fig["high_boundary"]["coefficient_m_per_s_per_m3_s"] * x
    low = fig["low_boundary"]["coefficient_m_per_s_per_m3_s"] * x
    lo_range = min(fig["high_boundary"]["x_range_m3_s"][0], fig["low_boundary"]["x_range_m3_s"][0])
    hi_range = max(fig["high_boundary"]["x_range_m3_s"][1], fig["low_boundary"]["x_range_m3_s"][1])
    dilution = "high" if u > high else ("low" if u < low else "medium")
    detail = (f"Figure C.1 (indicative): X = {x:.3g} m3/s, u_w = {u:.3g} m/s; high-dilution boundary "
              f"{high:.3g} m/s, low-dilution boundary {low:.3g} m/s -> {dilution} dilution")
    reason: tuple[str, dict] = ("c1_reading", {"x": f"{x:.3g}", "u": f"{u:.3g}", "high": f"{high:.3g}",
                                               "low": f"{low:.3g}",
                             "dilution": (f"dil_{dilution}", {})})
    return FigureReading(dilution, "C.1", detail, lo_range <= x <= hi_range, reason=reason)


def hazardous_distance_from_figure_d1(release_characteristic_m3_s: float, release_type: str,
                                      data: dict | None = None) -> FigureReading:
    """Hazardous distance (m) from IEC 60079-10-1:2015 Figure D.1 (indicative, digitised curves).

    ``r = a X ** n`` on the curve of ``release_type`` (``jet``, ``diffusive`` or ``heavy_gas``).

    >>> round(hazardous_distance_from_figure_d1(1.0, "heavy_gas").value, 2)
    9.0
    >>> round(hazardous_distance_from_figure_d1(0.25, "jet").value, 2)
    0.9
    """
    from pse.zoning.library import load_data

    if release_type not in RELEASE_TYPES:
        raise ValueError(f"release type {release_type!r} is not one of {', '.join(RELEASE_TYPES)}")
    curve = (data or load_data("figures")["figure_d1"])["curves"][release_type]
    x = release_characteristic_m3_s
    distance = curve["coefficient"] * x ** curve["exponent"]
    low, high = curve["x_range_m3_s"]
    in_range = low <= x <= high
    detail = (f"Figure D.1 (indicative), {release_type.replace('_', ' ')} curve: X = {x:.3g} m3/s -> "
              f"r = {distance:.2f} m" + ("" if in_range else f" (X outside the digitised range {low:g}-{high:g} "
                                                            "m3/s: extrapolated)"))
    values = {"curve": (f"rt_{release_type}", {}), "x": f"{x:.3g}", "r": f"{distance:.2f}",
              "range": "" if in_range else ("d1_extrapolated", {"low": f"{low:g}", "high": f"{high:g}"})}
    return FigureReading(distance, "D.1", detail, in_range, reason=("d1_reading", values))


def outdoor_velocity_table_c1(heavier_than_air: bool, elevation_m: float, obstructed: bool = False,
                              data: dict | None = None) -> FigureReading:
    """Indicative outdoor ventilation velocity, IEC 60079-10-1:2015 Table C.1.

    >>> outdoor_velocity_table_c1(False, 1.0).value, outdoor_velocity_table_c1(True, 1.0).value
    (0.5, 0.3)
    """
    from pse.zoning.library import load_data

    table = data or load_data("figures")["table_c1"]
    column = table["obstructed" if obstructed else "unobstructed"]["heavier" if heavier_than_air else "lighter"]
    band = 0 if elevation_m <= 2 else (1 if elevation_m <= 5 else 2)
    velocity = column[band]
    detail = (f"Table C.1: {'obstructed' if obstructed else 'unobstructed'}, "
              f"{'heavier' if heavier_than_air else 'lighter'} than air, elevation {elevation_m:g} m -> "
              f"u_w = {velocity:g} m/s")
    values: dict[str, object] = {"obstructed": ("c1_obstructed" if obstructed else "c1_unobstructed", {}),
              "buoyancy": ("c1_heavier" if heavier_than_air else "c1_lighter", {}), "z": f"{elevation_m:g}",
              "u": f"{velocity:g}"}
    return FigureReading(velocity, "C.1 table", detail, True, reason=("table_c1_reading", values))


def is_finite(value) -> bool:
    return value is not None and math.isfinite(value)
