"""Safety integrity levels: bands, SIL targets from LOPA, minimum hardware fault tolerance.

Low-demand bands (IEC 61508-1:2010 Table 2; IEC 61511-1:2016 low-demand SIL table -- table
number not checked)::

    SIL   PFDavg                  RRF = 1/PFDavg
    4     1e-5 <= PFD < 1e-4      10 000 < RRF <= 100 000
    3     1e-4 <= PFD < 1e-3       1 000 < RRF <= 10 000
    2     1e-3 <= PFD < 1e-2         100 < RRF <= 1 000
    1     1e-2 <= PFD < 1e-1          10 < RRF <= 100

High-demand / continuous mode (PFH, 1/h; IEC 61508-1:2010 Table 3): SIL 4 1e-9..1e-8,
SIL 3 1e-8..1e-7, SIL 2 1e-7..1e-6, SIL 1 1e-6..1e-5 (lower bound inclusive).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = [
    "SilTarget",
    "sil_for_pfd",
    "sil_for_rrf",
    "required_rrf",
    "sil_target",
    "minimum_hft",
    "pfd_band",
    "pfh_band",
    "sil_for_pfh",
    "sil_for_required_pfh",
    "rrf_band",
]

_PFD_BANDS = {1: (1e-2, 1e-1), 2: (1e-3, 1e-2), 3: (1e-4, 1e-3), 4: (1e-5, 1e-4)}
_PFH_BANDS = {1: (1e-6, 1e-5), 2: (1e-7, 1e-6), 3: (1e-8, 1e-7), 4: (1e-9, 1e-8)}
_RRF_BANDS = {1: (10.0, 100.0), 2: (100.0, 1e3), 3: (1e3, 1e4), 4: (1e4, 1e5)}

# IEC 61511-1:2016 11.4.5 Table 6 (minimum HFT of a SIS subsystem, route 2H-derived).
# Verified against a transcription of Table 6 (Pepperl+Fuchs SIL manual, 5th ed., ch. 7).
# NB: IEC 61511-1:2003 Table 6 differed (SIL 1: 0, SIL 2: 1, SIL 3: 2).
_MIN_HFT = {
    (1, "low"): 0, (1, "high"): 0,
    (2, "low"): 0, (2, "high"): 1,
    (3, "low"): 1, (3, "high"): 1,
    (4, "low"): 2, (4, "high"): 2,
}
_DEMAND_MODES = {"low": "low", "high": "high", "continuous": "high"}


def _number(name: str, value) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if math.isnan(x):
        raise ValueError(f"{name} must be a number, got NaN")
    return x


# Values within this relative distance of a decade boundary are treated as on it: LOPA numbers
# are products of decades, and 0.1 * 0.1 * 0.1 is 0.0010000000000000002 in binary floating point.
_BOUNDARY_RTOL = 1e-9


def _snap(x: float) -> float:
    """Snap ``x`` to the nearest power of ten when within ``_BOUNDARY_RTOL`` (relative) of it."""
    if x > 0 and not math.isinf(x):
        decade = 10.0 ** round(math.log10(x))
        if abs(x - decade) <= _BOUNDARY_RTOL * decade:
            return decade
    return x


def _check_sil(sil) -> int:
    if isinstance(sil, bool) or not isinstance(sil, int) or sil not in (1, 2, 3, 4):
        raise ValueError(f"SIL must be 1, 2, 3 or 4, got {sil!r}")
    return sil


def sil_for_pfd(pfd) -> int:
    """SIL whose low-demand band contains ``pfd`` (IEC 61508-1:2010 Table 2 / IEC 61511-1:2016).

    Returns 0 when PFD >= 0.1 (no SIL). PFDavg below 1e-5 still returns 4: SIL 4 is the highest
    level the standards define, and a calculated PFD below its band gives no higher claim.
    PFD <= 0 or > 1 raises ValueError. A value within 1e-9 (relative) of a band boundary is
    treated as on the boundary (floating-point products of decade values).

    >>> [sil_for_pfd(p) for p in (0.5, 0.1, 0.0999, 0.01, 0.00999, 1e-4, 9.9e-5, 1e-7)]
    [0, 0, 1, 1, 2, 3, 4, 4]
    """
    p = _number("pfd", pfd)
    if not 0.0 < p <= 1.0:
        raise ValueError(f"pfd must be in (0, 1], got {p!r}")
    p = _snap(p)
    if p >= 1e-1:
        return 0
    if p >= 1e-2:
        return 1
    if p >= 1e-3:
        return 2
    if p >= 1e-4:
        return 3
    return 4


def sil_for_pfh(pfh_per_h) -> int:
    """SIL whose high-demand / continuous band contains ``pfh_per_h`` (IEC 61508-1:2010 Table 3).

    0 when PFH >= 1e-5 /h (no SIL); below 1e-9 /h still 4 (no higher claim). PFH < 0 raises.
    Boundaries are snapped as in :func:`sil_for_pfd`.

    >>> [sil_for_pfh(x) for x in (2e-5, 1e-5, 9.9e-6, 1e-6, 5e-7, 1e-8, 1e-10)]
    [0, 0, 1, 1, 2, 3, 4]
    """
    x = _number("pfh_per_h", pfh_per_h)
    if x < 0 or math.isinf(x):
        raise ValueError(f"pfh_per_h must be finite and >= 0, got {x!r}")
    x = _snap(x)
    for sil in (1, 2, 3):
        if x >= _PFH_BANDS[sil][0]:
            return 0 if x >= _PFH_BANDS[1][1] else sil
    return 4


def sil_for_required_pfh(pfh_per_h) -> int | None:
    """SIL target of a high-demand SIF whose PFH must not exceed ``pfh_per_h`` (IEC 61508-1:2010 Table 3).

    The SIL of the band containing the required value (as the RRF bands do for low demand):
    0 when >= 1e-5 /h (no SIL needed), ``None`` below 1e-9 /h (beyond SIL 4: redesign).

    >>> [sil_for_required_pfh(x) for x in (1e-4, 5e-6, 5e-7, 1e-9, 5e-10)]
    [0, 1, 2, 4, None]
    """
    x = _snap(_number("pfh_per_h", pfh_per_h))
    if x < _PFH_BANDS[4][0]:
        return None
    return sil_for_pfh(x)


def sil_for_rrf(rrf) -> int | None:
    """SIL needed to provide a risk reduction factor ``rrf`` (low demand).

    0 when RRF <= 10 (no SIL needed), 1 for 10 < RRF <= 100, 2 up to 1 000, 3 up to 10 000,
    4 up to 100 000, and ``None`` above 100 000 (beyond SIL 4: no single SIF can provide it).
    RRF < 1 raises ValueError (a layer cannot increase risk). Boundaries are snapped as in
    :func:`sil_for_pfd`.

    >>> [sil_for_rrf(r) for r in (1, 10, 10.01, 100, 100.1, 100_000, 100_001)]
    [0, 0, 1, 1, 2, 4, None]
    """
    r = _number("rrf", rrf)
    if r < 1.0:
        raise ValueError(f"rrf must be >= 1, got {r!r}")
    r = _snap(r)
    if r <= 10.0:
        return 0
    if r <= 100.0:
        return 1
    if r <= 1e3:
        return 2
    if r <= 1e4:
        return 3
    if r <= 1e5:
        return 4
    return None


def sil_for_rrf_array(rrf):
    """Vectorised :func:`sil_for_rrf` for N scenarios (numpy): same bands, same boundary snapping.

    Returns an integer array: 0 (no SIL needed, including RRF <= 1), 1..4, and -1 where the RRF
    is above 100 000 (``None`` in :func:`sil_for_rrf`: beyond SIL 4). RRF values must be > 0.

    >>> sil_for_rrf_array([0.5, 10, 10.01, 100, 100.1, 100_000, 100_001]).tolist()
    [0, 0, 1, 1, 2, 4, -1]
    """
    import numpy as np

    r = np.asarray(rrf, dtype=float)
    if np.any(~(r > 0)):
        raise ValueError("rrf must be > 0 for every scenario")
    edges = np.array([10.0, 100.0, 1_000.0, 10_000.0, 100_000.0]) * (1 + 1e-9)
    sil = np.searchsorted(edges, r, side="left")
    return np.where(sil > 4, -1, sil).astype(int)


def required_rrf(mitigated_frequency_per_yr, tolerable_frequency_per_yr) -> float:
    """Risk reduction still needed: ``RRF = f_mitigated / f_tolerable`` (IEC 61511-3 Annex F).

    ``mitigated_frequency_per_yr`` is the scenario frequency with every credited IPL except the
    SIF being sized. A value <= 1 means no added reduction is needed.

    >>> required_rrf(1e-3, 1e-5)
    100.0
    """
    f = _number("mitigated_frequency_per_yr", mitigated_frequency_per_yr)
    t = _number("tolerable_frequency_per_yr", tolerable_frequency_per_yr)
    if f < 0 or math.isinf(f):
        raise ValueError(f"mitigated_frequency_per_yr must be finite and >= 0, got {f!r}")
    if not t > 0 or math.isinf(t):
        raise ValueError(f"tolerable_frequency_per_yr must be finite and > 0, got {t!r}")
    return f / t


@dataclass(frozen=True)
class SilTarget:
    """Result of :func:`sil_target`.

    rrf : required risk reduction factor (may be < 1: target already met)
    sil : 0 (no SIL required), 1..4, or None (above SIL 4)
    label : "no SIL required", "SIL 1", "SIL 2", "SIL 3", "SIL 4: redesign recommended",
        "above SIL 4: redesign"
    redesign : True for SIL 4 and above (SIL 4 SIFs are rare in the process sector and hard to
        sustain; prefer reducing the hazard or adding independent non-SIS layers)
    gap : True when rrf > 1, i.e. some risk reduction is still needed (for 1 < rrf <= 10 it can
        be closed by a non-SIL layer, hence ``sil == 0`` with ``gap`` True)
    """

    rrf: float
    sil: int | None
    label: str
    redesign: bool
    gap: bool


def sil_target(mitigated_frequency_per_yr, tolerable_frequency_per_yr) -> SilTarget:
    """SIL target of a SIF from the LOPA frequencies (IEC 61511-3:2016 Annex F, CCPS LOPA 2001).

    >>> sil_target(1e-5, 1e-3)
    SilTarget(rrf=0.01, sil=0, label='no SIL required', redesign=False, gap=False)
    >>> sil_target(1e-3, 1e-5).label
    'SIL 1'
    >>> sil_target(0.1 * 0.1 * 0.1, 1e-5).label  # 100.00000000000003: snapped to the boundary
    'SIL 1'
    >>> sil_target(1, 1e-6).label
    'above SIL 4: redesign'
    """
    rrf = required_rrf(mitigated_frequency_per_yr, tolerable_frequency_per_yr)
    snapped = _snap(rrf)
    sil = 0 if snapped <= 1.0 else sil_for_rrf(snapped)
    if sil is None:
        label, redesign = "above SIL 4: redesign", True
    elif sil == 0:
        label, redesign = "no SIL required", False
    elif sil == 4:
        label, redesign = "SIL 4: redesign recommended", True
    else:
        label, redesign = f"SIL {sil}", False
    return SilTarget(rrf=rrf, sil=sil, label=label, redesign=redesign, gap=snapped > 1.0)


def minimum_hft(sil, demand_mode: str = "low") -> int:
    """Minimum hardware fault tolerance of a SIS subsystem, IEC 61511-1:2016 11.4.5 Table 6.

    ==========================  ============
    SIL (mode)                  minimum HFT
    ==========================  ============
    1 (any mode)                0
    2 (low demand)              0
    2 (high demand/continuous)  1
    3 (any mode)                1
    4 (any mode)                2
    ==========================  ============

    ``demand_mode`` is ``'low'``, ``'high'`` or ``'continuous'``. (IEC 61511-1:2016 allows the
    minimum HFT to be reduced where this is justified to improve overall safety; not applied
    here.)

    >>> [minimum_hft(s) for s in (1, 2, 3, 4)], minimum_hft(2, 'high')
    ([0, 0, 1, 2], 1)
    """
    sil = _check_sil(sil)
    if demand_mode not in _DEMAND_MODES:
        raise ValueError(f"demand_mode must be 'low', 'high' or 'continuous', got {demand_mode!r}")
    return _MIN_HFT[(sil, _DEMAND_MODES[demand_mode])]


def pfd_band(sil) -> tuple[float, float]:
    """Low-demand PFDavg band ``(low, high)`` of ``sil``: low <= PFD < high.

    >>> pfd_band(2)
    (0.001, 0.01)
    """
    return _PFD_BANDS[_check_sil(sil)]


def pfh_band(sil) -> tuple[float, float]:
    """High-demand / continuous PFH band ``(low, high)`` in 1/h: low <= PFH < high.

    >>> pfh_band(3)
    (1e-08, 1e-07)
    """
    return _PFH_BANDS[_check_sil(sil)]


def rrf_band(sil) -> tuple[float, float]:
    """Risk reduction factor band ``(low, high)`` of ``sil``: low < RRF <= high.

    >>> rrf_band(1)
    (10.0, 100.0)
    """
    return _RRF_BANDS[_check_sil(sil)]
