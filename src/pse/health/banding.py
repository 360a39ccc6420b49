"""Chemical exposure control banding: the Singapore semi-quantitative method (SQRA) as seed 001 uses it."""

from __future__ import annotations

import math


def _rating(name: str, value) -> float:
    if not 1 <= value <= 5:
        raise ValueError(f"{name} must be a rating from 1 to 5, got {value}")
    return float(value)


def sqra_exposure_rating(vapour_pressure_rating, quantity_rating, control_rating, time_rating) -> float:
    """Exposure rating ER, dimensionless (1..5).

    .. math:: ER = (VP \\cdot Qty \\cdot Control \\cdot Time)^{1/4}

    Ministry of Manpower Singapore, Guidelines on Risk Assessment for Occupational Exposure to Harmful
    Chemicals (2005), exposure rating from the ratings (1..5) of vapour pressure, quantity used, existing
    controls and duration; as printed in seed 001 (化學品暴露分級管理, 新加坡半定量分級).

    >>> round(sqra_exposure_rating(3, 1, 4, 3), 2)   # seed 001: 染色探傷劑
    2.45
    """
    product = 1.0
    for name, value in (("vapour_pressure_rating", vapour_pressure_rating), ("quantity_rating", quantity_rating),
                        ("control_rating", control_rating), ("time_rating", time_rating)):
        product *= _rating(name, value)
    return product ** 0.25


def sqra_risk(hazard_rating, exposure_rating) -> float:
    """Risk value, dimensionless (1..5).

    .. math:: Risk = \\sqrt{HR \\cdot ER}

    Same guideline (MOM 2005); HR is the hazard rating 1..5, ER from :func:`sqra_exposure_rating`.

    >>> round(sqra_risk(2, sqra_exposure_rating(3, 1, 4, 3)), 2)   # seed 001: 染色探傷劑
    2.21
    """
    return math.sqrt(_rating("hazard_rating", hazard_rating) * _rating("exposure_rating", exposure_rating))


def sqra_level(risk: float) -> int:
    """Risk level 1 (negligible) .. 5 (very high): the risk value rounded up (``data/sqra.yaml``).

    >>> sqra_level(2.21), sqra_level(2.63), sqra_level(3.0)
    (3, 3, 3)
    """
    _rating("risk", risk)
    return max(1, math.ceil(round(risk, 9)))
