"""KIM-LHC (BAuA 2001): the seed 001 packing case 14 x 4 = 56 and the band boundaries."""

from __future__ import annotations

import pytest

from pse.health import kim_lhc_band, kim_lhc_risk, kim_load_points, kim_time_rating


def test_seed_001_packing_case():
    # woman, 15 to < 25 kg -> 7; bent and twisted trunk, load far from body -> 6; restricted space -> 1;
    # about 100 boxes a day -> time rating 4; risk value 56 -> range 4 (high load, redesign required)
    load = kim_load_points(22, "female")
    time = kim_time_rating(100)
    assert (load, time) == (7, 4)
    risk = kim_lhc_risk(load, 6, 1, time)
    assert risk == 56
    assert kim_lhc_band(risk)["range"] == 4


@pytest.mark.parametrize("risk, band", [(0, 1), (9.99, 1), (10, 2), (24.99, 2), (25, 3), (49.99, 3), (50, 4),
                                        (250, 4)])
def test_band_boundaries(risk, band):
    assert kim_lhc_band(risk)["range"] == band


@pytest.mark.parametrize("kg, sex, points", [(4.9, "female", 1), (5, "female", 2), (10, "female", 4),
                                             (25, "female", 25), (9.9, "male", 1), (30, "male", 7),
                                             (40, "male", 25)])
def test_load_points(kg, sex, points):
    assert kim_load_points(kg, sex) == points


@pytest.mark.parametrize("count, rating", [(1, 1), (10, 2), (40, 4), (199, 4), (200, 6), (500, 8), (999, 8),
                                           (1000, 10)])
def test_time_rating(count, rating):
    assert kim_time_rating(count) == rating


def test_out_of_range_points_are_refused():
    with pytest.raises(ValueError, match="posture_points"):
        kim_lhc_risk(7, 9, 1, 4)
    with pytest.raises(ValueError, match="load must be positive"):
        kim_load_points(0, "female")
