"""ISO 13855 minimum distances of light curtains and two-hand control devices (S = K T + C)."""

from __future__ import annotations

import math

EDITIONS = ("2010", "2024")


class EditionNotConfirmedError(ValueError):
    """The constants of this edition could not be confirmed against a public source."""


def _time(response_time_s) -> float:
    if isinstance(response_time_s, bool) or not isinstance(response_time_s, (int, float)) \
            or math.isnan(response_time_s) or response_time_s < 0:
        raise ValueError(f"response_time_s: must be zero or positive (seconds), got {response_time_s!r}")
    return float(response_time_s)


def _edition(edition) -> dict:
    from pse.machinery.data import load

    edition = str(edition)
    if edition not in EDITIONS:
        raise ValueError(f"edition: {edition!r} is not one of {', '.join(EDITIONS)}")
    return load("iso13855.yaml")["editions"][edition]


def light_curtain_distance_mm(response_time_s: float, resolution_mm: float, edition: str = "2010") -> float:
    """Minimum distance S (mm) of a light curtain whose detection zone is orthogonal to the approach.

    ISO 13855:2010 6.2.3 (constants in ``data/iso13855.yaml``), with T the overall system stopping
    performance in s (ESPE response + machine stopping time) and d the detection capability in mm:

    - d <= 40 mm: C = 8 (d - 14), not below 0; S = 2000 T + C, not below 100 mm;
      if that S exceeds 500 mm: S = 1600 T + C, not below 500 mm;
    - 40 < d <= 70 mm: S = 1600 T + 850 mm.

    The 2024 edition is refused (its constants were not confirmed).

    >>> light_curtain_distance_mm(0.2, 14)      # 2000 x 0.2 = 400 mm
    400.0
    >>> light_curtain_distance_mm(0.32, 14)     # 2000 x 0.32 = 640 > 500 -> 1600 x 0.32 = 512 mm
    512.0
    >>> light_curtain_distance_mm(0.25, 30)     # 2000 x 0.25 + 8 x 16 = 628 -> 1600 x 0.25 + 128
    528.0
    """
    return light_curtain_terms(response_time_s, resolution_mm, edition)["distance_mm"]


def light_curtain_terms(response_time_s: float, resolution_mm: float, edition: str = "2010") -> dict:
    """The terms of :func:`light_curtain_distance_mm`: K (mm/s), C (mm), the branch that applied and S (mm).

    ``branch`` is one of ``K=2000`` (S <= 500 mm), ``K=2000, S>=100`` (the 100 mm floor), ``K=1600``
    (S with K = 2000 over 500 mm), ``K=1600, S>=500`` (the 500 mm floor) and ``d>40: K=1600, C=850``.

    >>> light_curtain_terms(0.32, 14)["branch"]
    'K=1600'
    """
    time_s = _time(response_time_s)
    if isinstance(resolution_mm, bool) or not isinstance(resolution_mm, (int, float)) or not resolution_mm > 0:
        raise ValueError(f"resolution_mm: must be positive (mm), got {resolution_mm!r}")
    data = _edition(edition)["light_curtain"]
    if data is None:
        raise EditionNotConfirmedError(
            f"ISO 13855:{edition} light-curtain constants are not confirmed against a public source: "
            "use edition='2010'")
    if resolution_mm <= data["finger_hand_max_resolution"]:
        intrusion = max(0.0, 8.0 * (resolution_mm - 14.0))
        k = data["hand_approach_speed"]
        distance = k * time_s + intrusion
        if distance <= data["switch_distance"]:
            floor = distance < data["minimum_distance"]
            return {"k_mm_per_s": k, "c_mm": intrusion, "t_s": time_s, "branch": "K=2000, S>=100" if floor
                    else "K=2000", "distance_mm": float(max(distance, data["minimum_distance"]))}
        k = data["body_approach_speed"]
        distance = k * time_s + intrusion
        floor = distance < data["switch_distance"]
        return {"k_mm_per_s": k, "c_mm": intrusion, "t_s": time_s, "branch": "K=1600, S>=500" if floor
                else "K=1600", "distance_mm": float(max(distance, data["switch_distance"]))}
    if resolution_mm <= data["arm_max_resolution"]:
        k, intrusion = data["body_approach_speed"], data["arm_intrusion"]
        return {"k_mm_per_s": k, "c_mm": float(intrusion), "t_s": time_s, "branch": "d>40: K=1600, C=850",
                "distance_mm": float(k * time_s + intrusion)}
    raise ValueError(f"resolution_mm: {resolution_mm} mm is above {data['arm_max_resolution']} mm: "
                     "multiple-beam / whole-body devices are not covered by this function")


def two_hand_distance_mm(response_time_s: float, edition: str = "2010", *, covered: bool = False,
                         separation_distance_mm: float | None = None) -> float:
    """Minimum distance S (mm) from the nearest actuator of a two-hand control device to the danger zone.

    ISO 13855:2010 clause 8: S = K T + C with K = 1600 mm/s, C = 250 mm (C = 0 when the encroachment of
    hands or parts of hands towards the danger zone is prevented, ``covered=True``); T in s.

    ISO 13855:2024 replaces C by a separation distance D_DS (reported as 550 mm in a secondary source, not
    confirmed): edition '2024' is refused unless ``separation_distance_mm`` is given from the standard.

    >>> two_hand_distance_mm(0.1)               # 1600 x 0.1 + 250
    410.0
    >>> two_hand_distance_mm(0.1, covered=True)
    160.0
    """
    time_s = _time(response_time_s)
    data = _edition(edition)["two_hand"]
    if str(edition) == "2024":
        if separation_distance_mm is None:
            raise EditionNotConfirmedError(
                "ISO 13855:2024 two-hand separation distance D_DS is not confirmed (reported 550 mm, "
                "not checked): give separation_distance_mm from your copy of the standard (study: "
                "two_hand.separation_distance_mm), or use edition='2010'")
        if separation_distance_mm < 0:
            raise ValueError(f"separation_distance_mm: must be zero or positive, got {separation_distance_mm!r}")
        return float(1600.0 * time_s + (0.0 if covered else separation_distance_mm))
    return float(data["approach_speed"] * time_s + (0.0 if covered else data["intrusion"]))
