"""Taiwan press safety distances (reported MES Art. 8) and the seeds' press checks."""

from __future__ import annotations

import pytest

from pse.machinery import (
    light_curtain_covers_stroke,
    tw_light_curtain_distance_mm,
    tw_one_stroke_distance_mm,
    tw_two_hand_start_distance_mm,
    two_hand_spacing_ok,
    two_hand_synchronous_ok,
)


def test_one_stroke_distance_is_1_6_times_tl_plus_ts():
    assert tw_one_stroke_distance_mm(20, 130) == pytest.approx(240.0)


def test_two_hand_start_uses_half_plus_one_over_n_revolutions():
    # N = 2 engagement points: Tm = (1/2 + 1/2) Tp = one revolution
    assert tw_two_hand_start_distance_mm(2, 300) == pytest.approx(480.0)
    assert tw_two_hand_start_distance_mm(4, 400) == pytest.approx(1.6 * 300)


def test_light_curtain_needs_c():
    assert tw_light_curtain_distance_mm(15, 135, 200) == pytest.approx(440.0)
    with pytest.raises(ValueError, match="C is required"):
        tw_light_curtain_distance_mm(15, 135, None)


def test_seed_checks_at_their_limits():
    assert two_hand_spacing_ok(300) and not two_hand_spacing_ok(299)          # MES 10 subpara 6
    assert two_hand_synchronous_ok(0.5) and not two_hand_synchronous_ok(0.51)  # seed 003
    assert light_curtain_covers_stroke(330, 80, 250) and not light_curtain_covers_stroke(329, 80, 250)


@pytest.mark.parametrize("call, field", [(lambda: tw_one_stroke_distance_mm(-1, 10), "response_time_ms"),
                                         (lambda: tw_two_hand_start_distance_mm(0, 100), "clutch_engagement_points"),
                                         (lambda: two_hand_spacing_ok(-5), "button_spacing_outer_mm")])
def test_bad_values_name_the_field(call, field):
    with pytest.raises(ValueError, match=f"^{field}: "):
        call()
