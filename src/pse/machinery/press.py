"""Press safety distances of Taiwan's 機械設備器具安全標準 and the seeds' press checks (mm, ms)."""

from __future__ import annotations

import math


def _non_negative(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value) or value < 0:
        raise ValueError(f"{name}: must be zero or positive, got {value!r}")
    return float(value)


def _speed() -> float:
    from pse.machinery.data import load

    return float(load("tw_press.yaml")["speed_mm_per_ms"])


def tw_one_stroke_distance_mm(response_time_ms: float, stopping_time_ms: float) -> float:
    """Safety distance D (mm) of a safety one-stroke two-hand device: D = 1.6 (Tl + Ts).

    機械設備器具安全標準 Art. 8 as reported by a secondary source (not verified in the law: ``data/tw_press.yaml``);
    Tl = time from release of the operating part to the start of the fast-stop mechanism (ms),
    Ts = time from the start of the fast-stop mechanism to the stop of the slide (ms).

    >>> tw_one_stroke_distance_mm(20, 130)
    240.0
    """
    return _speed() * (_non_negative("response_time_ms", response_time_ms)
                       + _non_negative("stopping_time_ms", stopping_time_ms))


def tw_two_hand_start_distance_mm(clutch_engagement_points: int, crank_revolution_time_ms: float) -> float:
    """Safety distance D (mm) of a two-hand start device: D = 1.6 Tm, Tm = (1/2 + 1/N) x Tp.

    Same reported article; N = number of clutch engagement points, Tp = time of one crank revolution (ms).

    >>> round(tw_two_hand_start_distance_mm(4, 400), 6)     # Tm = (0.5 + 0.25) x 400 = 300 ms
    480.0
    """
    if isinstance(clutch_engagement_points, bool) or not isinstance(clutch_engagement_points, int) \
            or clutch_engagement_points < 1:
        raise ValueError(f"clutch_engagement_points: must be a whole number >= 1, got {clutch_engagement_points!r}")
    revolution = _non_negative("crank_revolution_time_ms", crank_revolution_time_ms)
    return _speed() * (0.5 + 1.0 / clutch_engagement_points) * revolution


def tw_light_curtain_distance_mm(response_time_ms: float, stopping_time_ms: float,
                                 additional_distance_mm: float | None) -> float:
    """Safety distance D (mm) of a press light curtain: D = 1.6 (Tl + Ts) + C.

    C is an additional distance set by the continuous blocking width; the Taiwanese table was not found, so
    C must be given (the Japanese structure standard's table is recorded in ``data/tw_press.yaml``, unused).

    >>> tw_light_curtain_distance_mm(15, 135, 0)
    240.0
    """
    if additional_distance_mm is None:
        raise ValueError("additional_distance_mm: C is required (the Taiwanese C table by continuous blocking "
                         "width could not be verified, so pse does not supply it)")
    return tw_one_stroke_distance_mm(response_time_ms, stopping_time_ms) + \
        _non_negative("additional_distance_mm", additional_distance_mm)


def two_hand_spacing_ok(button_spacing_outer_mm: float) -> bool:
    """MES 10 subpara 6: the buttons are at least 300 mm apart, outer edge to outer edge.

    >>> two_hand_spacing_ok(300), two_hand_spacing_ok(280)
    (True, False)
    """
    return _non_negative("button_spacing_outer_mm", button_spacing_outer_mm) >= 300.0


def two_hand_synchronous_ok(synchronous_limit_s: float) -> bool:
    """Seed 003: the press must not start when the two hands press more than 0.5 s apart.

    ``synchronous_limit_s`` is the largest delay the device accepts.

    >>> two_hand_synchronous_ok(0.5), two_hand_synchronous_ok(1.0)
    (True, False)
    """
    return _non_negative("synchronous_limit_s", synchronous_limit_s) <= 0.5


def light_curtain_covers_stroke(protective_height_mm: float, slide_adjustment_mm: float, stroke_mm: float) -> bool:
    """MES 12 subpara 2: the light curtain spans the slide adjustment plus the stroke length.

    >>> light_curtain_covers_stroke(400, 80, 300), light_curtain_covers_stroke(350, 80, 300)
    (True, False)
    """
    return _non_negative("protective_height_mm", protective_height_mm) >= \
        _non_negative("slide_adjustment_mm", slide_adjustment_mm) + _non_negative("stroke_mm", stroke_mm)
