"""ISO 13849-1:2023 PL achieved: table corners, B10d and symmetrisation by hand, refused requirements."""

from __future__ import annotations

import pytest

from pse.machinery import mttfd_from_b10d_years, performance_level, symmetrised_mttfd_years
from pse.machinery.pl import (
    channel_mttfd_years,
    dc_avg_percent,
    dc_band,
    mttfd_band,
    operations_per_year,
    pl_from_pfhd,
    series_pfhd,
)


def test_b10d_by_hand():
    # IDEC example: e-stop B10d 100 000, operated once a day all year: n_op = 365 x 24 x 3600 / 86400 = 365
    n_op = operations_per_year(365, 24, 86400)
    assert n_op == 365
    assert mttfd_from_b10d_years(100_000, n_op) == pytest.approx(100_000 / 36.5)        # 2739.7 y
    # press valve: 250 d x 16 h x 3600 / 6 s = 2.4e6 operations; B10d 4e7 -> 4e7 / 2.4e5 = 166.7 y
    assert mttfd_from_b10d_years(4e7, operations_per_year(250, 16, 6)) == pytest.approx(166.667, rel=1e-5)


def test_symmetrisation_by_hand():
    # 2/3 (C1 + C2 - 1/(1/C1 + 1/C2)) with C1 = 100, C2 = 25: 1/(0.01 + 0.04) = 20 -> 2/3 x 105 = 70
    assert symmetrised_mttfd_years(100, 25) == pytest.approx(70.0)
    assert symmetrised_mttfd_years(40, 40) == pytest.approx(40.0)        # equal channels: unchanged


def test_parts_count_and_dcavg_by_hand():
    assert channel_mttfd_years([50, 50, 100]) == pytest.approx(20.0)    # 1/(0.02 + 0.02 + 0.01)
    assert dc_avg_percent([(99, 50), (60, 100)]) == pytest.approx((99 / 50 + 60 / 100) / (1 / 50 + 1 / 100))


@pytest.mark.parametrize("value, band", [(3, "low"), (9.99, "low"), (10, "medium"), (29.99, "medium"),
                                          (30, "high"), (100, "high"), (2500, "high")])
def test_mttfd_bands(value, band):
    assert mttfd_band(value) == band


@pytest.mark.parametrize("value, band", [(0, "none"), (59.9, "none"), (60, "low"), (89.9, "low"),
                                          (90, "medium"), (98.9, "medium"), (99, "high"), (100, "high")])
def test_dc_bands(value, band):
    assert dc_band(value) == band


@pytest.mark.parametrize("pfhd, level", [(9.99e-5, "a"), (1e-5, "a"), (9.99e-6, "b"), (3e-6, "b"),
                                          (2.99e-6, "c"), (1e-6, "c"), (9.99e-7, "d"), (1e-7, "d"),
                                          (9.99e-8, "e"), (1e-8, "e"), (1e-9, "e")])
def test_pl_bands(pfhd, level):
    assert pl_from_pfhd(pfhd) == level


def test_pfhd_of_1e4_is_below_pl_a():
    with pytest.raises(ValueError, match="below PL a"):
        pl_from_pfhd(1e-4)


# Categories B and 1 (single channel, no diagnostics): PFHd = 1 / MTTFd, by hand with 8760 h per year.
# 3 y -> 3.80e-5 (a), 10 y -> 1.14e-5 (a), 12 y -> 9.51e-6 (b), 29 y -> 3.94e-6 (b), 30 y -> 3.80e-6 (b),
# 39 y -> 2.93e-6 (c), 100 y -> 1.14e-6 (c); above 100 y capped.
@pytest.mark.parametrize("category, mttfd, pfhd, level", [
    ("B", 3, 3.80e-5, "a"), ("B", 10, 1.14e-5, "a"), ("B", 12, 9.51e-6, "b"), ("B", 29, 3.94e-6, "b"),
    ("1", 30, 3.80e-6, "b"), ("1", 39, 2.93e-6, "c"), ("1", 100, 1.14e-6, "c"), ("1", 250, 1.14e-6, "c")])
def test_single_channel_corners_by_hand(category, mttfd, pfhd, level):
    assert performance_level(category, mttfd, 0) == (level, pytest.approx(pfhd, rel=2e-3))


