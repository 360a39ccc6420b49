"""ISO 13855 minimum distances: branch boundaries (S around 500 mm; d = 14 and 40 mm) and editions.

Check values: Rockwell 450L-UM001D / SICK miniTwin4 worked example (T = 0.32 s, d = 14 mm: 640 mm -> 512 mm);
the other values follow the equations of ISO 13855:2010 6.2.3 quoted in data/iso13855.yaml.
"""

from __future__ import annotations

import pytest

from pse.machinery import EditionNotConfirmedError, light_curtain_distance_mm, two_hand_distance_mm


def test_vendor_worked_example_switches_to_1600():
    assert light_curtain_distance_mm(0.32, 14) == pytest.approx(512.0)


def test_s_at_500_stays_with_k_2000():
    assert light_curtain_distance_mm(0.25, 14) == pytest.approx(500.0)       # 2000 x 0.25 = 500, not > 500


def test_just_above_500_recomputed_with_1600_but_not_below_500():
    # 2000 x 0.26 = 520 > 500 -> 1600 x 0.26 = 416 -> raised to 500
    assert light_curtain_distance_mm(0.26, 14) == pytest.approx(500.0)
    # 2000 x 0.35 = 700 -> 1600 x 0.35 = 560
    assert light_curtain_distance_mm(0.35, 14) == pytest.approx(560.0)


def test_minimum_distance_100_mm():
    assert light_curtain_distance_mm(0.02, 14) == pytest.approx(100.0)


def test_resolution_14_has_no_intrusion_and_below_14_none_either():
    assert light_curtain_distance_mm(0.1, 14) == pytest.approx(200.0)
    assert light_curtain_distance_mm(0.1, 10) == pytest.approx(200.0)      # C = 8(d-14) not below 0


def test_resolution_40_is_the_last_hand_branch():
    assert light_curtain_distance_mm(0.1, 40) == pytest.approx(2000 * 0.1 + 8 * 26)   # 408 mm


def test_resolution_above_40_uses_850_mm():
    assert light_curtain_distance_mm(0.1, 41) == pytest.approx(1600 * 0.1 + 850)     # 1010 mm


def test_resolution_above_70_is_refused():
    with pytest.raises(ValueError, match="above 70 mm"):
        light_curtain_distance_mm(0.1, 80)


def test_two_hand_2010():
    assert two_hand_distance_mm(0.1) == pytest.approx(410.0)
    assert two_hand_distance_mm(0.1, covered=True) == pytest.approx(160.0)


def test_2024_edition_refused_without_the_allowance():
    with pytest.raises(EditionNotConfirmedError, match="not confirmed"):
        two_hand_distance_mm(0.1, edition="2024")
    with pytest.raises(EditionNotConfirmedError):
        light_curtain_distance_mm(0.1, 14, edition="2024")
    assert two_hand_distance_mm(0.1, edition="2024", separation_distance_mm=550) == pytest.approx(710.0)


@pytest.mark.parametrize("call", [lambda: light_curtain_distance_mm(-0.1, 14), lambda: two_hand_distance_mm(-1),
                                  lambda: light_curtain_distance_mm(float("nan"), 14)])
def test_negative_time_is_one_line_error(call):
    with pytest.raises(ValueError, match=r"^response_time_s: must be zero or positive"):
        call()


def test_unknown_edition():
    with pytest.raises(ValueError, match="edition: '2015' is not one of 2010, 2024"):
        two_hand_distance_mm(0.1, edition="2015")
