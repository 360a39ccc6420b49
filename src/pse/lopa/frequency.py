"""Scenario frequencies of a layer of protection analysis (LOPA).

Mitigated (consequence) frequency of one scenario, CCPS *Layer of Protection Analysis* (2001),
eq. 7-1, with enabling conditions and conditional modifiers as in CCPS *Guidelines for
Initiating Events and Independent Protection Layers in LOPA* (2015) and CCPS *Guidelines for
Enabling Conditions and Conditional Modifiers in LOPA*::

    f_C = f_IE x prod(P_enabling) x prod(P_modifier) x prod(PFD_IPL)

Frequencies are per year, probabilities are dimensionless in (0, 1].
"""

from __future__ import annotations

import math
from collections.abc import Iterable

__all__ = [
    "mitigated_frequency",
    "mitigated_frequency_array",
    "demand_rate_at_sif_per_yr",
    "total_demand_rate_per_yr",
    "demand_mode",
    "summed_frequency",
    "after_sif_probability",
    "required_pfh_per_h",
]

HOURS_PER_YEAR = 8760.0


def _frequency(name: str, value) -> float:
    try:
        f = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} = {value!r}: a frequency must be a number") from None
    if math.isnan(f) or math.isinf(f) or f < 0:
        raise ValueError(f"{name} = {f!r}: a frequency must be finite and >= 0 (per year)")
    return f


def _probabilities(name: str, values) -> list[float]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        values = [values]
    out = []
    for i, v in enumerate(values):
        try:
            p = float(v)
        except (TypeError, ValueError):
            raise ValueError(f"{name}[{i}] = {v!r}: a probability must be a number") from None
        if not 0.0 < p <= 1.0:  # also rejects NaN
            raise ValueError(f"{name}[{i}] = {p!r}: a probability must be in (0, 1]")
        out.append(p)
    return out


def mitigated_frequency(initiating_frequency_per_yr, pfds=(), enabling=(), modifiers=()) -> float:
    """Mitigated consequence frequency of one LOPA scenario, per year.

    ::

        f_C = f_IE x prod(enabling) x prod(modifiers) x prod(PFD)

    (CCPS LOPA 2001 eq. 7-1; CCPS 2015 IE/IPL guidelines.)

    Parameters
    ----------
    initiating_frequency_per_yr : float
        f_IE, per year, >= 0.
    pfds : iterable of float
        PFD of each credited independent protection layer, in (0, 1].
    enabling : iterable of float
        Enabling-condition probabilities (e.g. fraction of time at risk), in (0, 1].
    modifiers : iterable of float
        Conditional modifiers (probability of ignition, of presence, of fatality ...), in (0, 1].

    Seed 001 (butadiene reactor): IE 0.01/yr, general design 0.1, relief valve 0.01:

    >>> mitigated_frequency(0.01, pfds=[0.1, 0.01])
    1e-05
    >>> mitigated_frequency(0.01, pfds=[1.5])
    Traceback (most recent call last):
    ...
    ValueError: pfds[0] = 1.5: a probability must be in (0, 1]
    """
    f = _frequency("initiating_frequency_per_yr", initiating_frequency_per_yr)
    factor = 1.0
    for name, values in (("enabling", enabling), ("modifiers", modifiers), ("pfds", pfds)):
        for p in _probabilities(name, values):
            factor *= p
    return f * factor


def _probability_array(name: str, values, n: int):
    import numpy as np

    a = np.asarray(values, dtype=float)
    if a.ndim == 0:
        a = np.full((n, 1), float(a))
    elif a.ndim == 1:
        if a.shape[0] != n:
            raise ValueError(f"{name} has {a.shape[0]} rows, expected {n} (one per scenario)")
        a = a[:, None]
    elif a.ndim != 2 or a.shape[0] != n:
        raise ValueError(f"{name} must have shape ({n}, K), got {a.shape}")
    present = ~np.isnan(a)
    bad = present & ~((a > 0.0) & (a <= 1.0))
    if np.any(bad):
        i, k = map(int, np.argwhere(bad)[0])
        raise ValueError(f"{name}[{i}, {k}] = {float(a[i, k])!r}: a probability must be in (0, 1]")
    return np.where(present, a, 1.0)


def mitigated_frequency_array(initiating_frequency_per_yr, pfd_matrix, enabling=None,
                              modifiers=None):
    """Vectorised :func:`mitigated_frequency` over N scenarios (numpy).

    Parameters
    ----------
    initiating_frequency_per_yr : array (N,)
    pfd_matrix : array (N, K)
        Row i holds the IPL PFDs of scenario i; pad missing layers with NaN (or 1.0).
    enabling, modifiers : array (N,) or (N, M), optional
        Same padding convention.

    Returns an array (N,) of mitigated frequencies per year.

    >>> mitigated_frequency_array([0.01, 0.1], [[0.1, 0.01], [0.1, float('nan')]])
    array([1.e-05, 1.e-02])
    """
    import numpy as np

    f = np.atleast_1d(np.asarray(initiating_frequency_per_yr, dtype=float))
    if f.ndim != 1:
        raise ValueError(f"initiating_frequency_per_yr must be 1-D, got shape {f.shape}")
    bad = np.isnan(f) | np.isinf(f) | (f < 0)
    if np.any(bad):
        i = int(np.argmax(bad))
        raise ValueError(
            f"initiating_frequency_per_yr[{i}] = {float(f[i])!r}: a frequency must be finite and >= 0"
        )
    n = f.shape[0]
    pfd = np.asarray(pfd_matrix, dtype=float)
    if pfd.size == 0:
        pfd = np.ones((n, 0))
    factor = _probability_array("pfd_matrix", pfd, n).prod(axis=1)
    if enabling is not None:
        factor = factor * _probability_array("enabling", enabling, n).prod(axis=1)
    if modifiers is not None:
        factor = factor * _probability_array("modifiers", modifiers, n).prod(axis=1)
    return f * factor