def test_category_4_at_100_years_is_the_published_value():
    # ABB Jokab catalogue: monitored redundant contactors (category 4, MTTFd 100 y, DC high) 2.47e-8 -> PL e
    assert performance_level("4", 100, 99, 65) == ("e", pytest.approx(2.47e-8))


@pytest.mark.parametrize("category, dc", [("2", 60), ("2", 90), ("3", 60), ("3", 90)])
def test_two_and_three_corners_fall_with_mttfd(category, dc):
    # Annex K values held for categories 2 and 3 are recalled (checked: false); the corners must still fall
    # monotonically with MTTFd and carry the PL of their PFHd band.
    values = [performance_level(category, m, dc, 65) for m in (3, 10, 30, 100)]
    pfhds = [p for _, p in values]
    assert pfhds == sorted(pfhds, reverse=True) and len(set(pfhds)) == 4
    assert all(level == pl_from_pfhd(p) for level, p in values)


def test_more_diagnostics_never_worse():
    for mttfd in (3, 10, 30, 100):
        assert performance_level("2", mttfd, 90, 65)[1] < performance_level("2", mttfd, 60, 65)[1]
        assert performance_level("3", mttfd, 90, 65)[1] < performance_level("3", mttfd, 60, 65)[1]
        assert performance_level("3", mttfd, 60, 65)[1] < performance_level("2", mttfd, 60, 65)[1]


def test_between_rows_reads_the_next_lower_row():
    assert performance_level("3", 29.9, 90, 65) == performance_level("3", 10, 90, 65)
    assert performance_level("4", 2400, 99, 65) == performance_level("4", 100, 99, 65)


def test_ccf_below_65_refused_for_category_3():
    with pytest.raises(ValueError, match="CCF score of at least 65.*64 given"):
        performance_level("3", 30, 90, 64)
    with pytest.raises(ValueError, match="CCF.*none given"):
        performance_level("3", 30, 90)
    assert performance_level("3", 30, 90, 65)[0] in "abcde"
    assert performance_level("1", 30, 0)[0] == "b"          # no CCF needed for categories B and 1


@pytest.mark.parametrize("args, message", [
    (("4", 20, 99, 80), "category 4 requires MTTFd high"),
    (("4", 50, 95, 80), "category 4 requires DCavg high"),
    (("1", 20, 0), "category 1 requires MTTFd high"),
    (("B", 50, 0), "category B requires MTTFd low or medium"),
    (("3", 30, 50, 80), "category 3 requires DCavg low"),
    (("2", 2, 90, 80), "below 3 years"),
    (("5", 30, 90, 80), "not one of B, 1, 2, 3, 4"),
])
def test_unmet_requirement_named(args, message):
    with pytest.raises(ValueError, match=message):
        performance_level(*args)


def test_series_sum():
    # ABB Jokab catalogue worked example: 1.14e-6 + 4.9e-9 + 2.47e-8 = 1.17e-6 -> PL c
    total = series_pfhd([1.14e-6, 4.9e-9, 2.47e-8])
    assert total == pytest.approx(1.17e-6, rel=5e-3) and pl_from_pfhd(total) == "c"


@pytest.mark.parametrize("bad", [0, -1, float("nan"), float("inf"), "10", True])
def test_bad_numbers_refused(bad):
    with pytest.raises(ValueError):
        mttfd_from_b10d_years(bad, 1000)


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_years = st.floats(min_value=3, max_value=2500, allow_nan=False)


@given(_years, _years)
def test_symmetrised_lies_between_the_channels(c1, c2):
    value = symmetrised_mttfd_years(c1, c2)
    assert min(c1, c2) * (1 - 1e-9) <= value <= max(c1, c2) * (1 + 1e-9)
    assert value == pytest.approx(symmetrised_mttfd_years(c2, c1))


@given(_years, st.sampled_from([60, 75, 90, 95]))
def test_pfhd_never_rises_with_mttfd(mttfd, dc):
    for category in ("2", "3"):
        assert performance_level(category, mttfd, dc, 65)[1] <= performance_level(category, 3, dc, 65)[1]
