"""Occupational health (seed 001): chemical control banding (SQRA), KIM-LHC manual handling, IR thermography.

* :func:`sqra_exposure_rating`, :func:`sqra_risk`, :func:`sqra_level` -- Singapore semi-quantitative method
* :func:`kim_lhc_risk`, :func:`kim_lhc_band`, :func:`kim_load_points`, :func:`kim_time_rating` -- KIM-LHC 2001
* :func:`thermography_level`, :func:`assess_finding` -- four recommendation levels, escalation, deadlines
"""

from __future__ import annotations

from pse._lazy import lazy_exports

_EXPORTS = {
    "sqra_exposure_rating": "banding",
    "sqra_risk": "banding",
    "sqra_level": "banding",
    "kim_lhc_risk": "kim",
    "kim_lhc_band": "kim",
    "kim_load_points": "kim",
    "kim_time_rating": "kim",
    "thermography_level": "thermography",
    "assess_finding": "thermography",
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
