"""LOPA scenario frequencies."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pse.lopa.frequency import (
    demand_mode,
    demand_rate_at_sif_per_yr,
    mitigated_frequency,
    mitigated_frequency_array,
    summed_frequency,
    total_demand_rate_per_yr,
)
from pse.lopa.sil import sil_target

probability = st.floats(min_value=1e-9, max_value=1.0, exclude_min=False)
frequency = st.floats(min_value=0.0, max_value=1e3)


def test_seed_001_lopa():
    # IE 0.01/yr x general design 0.1 x relief valve 0.01 -> 1e-5/yr; tolerable 1e-3/yr
    f = mitigated_frequency(0.01, pfds=[0.1, 0.01])
    assert f == pytest.approx(1e-5, rel=1e-12)
    target = sil_target(f, 1e-3)
    assert target.sil == 0 and target.label == "no SIL required"


def test_enabling_and_modifiers_multiply():
    f = mitigated_frequency(0.1, pfds=[0.1], enabling=[0.5], modifiers=[0.1, 0.2])
    assert f == pytest.approx(0.1 * 0.1 * 0.5 * 0.1 * 0.2)


def test_no_layers_returns_ie_frequency():
    assert mitigated_frequency(0.3) == 0.3


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(pfds=[0.1, 0.0]), r"pfds\[1\] = 0.0: a probability must be in \(0, 1\]"),
        (dict(pfds=[1.5]), r"pfds\[0\] = 1.5: a probability must be in \(0, 1\]"),
        (dict(enabling=[-0.2]), r"enabling\[0\] = -0.2"),
        (dict(modifiers=[float("nan")]), r"modifiers\[0\] = nan"),
        (dict(pfds=["x"]), r"pfds\[0\] = 'x': a probability must be a number"),
    ],
)
def test_bad_probabilities(kwargs, message):
    with pytest.raises(ValueError, match=message):
        mitigated_frequency(0.1, **kwargs)


@pytest.mark.parametrize("bad", [-0.1, float("inf"), float("nan")])
def test_bad_frequency(bad):
    with pytest.raises(ValueError, match="initiating_frequency_per_yr = .*a frequency must be"):
        mitigated_frequency(bad, pfds=[0.1])


@settings(max_examples=300, deadline=None)
@given(f=frequency, pfds=st.lists(probability, max_size=5), extra=probability)
def test_adding_a_layer_never_raises_the_frequency(f, pfds, extra):
    before = mitigated_frequency(f, pfds=pfds)
    after = mitigated_frequency(f, pfds=[*pfds, extra])
    assert after <= before


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.tuples(frequency, st.lists(probability, max_size=4), st.lists(probability, max_size=2)),
        min_size=1,
        max_size=8,
    )
)
def test_vectorised_equals_scalar(rows):
    k = max(len(p) for _, p, _ in rows) or 1
    m = max(len(e) for _, _, e in rows) or 1
    ie = np.array([f for f, _, _ in rows])
    pfd = np.full((len(rows), k), np.nan)
    mods = np.full((len(rows), m), np.nan)
    for i, (_, p, e) in enumerate(rows):
        pfd[i, : len(p)] = p
        mods[i, : len(e)] = e
    got = mitigated_frequency_array(ie, pfd, modifiers=mods)
    for i, (f, p, e) in enumerate(rows):
        assert got[i] == pytest.approx(mitigated_frequency(f, pfds=p, modifiers=e), rel=1e-12, abs=1e-300)


def test_array_padding_with_one_or_nan_is_the_same():
    ie = [0.1, 0.01]
    a = mitigated_frequency_array(ie, [[0.1, np.nan], [0.1, 0.01]])
    b = mitigated_frequency_array(ie, [[0.1, 1.0], [0.1, 0.01]])
    np.testing.assert_allclose(a, b)
    np.testing.assert_allclose(a, [0.01, 1e-5])


def test_array_enabling_1d_and_empty_pfds():
    got = mitigated_frequency_array([0.1, 1.0], np.empty((2, 0)), enabling=[0.5, 0.1])
    np.testing.assert_allclose(got, [0.05, 0.1])


def test_array_bad_inputs_name_the_cell():
    with pytest.raises(ValueError, match=r"pfd_matrix\[1, 0\] = 1.5"):
        mitigated_frequency_array([0.1, 0.1], [[0.1], [1.5]])
    with pytest.raises(ValueError, match=r"initiating_frequency_per_yr\[0\] = -1.0"):
        mitigated_frequency_array([-1.0], [[0.1]])
    with pytest.raises(ValueError, match="shape"):
        mitigated_frequency_array([0.1, 0.1], [[0.1]] * 3)


def test_demand_rate_counts_only_layers_before_the_sif():
    # BPCS loop failure (0.1/yr), operator response 0.1 before the SIF; the relief valve after
    # the SIF does not reduce the demand on it.
    assert demand_rate_at_sif_per_yr(0.1, pfds_before_sif=[0.1]) == pytest.approx(0.01)
    total = total_demand_rate_per_yr([
        demand_rate_at_sif_per_yr(0.1, pfds_before_sif=[0.1]),
        demand_rate_at_sif_per_yr(0.1),
        demand_rate_at_sif_per_yr(1.0, pfds_before_sif=[0.1], enabling=[0.5]),
    ])
    assert total == pytest.approx(0.01 + 0.1 + 0.05)
    assert demand_mode(total) == "low"
    assert demand_mode(2.0) == "high"
    assert demand_mode(1.0) == "low"


def test_summed_frequency():
    assert summed_frequency([1e-5, 2e-5, 3e-6]) == pytest.approx(3.3e-5)
    assert summed_frequency([]) == 0.0
    with pytest.raises(ValueError, match=r"frequencies\[1\] = -1e-05"):
        summed_frequency([1e-5, -1e-5])
    with pytest.raises(ValueError):
        summed_frequency(1e-5)
    assert math.isclose(total_demand_rate_per_yr((0.1, 0.2)), 0.3)
