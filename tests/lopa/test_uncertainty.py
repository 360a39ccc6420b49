"""Monte Carlo with log-normal inputs."""

import math

import numpy as np
import pytest
from scipy import stats

from pse.lopa.uncertainty import lognormal_sigma, monte_carlo_mitigated_frequency, sample_lognormal


def test_sigma_from_error_factor():
    # EF = P95 / P50 = exp(1.645 sigma)
    assert lognormal_sigma(10) == pytest.approx(math.log(10) / 1.645)
    assert lognormal_sigma(1) == 0.0
    with pytest.raises(ValueError, match="error factor"):
        lognormal_sigma(0.5)


def test_sampled_error_factor_matches():
    x = sample_lognormal(1e-2, 10.0, 400_000, rng=7)
    p50, p95 = np.percentile(x, [50, 95])
    assert p95 / p50 == pytest.approx(10.0, rel=0.03)
    # and it is a log-normal with that sigma (KS against scipy's parametrisation)
    dist = stats.lognorm(s=math.log(10) / 1.645, scale=1e-2)
    assert stats.kstest(x[:20_000], dist.cdf).pvalue > 0.001


def test_median_close_to_point_value_for_small_error_factors():
    r = monte_carlo_mitigated_frequency(
        ie_freq=[0.1, 0.01],
        ie_ef=1.5,
        pfds=[[0.1, 0.01, np.nan], [0.1, np.nan, np.nan]],
        pfd_efs=1.5,
        tolerable=1e-4,
        n_samples=100_000,
        seed=2024,
    )
    np.testing.assert_allclose(r.point, [1e-4, 1e-3])
    np.testing.assert_allclose(r.p50, r.point, rtol=0.03)
    assert np.all(r.p5 < r.p50) and np.all(r.p50 < r.p95)
    assert np.all(r.mean > r.p50)  # right-skewed


def test_spread_matches_the_analytical_product_of_lognormals():
    # f = IE x PFD, both log-normal: ln f has sigma = sqrt(s_IE^2 + s_PFD^2)
    r = monte_carlo_mitigated_frequency([0.1], 3.0, [[1e-3]], 10.0, 1e-4, n_samples=200_000, seed=5)
    sigma = math.hypot(lognormal_sigma(3.0), lognormal_sigma(10.0))
    assert r.p95[0] / r.p50[0] == pytest.approx(math.exp(1.645 * sigma), rel=0.03)
    assert r.p50[0] / r.p5[0] == pytest.approx(math.exp(1.645 * sigma), rel=0.03)
    # P(f > tolerable = point value) = 0.5 for a median-centred distribution
    assert r.probability_exceeds_tolerable[0] == pytest.approx(0.5, abs=0.01)


def test_seed_reproducibility():
    kw = dict(ie_freq=[0.1, 0.2], ie_ef=3, pfds=[[0.1], [0.01]], pfd_efs=[10], tolerable=1e-3,
              n_samples=5_000)
    a = monte_carlo_mitigated_frequency(seed=42, **kw)
    b = monte_carlo_mitigated_frequency(seed=42, **kw)
    c = monte_carlo_mitigated_frequency(seed=43, **kw)
    np.testing.assert_array_equal(a.p95, b.p95)
    np.testing.assert_array_equal(a.probability_exceeds_tolerable, b.probability_exceeds_tolerable)
    assert not np.array_equal(a.p95, c.p95)


def test_pfd_samples_clipped_to_one():
    r = monte_carlo_mitigated_frequency([1.0], 1.0, [[0.5]], 100.0, 10.0, n_samples=20_000, seed=1,
                                        keep_samples=True)
    assert r.samples.shape == (1, 20_000)
    assert r.samples.max() <= 1.0  # IE fixed at 1/yr (EF 1) and PFD <= 1
    assert r.p95[0] == pytest.approx(1.0)  # more than 5 % of samples hit the clip


def test_layers_of_one_are_not_sampled():
    r = monte_carlo_mitigated_frequency([0.1], 1.0, [[1.0, np.nan]], 10.0, 1.0, n_samples=1_000,
                                        seed=3, keep_samples=True)
    np.testing.assert_allclose(r.samples, 0.1)  # no spurious credit from a PFD-1 layer


def test_probability_exceeds_tolerable_per_scenario():
    r = monte_carlo_mitigated_frequency([1e-3, 1e-3], 3.0, np.empty((2, 0)), 3.0, [1e-2, 1e-4],
                                        n_samples=50_000, seed=11)
    # tolerable 10x above the median -> ~0; 10x below -> ~1 (EF 3: P95 = 3x median)
    assert r.probability_exceeds_tolerable[0] < 0.01
    assert r.probability_exceeds_tolerable[1] > 0.99


def test_per_layer_and_per_cell_error_factors():
    pfds = [[0.1, 0.1]]
    a = monte_carlo_mitigated_frequency([0.1], 1.0, pfds, [1.0, 10.0], 1e-3, n_samples=20_000, seed=9)
    b = monte_carlo_mitigated_frequency([0.1], 1.0, pfds, [[1.0, 10.0]], 1e-3, n_samples=20_000, seed=9)
    np.testing.assert_array_equal(a.p95, b.p95)


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        (dict(pfds=[[1.5]]), r"pfds\[0, 0\] = 1.5"),
        (dict(pfds=[[0.0]]), r"pfds\[0, 0\] = 0.0"),
        (dict(ie_freq=[-0.1]), r"ie_freq\[0\] = -0.1"),
        (dict(ie_ef=0.5), "error factor"),
        (dict(tolerable=0.0), "tolerable"),
        (dict(n_samples=0), "n_samples"),
        (dict(pfd_efs=[3.0, 3.0, 3.0]), "pfd_efs"),
    ],
)
def test_bad_inputs(kwargs, fragment):
    args = dict(ie_freq=[0.1], ie_ef=3.0, pfds=[[0.1]], pfd_efs=3.0, tolerable=1e-3, n_samples=100)
    args.update(kwargs)
    with pytest.raises(ValueError, match=fragment):
        monte_carlo_mitigated_frequency(**args)