def demand_rate_at_sif_per_yr(initiating_frequency_per_yr, pfds_before_sif=(), enabling=()) -> float:
    """Demand rate one scenario places on a SIF, per year.

    ::

        D = f_IE x prod(enabling) x prod(PFD of the layers that act BEFORE the SIF)

    Only layers that act earlier in the sequence (e.g. BPCS loop, operator response to an
    alarm set before the trip point) remove demands; layers acting after the SIF (relief valve,
    dike) and conditional modifiers (ignition, presence) do not.

    >>> demand_rate_at_sif_per_yr(0.1, pfds_before_sif=[0.1])
    0.010000000000000002
    """
    return mitigated_frequency(initiating_frequency_per_yr, pfds=pfds_before_sif, enabling=enabling)


def total_demand_rate_per_yr(frequencies_reaching_sif) -> float:
    """Total demand rate on a SIF shared by several scenarios, per year (sum).

    Each term is the demand rate of one scenario at the SIF: its IE frequency times the
    enabling conditions and the PFDs of the layers BEFORE the SIF
    (:func:`demand_rate_at_sif_per_yr`). The total decides the mode of operation
    (:func:`demand_mode`).

    >>> total_demand_rate_per_yr([0.01, 0.1, 0.001])
    0.111
    """
    return _sum("frequencies_reaching_sif", frequencies_reaching_sif)


def demand_mode(demand_rate_per_yr) -> str:
    """``'low'`` when the demand rate is at most once per year, else ``'high'``.

    IEC 61511-1:2016 / IEC 61508-4: low-demand mode when the safety function is demanded no
    more than once per year.

    >>> demand_mode(1.0), demand_mode(1.5)
    ('low', 'high')
    """
    return "low" if _frequency("demand_rate_per_yr", demand_rate_per_yr) <= 1.0 else "high"


def after_sif_probability(modifiers=(), pfds_after_sif=()) -> float:
    """P_after: probability that a demand the SIF fails to stop becomes the consequence.

    ::

        P_after = prod(P_conditional_modifier) x prod(PFD of credited layers acting AFTER the SIF)

    (ignition, presence, fatality probability; relief valve, dike, deluge).  Enabling conditions
    and the layers acting before the SIF are not in it: they are demand terms (they decide how
    often the SIF is demanded, :func:`demand_rate_at_sif_per_yr`), not what follows its failure.

    >>> after_sif_probability(modifiers=[0.3], pfds_after_sif=[0.01])
    0.003
    """
    return mitigated_frequency(1.0, pfds=pfds_after_sif, modifiers=modifiers)


def required_pfh_per_h(tolerable_frequency_per_yr, after_probability=1.0) -> float:
    """PFH a high-demand or continuous-mode SIF must not exceed for one scenario, 1/h.

    ::

        PFH_required = f_tolerable / (8760 h/yr x P_after)

    The rule and its sources.  In high-demand mode the SIF is demanded more than once a year
    (IEC 61508-4:2010 3.5.16; IEC 61511-1:2016 3.2.39.2 [clause numbers recalled]) and in
    continuous mode always, so a dangerous failure meets a demand before a proof test finds it:
    the failure itself starts the scenario.  The scenario frequency is then bounded by the SIF's
    dangerous failure frequency, not by a probability on demand (IEC 61508-6:2010 B.3.3: PFH is
    the average frequency of dangerous failure), and CCPS *Guidelines for Initiating Events and
    Independent Protection Layers in LOPA* (2015, ch. 6 on high-demand IPLs) treats a high-demand
    layer's failure rate as the initiating-event frequency, with only the later layers and
    conditional modifiers credited against it::

        f_scenario = PFH x 8760 x P_after      (P_after: :func:`after_sif_probability`)

    The terms that only reduce the demand -- f_IE, the enabling conditions and the layers acting
    before the SIF -- do not reduce f_scenario (a failed SIF waits for the next demand, however
    rare the enabling state), so they do not enter the target.  Setting f_scenario <=
    f_tolerable gives the equation above.  Example: f_tol = 1e-5/yr, ignition 0.3, PSV after the
    SIF 0.01: 1e-5 / (8760 x 0.003) = 3.81e-7 /h (SIL 1 band of IEC 61508-1:2010 Table 3):

    >>> f"{required_pfh_per_h(1e-5, 0.003):.3g}"
    '3.81e-07'
    """
    f = _frequency("tolerable_frequency_per_yr", tolerable_frequency_per_yr)
    p = _probabilities("after_probability", after_probability)[0]
    return f / (HOURS_PER_YEAR * p)


def summed_frequency(frequencies) -> float:
    """Sum of the mitigated frequencies of several initiating events of one consequence.

    Used when the tolerable frequency applies per consequence rather than per
    cause-consequence pair (CCPS LOPA 2001, summing of scenarios).

    >>> summed_frequency([1e-5, 1e-5, 5e-6])
    2.5e-05
    """
    return _sum("frequencies", frequencies)


def _sum(name: str, values) -> float:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise ValueError(f"{name} must be an iterable of frequencies, got {values!r}")
    return math.fsum(_frequency(f"{name}[{i}]", v) for i, v in enumerate(values))
