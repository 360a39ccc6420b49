"""SIL bands, SIL targets and minimum HFT."""

import math

import pytest

from pse.lopa.sil import (
    SilTarget,
    minimum_hft,
    pfd_band,
    pfh_band,
    required_rrf,
    rrf_band,
    sil_for_pfd,
    sil_for_rrf,
    sil_target,
)


@pytest.mark.parametrize(
    "pfd, sil",
    [
        (1.0, 0),
        (0.5, 0),
        (0.1, 0),
        (0.0999, 1),
        (0.01, 1),
        (0.00999, 2),
        (1e-3, 2),
        (9.99e-4, 3),
        (1e-4, 3),
        (9.99e-5, 4),
        (1e-5, 4),
        (1e-7, 4),  # below the SIL 4 band: still SIL 4 (documented)
    ],
)
def test_sil_for_pfd_boundaries(pfd, sil):
    assert sil_for_pfd(pfd) == sil


@pytest.mark.parametrize(
    "rrf, sil",
    [
        (1, 0),
        (10, 0),
        (10.01, 1),
        (100, 1),
        (100.1, 2),
        (1000, 2),
        (1000.1, 3),
        (10_000, 3),
        (10_000.1, 4),
        (100_000, 4),
        (100_001, None),
    ],
)
def test_sil_for_rrf_boundaries(rrf, sil):
    assert sil_for_rrf(rrf) == sil


def test_pfd_and_rrf_bands_agree():
    for pfd in (0.05, 0.01, 0.005, 1e-3, 5e-4, 1e-4, 5e-5, 1e-5):
        assert sil_for_pfd(pfd) == sil_for_rrf(1 / pfd)


def test_floating_point_products_of_decades_land_on_the_boundary():
    pfd = 0.1 * 0.1 * 0.1  # 0.0010000000000000002
    assert pfd != 1e-3
    assert sil_for_pfd(pfd) == 2
    rrf = pfd / 1e-5  # 100.00000000000003
    assert rrf > 100
    assert sil_for_rrf(rrf) == 1
    assert sil_target(pfd, 1e-5).sil == 1


@pytest.mark.parametrize("bad", [0.0, -0.1, 1.5, float("nan"), "x"])
def test_sil_for_pfd_rejects(bad):
    with pytest.raises(ValueError, match="pfd"):
        sil_for_pfd(bad)


@pytest.mark.parametrize("bad", [0.5, 0.0, -3.0, float("nan")])
def test_sil_for_rrf_rejects(bad):
    with pytest.raises(ValueError, match="rrf"):
        sil_for_rrf(bad)


def test_required_rrf():
    assert required_rrf(1e-2, 1e-5) == pytest.approx(1000)
    assert required_rrf(0.0, 1e-5) == 0.0
    with pytest.raises(ValueError, match="tolerable_frequency_per_yr"):
        required_rrf(1e-3, 0.0)
    with pytest.raises(ValueError, match="mitigated_frequency_per_yr"):
        required_rrf(-1e-3, 1e-4)


def test_seed_001_no_sil_required():
    # seed 001: mitigated 1e-5 / yr against tolerable 1e-3 / yr (severity 2)
    t = sil_target(1e-5, 1e-3)
    assert t == SilTarget(rrf=pytest.approx(0.01), sil=0, label="no SIL required", redesign=False, gap=False)


@pytest.mark.parametrize(
    "mitigated, label, sil, redesign, gap",
    [
        (1e-4, "no SIL required", 0, False, False),  # RRF 1
        (5e-4, "no SIL required", 0, False, True),  # RRF 5: a non-SIL layer closes it
        (1e-3, "no SIL required", 0, False, True),  # RRF 10
        (2e-3, "SIL 1", 1, False, True),
        (5e-2, "SIL 2", 2, False, True),
        (0.5, "SIL 3", 3, False, True),
        (5.0, "SIL 4: redesign recommended", 4, True, True),
        (100.0, "above SIL 4: redesign", None, True, True),
    ],
)
def test_sil_target_labels(mitigated, label, sil, redesign, gap):
    t = sil_target(mitigated, 1e-4)
    assert (t.label, t.sil, t.redesign, t.gap) == (label, sil, redesign, gap)
    assert t.rrf == pytest.approx(mitigated / 1e-4)


def test_minimum_hft_table_6():
    assert [minimum_hft(s, "low") for s in (1, 2, 3, 4)] == [0, 0, 1, 2]
    assert [minimum_hft(s, "high") for s in (1, 2, 3, 4)] == [0, 1, 1, 2]
    assert minimum_hft(2, "continuous") == 1
    with pytest.raises(ValueError, match="SIL must be"):
        minimum_hft(5)
    with pytest.raises(ValueError, match="SIL must be"):
        minimum_hft(0)
    with pytest.raises(ValueError, match="demand_mode"):
        minimum_hft(2, "medium")


def test_bands():
    assert pfd_band(1) == (1e-2, 1e-1)
    assert pfd_band(4) == (1e-5, 1e-4)
    assert pfh_band(2) == (1e-7, 1e-6)
    assert rrf_band(3) == (1e3, 1e4)
    for sil in (1, 2, 3, 4):
        low, high = pfd_band(sil)
        assert sil_for_pfd(low) == sil  # lower limit inclusive
        assert sil_for_pfd(high) == sil - 1  # upper limit exclusive
        r_low, r_high = rrf_band(sil)
        assert math.isclose(r_low, 1 / high) and math.isclose(r_high, 1 / low)
    with pytest.raises(ValueError):
        pfd_band(True)


def test_sil_for_rrf_array_equals_scalar_on_both_sides_of_every_band():
    from pse.lopa.sil import sil_for_rrf, sil_for_rrf_array

    values = [1.0, 9.99, 10.0, 10.01, 99.9, 100.0, 100.1, 999.0, 1000.0, 1000.1, 9999.0, 10000.0,
              10000.1, 99999.0, 100000.0, 100001.0, 0.1 * 0.1 * 0.1 / 1e-5]
    expected = [(-1 if sil_for_rrf(v) is None else sil_for_rrf(v)) for v in values]
    assert sil_for_rrf_array(values).tolist() == expected
