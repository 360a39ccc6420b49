"""ISO 13857:2019 table lookups, ISO 13855 reach over an ESPE, and the K/C/branch of the light-curtain distance."""

from __future__ import annotations

import pytest

from pse.machinery import espe_reach_over_mm, opening_safety_distance_mm, reach_over_structure_mm
from pse.machinery.distance import light_curtain_terms, two_hand_distance_mm
from pse.machinery.reach import reaching_upwards_ok


# ISO 13857 Table 4 (checked against zt-grassberger.at): slot / square / round by opening e
@pytest.mark.parametrize("e, shape, sr, part", [
    (4, "slot", 2, "fingertip"), (6, "square", 5, "fingertip"), (8, "round", 5, "finger"),
    (10, "slot", 80, "finger"), (12, "square", 80, "finger"), (20, "round", 120, "hand"),
    (30, "slot", 850, "arm"), (40, "square", 200, "arm"), (40, "round", 120, "arm"), (120, "round", 850, "arm")])
def test_openings_table_4(e, shape, sr, part):
    assert opening_safety_distance_mm(e, shape) == (sr, part)


def test_opening_between_limits_takes_the_larger_class():
    assert opening_safety_distance_mm(8.5, "slot") == (80.0, "finger")


def test_opening_over_120_refused():
    with pytest.raises(ValueError, match="over 120 mm"):
        opening_safety_distance_mm(121, "square")
    with pytest.raises(ValueError, match="shape"):
        opening_safety_distance_mm(10, "hexagon")


def test_reach_over_table_2_cells_and_conservative_reading():
    assert reach_over_structure_mm(1600, 1800) == 800.0        # a row 1600, b column 1800
    assert reach_over_structure_mm(2700, 1000) == 0.0           # out of reach upwards
    assert reach_over_structure_mm(0, 1000) == 1100.0
    # a = 1500 between the rows 1400 and 1600, b = 1900 read as 1800: max(800, 800)
    assert reach_over_structure_mm(1500, 1900) == 800.0
    # a = 1700 between 1600 (b=2000: 500) and 1800 (b=2000: 600): the greater, 600
    assert reach_over_structure_mm(1700, 2000) == 600.0
    with pytest.raises(ValueError, match="below 1000 mm"):
        reach_over_structure_mm(1000, 900)


def test_espe_reach_over():
    assert espe_reach_over_mm(1400, 1400) == 850.0
    assert espe_reach_over_mm(1000, 1800) == 0.0     # top beam above the reach of the arm
    assert espe_reach_over_mm(1300, 1350) == 900.0   # rows 1200 (850) and 1400 (900) at b 1300: 900
    with pytest.raises(ValueError, match="below 900 mm"):
        espe_reach_over_mm(1000, 800)


def test_reaching_upwards():
    assert reaching_upwards_ok(2700) and not reaching_upwards_ok(2699)
    assert reaching_upwards_ok(2500, high_risk=False)


@pytest.mark.parametrize("t, d, k, c, branch, s", [
    (0.2, 14, 2000, 0, "K=2000", 400),            # 2000 x 0.2
    (0.03, 14, 2000, 0, "K=2000, S>=100", 100),   # 60 mm -> the 100 mm floor
    (0.32, 14, 1600, 0, "K=1600", 512),           # 640 > 500 -> 1600 x 0.32
    (0.26, 14, 1600, 0, "K=1600, S>=500", 500),   # 520 > 500 -> 416 -> the 500 mm floor
    (0.15, 25, 2000, 88, "K=2000", 388),          # C = 8 (25 - 14) = 88
    (0.1, 50, 1600, 850, "d>40: K=1600, C=850", 1010)])
def test_light_curtain_shows_k_c_and_branch(t, d, k, c, branch, s):
    terms = light_curtain_terms(t, d)
    assert (terms["k_mm_per_s"], terms["c_mm"], terms["branch"]) == (k, c, branch)
    assert terms["distance_mm"] == pytest.approx(s)


def test_2024_two_hand_uses_the_separation_distance_read_from_the_standard():
    assert two_hand_distance_mm(0.1, "2024", separation_distance_mm=550) == pytest.approx(710.0)


# ISO 13855:2010 reach over a vertical ESPE: cells as printed in the Schmersal SLC440/SLG440 operating
# instructions, 4.5 'extract ISO 13855' (hazard height a, top-beam height b, C_RO).
@pytest.mark.parametrize("a, b, c_ro", [
    (2600, 900, 0), (2500, 900, 400), (2500, 2000, 250), (2500, 2400, 100), (2400, 1300, 450),
    (2200, 2200, 250), (2000, 1100, 850), (1800, 1800, 550), (1600, 1600, 750), (1400, 1600, 650),
    (1000, 1000, 1150), (800, 1400, 450), (600, 1200, 550), (400, 1000, 700), (200, 900, 600), (0, 900, 0)])
def test_espe_reach_over_published_cells(a, b, c_ro):
    assert espe_reach_over_mm(a, b) == c_ro


# ISO 13857 Table 2 cells reported from a Troax reproduction (partial corroboration; the table stays
# checked: false): (a, b) -> c
@pytest.mark.parametrize("a, b, c", [
    (2000, 1400, 1100), (1000, 1400, 1000), (400, 1400, 400), (1400, 1800, 800), (1000, 1800, 0),
    (2600, 2000, 500), (1000, 2000, 0), (2600, 2200, 400), (1600, 2200, 0), (2600, 2500, 100), (2400, 2700, 0)])
def test_reach_over_structure_corroborated_cells(a, b, c):
    assert reach_over_structure_mm(a, b) == c


def test_openings_published_by_a_second_source():
    # ce-beratung-dr-birn.de: square <= 40 mm -> 200 mm, <= 30 mm -> 120 mm; slot <= 20 mm -> 120 mm
    assert opening_safety_distance_mm(40, "square")[0] == 200
    assert opening_safety_distance_mm(30, "square")[0] == 120
    assert opening_safety_distance_mm(20, "slot")[0] == 120


@pytest.mark.parametrize("hazard_height_mm, c_mm", [
    # ce-beratung-dr-birn.de, 2 m fence: c = 0 up to 1.40 m, 500 mm for 1.40..1.60 m, 600 mm for 1.60..2.60 m,
    # 500 mm for 2.60..2.70 m, 0 from 2.70 m
    (0, 0), (1000, 0), (1400, 0), (1500, 500), (1600, 500), (1700, 600), (2000, 600), (2500, 600),
    (2650, 500), (2700, 0), (3000, 0),
])
def test_reach_over_2_m_fence_against_published_column(hazard_height_mm, c_mm):
    assert reach_over_structure_mm(hazard_height_mm, 2000) == c_mm


def test_only_the_checked_column_is_marked_checked():
    from pse.machinery.reach import reach_over_column_checked

    assert reach_over_column_checked(2000) and reach_over_column_checked(2150)     # read in column 2000
    assert not reach_over_column_checked(1800) and not reach_over_column_checked(2200)
