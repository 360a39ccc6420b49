"""Monte Carlo uncertainty of LOPA mitigated frequencies (log-normal inputs).

Each initiating-event frequency and each layer PFD is log-normal with

* median = the point value used in the deterministic LOPA (pse's choice: the LOPA table values
  are order-of-magnitude "typical" values, and taking them as medians keeps the Monte Carlo
  median equal to the deterministic result, since a product of log-normals is log-normal with
  the product of the medians. The mean is higher: exp(sigma^2 / 2) x median per input);
* error factor EF = P95 / P50 = P50 / P5, so sigma = ln(EF) / 1.645 (the PRA convention,
  e.g. NUREG/CR data and the CEA Uranie documentation of the log-normal law).

PFD samples are clipped to <= 1 (a layer cannot fail with probability above one); frequency
samples are not clipped. A layer whose point PFD is 1.0 (or NaN padding) is "no layer" and is
not sampled: sampling it would give spurious credit below 1. Enabling conditions and
conditional modifiers are probabilities and can be passed as extra PFD columns.

Sampling is vectorised over scenarios x samples (one loop over the K layer columns), so the
memory is O(N x n_samples).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = [
    "Z_95",
    "lognormal_sigma",
    "sample_lognormal",
    "MonteCarloResult",
    "monte_carlo_mitigated_frequency",
]

#: standard normal 95th percentile (one-sided), so EF = exp(Z_95 * sigma)
Z_95 = 1.645


def lognormal_sigma(error_factor):
    """Log-normal shape ``sigma = ln(EF) / 1.645`` from the error factor EF = P95/P50 (>= 1).

    >>> round(lognormal_sigma(10), 4)
    1.3997
    """
    ef = np.asarray(error_factor, dtype=float)
    if np.any(np.isnan(ef)) or np.any(ef < 1.0):
        raise ValueError(f"error factor must be >= 1, got {error_factor!r}")
    s = np.log(ef) / Z_95
    return float(s) if s.ndim == 0 else s


def sample_lognormal(median, error_factor, size, rng=None):
    """Log-normal samples with the given median and error factor (numpy ``Generator``).

    >>> x = sample_lognormal(1e-3, 3.0, 200_000, rng=1)
    >>> bool(abs(np.median(x) / 1e-3 - 1) < 0.01)
    True
    """
    rng = np.random.default_rng(rng)
    m = np.asarray(median, dtype=float)
    if np.any(~(m > 0)):
        raise ValueError(f"median must be > 0, got {median!r}")
    return m * np.exp(lognormal_sigma(error_factor) * rng.standard_normal(size))


@dataclass(frozen=True)
class MonteCarloResult:
    """Per-scenario summary of :func:`monte_carlo_mitigated_frequency` (arrays of shape (N,)).

    point : deterministic mitigated frequency (product of the point values), per year
    p5, p50, p95 : percentiles of the sampled mitigated frequency, per year
    mean : sample mean, per year
    probability_exceeds_tolerable : fraction of samples with f > tolerable
    tolerable : tolerable frequency used, per year (broadcast to (N,))
    n_samples, seed : as requested (seed None = fresh entropy, not reproducible)
    samples : array (N, n_samples) when ``keep_samples=True``, else None
    """

    point: np.ndarray
    p5: np.ndarray
    p50: np.ndarray
    p95: np.ndarray
    mean: np.ndarray
    probability_exceeds_tolerable: np.ndarray
    tolerable: np.ndarray
    n_samples: int
    seed: object
    samples: np.ndarray | None = None


def _per_scenario(name, values, n):
    """Scalar or (N,) -> (N,)."""
    a = np.asarray(values, dtype=float)
    if a.ndim == 0:
        return np.full(n, float(a))
    if a.shape == (n,):
        return a
    raise ValueError(f"{name} must be a scalar or have shape ({n},), got {a.shape}")


def _per_layer(name, values, n, k):
    """Scalar, (K,) (one value per layer column) or (N, K) -> (N, K)."""
    a = np.asarray(values, dtype=float)
    if a.ndim == 0:
        return np.full((n, k), float(a))
    if a.shape == (k,):
        return np.broadcast_to(a, (n, k)).copy()
    if a.shape == (n, k):
        return a
    raise ValueError(f"{name} must be a scalar or have shape ({k},) or ({n}, {k}), got {a.shape}")


def monte_carlo_mitigated_frequency(ie_freq, ie_ef, pfds, pfd_efs, tolerable, n_samples=10_000,
                                    seed=None, *, keep_samples=False) -> MonteCarloResult:
    """Monte Carlo distribution of the mitigated frequency of N LOPA scenarios.

    ::

        f_C = f_IE x prod_k PFD_k,   f_IE ~ LN(median=f_IE, EF_IE),
                                     PFD_k ~ min(1, LN(median=PFD_k, EF_k))

    Parameters
    ----------
    ie_freq : array (N,) or float
        Initiating-event frequencies (point value = median), per year, > 0.
    ie_ef : float or array (N,)
        Error factors of the IE frequencies (>= 1; 1 = no uncertainty).
    pfds : array (N, K)
        Layer PFDs (point value = median); pad with NaN or 1.0 (= no layer, not sampled).
        May be empty (K = 0).
    pfd_efs : float, array (K,) or array (N, K)
        Error factors of the PFDs (>= 1); a 1-D array is one EF per layer column.
    tolerable : float or array (N,)
        Tolerable frequency per year, > 0.
    n_samples : int
    seed : int, numpy Generator or None
        ``np.random.default_rng(seed)``: the same seed gives the same result.
    keep_samples : bool
        Return the (N, n_samples) samples too.

    >>> r = monte_carlo_mitigated_frequency([0.01], 3, [[0.1, 0.01]], 3, 1e-4, seed=1)
    >>> float(r.point[0])
    1e-05
    >>> bool(r.p5[0] < r.p50[0] < r.p95[0])
    True
    """
    if isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer)) or n_samples < 1:
        raise ValueError(f"n_samples must be a positive integer, got {n_samples!r}")
    f = _checked_frequencies(ie_freq)
    n = f.shape[0]
    p, active = _checked_pfds(pfds, n)
    k = p.shape[1]
    sigma_ie = _per_scenario("ie_ef", lognormal_sigma(ie_ef), n)
    sigma_p = _per_layer("pfd_efs", lognormal_sigma(pfd_efs), n, k) if k else np.zeros((n, 0))
    tol = _checked_tolerable(tolerable, n)
    rng = np.random.default_rng(seed)
    stats = {name: np.empty(n) for name in ("p5", "p50", "p95", "mean", "exceed")}
    kept = np.empty((n, n_samples)) if keep_samples else None
    # scenarios in blocks of about 2 million samples: the working set stays in cache and memory stays
    # bounded for whole-site studies (10^4 scenarios x 10^4 samples); same seed -> same result
    block = max(1, 2_000_000 // n_samples)
    log_p = np.log(np.where(active, p, 1.0))
    buffers = np.empty((2, min(n, block), int(n_samples)))     # reused by every block (no fresh pages each time)
    for start in range(0, n, block):
        rows = slice(start, min(n, start + block))
        samples = _sample_block(rng, np.log(f[rows]), sigma_ie[rows], log_p[rows], sigma_p[rows], active[rows],
                                buffers[:, :rows.stop - start])
        if kept is not None:
            kept[rows] = samples
        _summarise_block(samples, tol[rows], rows, stats)      # reorders ``samples`` (partitioned in place)
    return MonteCarloResult(point=f * np.where(active, p, 1.0).prod(axis=1), p5=stats["p5"], p50=stats["p50"],
                            p95=stats["p95"], mean=stats["mean"], probability_exceeds_tolerable=stats["exceed"],
                            tolerable=tol, n_samples=int(n_samples), seed=seed, samples=kept)


def _checked_frequencies(ie_freq) -> np.ndarray:
    """IE frequencies as a 1-D array, each finite and > 0."""
    f = np.atleast_1d(np.asarray(ie_freq, dtype=float))
    if f.ndim != 1:
        raise ValueError(f"ie_freq must be 1-D (one value per scenario), got shape {f.shape}")
    if np.any(~(f > 0)) or np.any(np.isinf(f)):
        i = int(np.argmax(~(f > 0) | np.isinf(f)))
        raise ValueError(f"ie_freq[{i}] = {float(f[i])!r}: a frequency must be finite and > 0")
    return f


def _checked_tolerable(tolerable, n: int) -> np.ndarray:
    tol = _per_scenario("tolerable", tolerable, n)
    if np.any(~(tol > 0)) or np.any(np.isinf(tol)):
        raise ValueError(f"tolerable must be finite and > 0, got {tolerable!r}")
    return tol


def _checked_pfds(pfds, n: int) -> tuple[np.ndarray, np.ndarray]:
    """PFDs as (N, K) and the mask of layers sampled (present and < 1); each PFD in (0, 1]."""
    p = np.asarray(pfds, dtype=float)
    if p.size == 0:
        p = np.ones((n, 0))
    elif p.ndim == 1 and n == 1:
        p = p[None, :]
    if p.ndim != 2 or p.shape[0] != n:
        raise ValueError(f"pfds must have shape ({n}, K), got {p.shape}")
    present = ~np.isnan(p)
    bad = present & ~((p > 0) & (p <= 1))
    if np.any(bad):
        i, j = map(int, np.argwhere(bad)[0])
        raise ValueError(f"pfds[{i}, {j}] = {float(p[i, j])!r}: a probability must be in (0, 1]")
    return p, present & (p < 1.0)


#: rows of a block worked on at a time after each draw (10^4 samples x 16 rows = 1.3 MB: in cache)
_ROWS = 16


def _sample_block(rng, log_f0, sigma_ie, log_p, sigma_p, active, buffers: np.ndarray) -> np.ndarray:
    """Samples of f_C for a block of scenarios: log f_IE + sum_k min(0, log PFD_k) with normal noise.

    The draws are those of ``log_f0 + sigma x z`` over the whole block, in the same order (so the same seed
    gives the same samples); the arithmetic after each draw is done in place on a few rows at a time, so it
    runs in cache, and only on the rows where the layer is present (an absent layer adds 0 to log f).
    ``buffers``: two (rows, samples) arrays; the samples are returned in the first.
    """
    m = log_f0.shape[0]
    log_f, log_pj = buffers[0], buffers[1]
    rng.standard_normal(out=log_f)
    for start in range(0, m, _ROWS):
        rows = slice(start, start + _ROWS)
        log_f[rows] *= sigma_ie[rows, None]
        log_f[rows] += log_f0[rows, None]
    for j in range(log_p.shape[1]):
        on = np.flatnonzero(active[:, j])
        if not on.size:
            continue
        rng.standard_normal(out=log_pj)
        for start in range(0, on.size, _ROWS):
            _add_layer(log_f, log_pj, on[start:start + _ROWS], sigma_p[:, j], log_p[:, j])
    return np.exp(log_f, out=log_f)


def _add_layer(log_f, z, rows, sigma, log_p) -> None:
    """``log_f[rows] += min(0, log_p + sigma x z)`` (PFD clipped to <= 1), rows given by index."""
    if rows[-1] - rows[0] + 1 == rows.size:                     # consecutive rows: views, no copy
        rows = slice(int(rows[0]), int(rows[-1]) + 1)
    part = z[rows]
    part *= sigma[rows, None]
    part += log_p[rows, None]
    np.minimum(part, 0.0, out=part)
    log_f[rows] += part


def _summarise_block(samples: np.ndarray, tolerable: np.ndarray, rows: slice, stats: dict) -> None:
    """Mean, probability of exceeding the tolerable frequency and percentiles of a block of scenarios
    (the percentiles last: they partition ``samples`` in place, which changes no statistic but the order)."""
    stats["mean"][rows] = samples.mean(axis=1)
    stats["exceed"][rows] = (samples > tolerable[:, None]).mean(axis=1)
    stats["p5"][rows], stats["p50"][rows], stats["p95"][rows] = np.percentile(samples, [5.0, 50.0, 95.0], axis=1,
                                                                             overwrite_input=True)
