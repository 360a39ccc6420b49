"""Average probability of failure on demand (PFDavg) of a SIF subsystem, low-demand mode.

Simplified equations of IEC 61508-6:2010, Annex B.3.2.2 (low-demand mode, one subsystem
= one voted group of identical channels). Symbols and units:

=================  ==========================================================  =======
symbol             meaning                                                     unit
=================  ==========================================================  =======
lambda_DU          dangerous undetected failure rate of one channel            1/h
lambda_DD          dangerous detected failure rate of one channel              1/h
lambda_D           lambda_DU + lambda_DD                                       1/h
T1                 proof-test interval                                         h
MRT                mean repair time (failure revealed by the proof test)       h
MTTR               mean time to restoration (failure revealed by diagnostics)  h
beta, beta_D       common-cause factors, undetected / detected failures        --
PTC                proof-test coverage (fraction of lambda_DU revealed)        --
LT                 mission time (all failures revealed at the latest at LT)    h
=================  ==========================================================  =======

Equations (perfect proof test, PTC = 1), IEC 61508-6:2010 B.3.2.2::

    t_CE  = (lambda_DU/lambda_D)(T1/2 + MRT) + (lambda_DD/lambda_D) MTTR
    t_GE  = (lambda_DU/lambda_D)(T1/3 + MRT) + (lambda_DD/lambda_D) MTTR
    t_G2E = (lambda_DU/lambda_D)(T1/4 + MRT) + (lambda_DD/lambda_D) MTTR

    1oo1: PFD = lambda_D t_CE
    1oo2: PFD = 2 ((1-beta_D) lambda_DD + (1-beta) lambda_DU)^2 t_CE t_GE
                + beta_D lambda_DD MTTR + beta lambda_DU (T1/2 + MRT)
    2oo2: PFD = 2 lambda_D t_CE
    2oo3: PFD = 6 ((1-beta_D) lambda_DD + (1-beta) lambda_DU)^2 t_CE t_GE
                + beta_D lambda_DD MTTR + beta lambda_DU (T1/2 + MRT)
    1oo3: PFD = 6 ((1-beta_D) lambda_DD + (1-beta) lambda_DU)^3 t_CE t_GE t_G2E
                + beta_D lambda_DD MTTR + beta lambda_DU (T1/2 + MRT)

Beware of secondary sources that swap T1/3 and T1/4 or drop the beta_D lambda_DD MTTR term.
The equations are first-order approximations, valid while lambda * T1 << 1 (say PFD < 0.1).

Imperfect proof test (PTC < 1)
------------------------------
The common-practice form for a single channel is ::

    PFD ~ PTC lambda_DU T1/2 + (1 - PTC) lambda_DU LT/2

pse generalises it by splitting lambda_DU into two failure classes inside the IEC mean down
times: the part revealed by the proof test, lambda_DU,c = PTC lambda_DU (mean down time
T1/2 + MRT, as in the standard), and the part revealed only at the end of the mission time,
lambda_DU,u = (1 - PTC) lambda_DU (mean down time LT/2; no MRT is added, it is negligible
beside LT/2). By the same argument the standard uses for T1 (mean of t, t^2/T1, t^3/T1^2 over
an interval), LT/3 and LT/4 enter t_GE and t_G2E::

    t_CE  = [lambda_DU,c (T1/2 + MRT) + lambda_DU,u LT/2 + lambda_DD MTTR] / lambda_D
    t_GE  = [lambda_DU,c (T1/3 + MRT) + lambda_DU,u LT/3 + lambda_DD MTTR] / lambda_D
    t_G2E = [lambda_DU,c (T1/4 + MRT) + lambda_DU,u LT/4 + lambda_DD MTTR] / lambda_D
    common-cause DU term: beta [lambda_DU,c (T1/2 + MRT) + lambda_DU,u LT/2]

and the architecture equations above are used unchanged. Per architecture this gives:

* 1oo1: PFD = PTC lambda_DU (T1/2 + MRT) + (1-PTC) lambda_DU LT/2 + lambda_DD MTTR, i.e. the
  common-practice formula plus the IEC repair terms (exact reduction, see the doctest below).
* 2oo2: twice the 1oo1 value.
* 1oo2, 2oo3, 1oo3: the independent term uses the extended t_CE, t_GE, t_G2E; the common-cause
  term uses the split above.

This is an approximation made by pse, not an equation of IEC 61508-6. It is equal to the
simpler additive split "equation with T1 for the covered rate + equation with T1 := LT for
the uncovered rate" plus the cross terms (one channel failed with a covered failure, the other
with an uncovered one), which the additive split omits; for redundant architectures the cross
terms are of the same order as the other independent terms (e.g. 1oo2, lambda_DU = 1e-6/h,
PTC = 0.9, T1 = 1 yr, LT = 10 yr: additive split 4.6e-5, with cross terms 9.2e-5), so omitting
them is not conservative. Both reduce to the IEC equations when PTC = 1. A Markov or
multi-phase model (IEC 61508-6 B.5, ISO/TR 12489) is the reference when the result matters.

Vectorisation
-------------
Every numeric argument may be a numpy array (broadcast together), e.g. samples of lambda_DU
for Monte Carlo; the result is then an array of the broadcast shape. With scalar arguments
the result is a Python float.
"""

from __future__ import annotations

import numpy as np

from pse.lopa.pfd_inputs import ARCHITECTURES, _check_architecture, _Inputs, _inputs, _out, scalar_inputs
from pse.lopa.pfd_symbolic import pfd_equation, pfd_equation_substituted

__all__ = [
    "ARCHITECTURES",
    "t_ce_h",
    "t_ge_h",
    "t_g2e_h",
    "pfd_1oo1",
    "pfd_1oo2",
    "pfd_2oo2",
    "pfd_2oo3",
    "pfd_1oo3",
    "pfd_avg",
    "pfd_avg_vectorised",
    "pfd_equation",
    "pfd_equation_substituted",
]

def _group(lambda_du, lambda_dd, proof_test_interval_h, mttr_h, mrt_h, beta, beta_d, proof_test_coverage,
           mission_time_h):
    """Plain floats (fast path) when every argument is a number and PTC = 1, else numpy arrays."""
    fast = scalar_inputs(lambda_du, lambda_dd, proof_test_interval_h, mttr_h, mrt_h, beta, beta_d,
                         proof_test_coverage)
    if fast is not None:
        return fast
    return _inputs(lambda_du, lambda_dd, proof_test_interval_h, mttr_h, mrt_h, beta, beta_d,
                   proof_test_coverage, mission_time_h)


def _result(x):
    return x if type(x) is float else _out(x)


# ---------------------------------------------------------------------------------------------
# equivalent mean down times
# ---------------------------------------------------------------------------------------------


def t_ce_h(lambda_du, lambda_dd, proof_test_interval_h, mttr_h=8.0, mrt_h=None, *,
           proof_test_coverage=1.0, mission_time_h=None):
    """Channel equivalent mean down time t_CE, in hours.

    IEC 61508-6:2010 B.3.2.2.1::

        t_CE = (lambda_DU/lambda_D)(T1/2 + MRT) + (lambda_DD/lambda_D) MTTR

    Rates in 1/h, times in h; ``mrt_h=None`` means MRT = MTTR. With ``proof_test_coverage`` < 1
    the uncovered part of lambda_DU has mean down time LT/2 (see the module docstring).

    >>> round(t_ce_h(5e-8, 4.5e-7, 8760, 8), 3)
    446.0
    """
    s = _group(lambda_du, lambda_dd, proof_test_interval_h, mttr_h, mrt_h, 0.0, None,
                proof_test_coverage, mission_time_h)
    return _result(s.mean_down_time(2.0))


def t_ge_h(lambda_du, lambda_dd, proof_test_interval_h, mttr_h=8.0, mrt_h=None, *,
           proof_test_coverage=1.0, mission_time_h=None):
    """Voted-group equivalent mean down time t_GE (two channels), in hours.

    IEC 61508-6:2010 B.3.2.2.2::

        t_GE = (lambda_DU/lambda_D)(T1/3 + MRT) + (lambda_DD/lambda_D) MTTR

    >>> round(t_ge_h(5e-8, 4.5e-7, 8760, 8), 3)
    300.0
    """
    s = _group(lambda_du, lambda_dd, proof_test_interval_h, mttr_h, mrt_h, 0.0, None,
                proof_test_coverage, mission_time_h)
    return _result(s.mean_down_time(3.0))


def t_g2e_h(lambda_du, lambda_dd, proof_test_interval_h, mttr_h=8.0, mrt_h=None, *,
            proof_test_coverage=1.0, mission_time_h=None):
    """Voted-group equivalent mean down time t_G2E (three channels, 1oo3), in hours.

    IEC 61508-6:2010 B.3.2.2.5::

        t_G2E = (lambda_DU/lambda_D)(T1/4 + MRT) + (lambda_DD/lambda_D) MTTR

    >>> round(t_g2e_h(5e-8, 4.5e-7, 8760, 8), 3)
    227.0
    """
    s = _group(lambda_du, lambda_dd, proof_test_interval_h, mttr_h, mrt_h, 0.0, None,
                proof_test_coverage, mission_time_h)
    return _result(s.mean_down_time(4.0))


# ---------------------------------------------------------------------------------------------
# architectures
# ---------------------------------------------------------------------------------------------


def _pfd_1oo1(s: _Inputs) -> np.ndarray:
    return s.down_time_sum(2.0)  # = lambda_D t_CE


def _pfd_2oo2(s: _Inputs) -> np.ndarray:
    return 2.0 * s.down_time_sum(2.0)


def _pfd_1oo2(s: _Inputs) -> np.ndarray:
    x = s.independent_rate()
    return 2.0 * x**2 * s.mean_down_time(2.0) * s.mean_down_time(3.0) + s.common_cause()


def _pfd_2oo3(s: _Inputs) -> np.ndarray:
    x = s.independent_rate()
    return 6.0 * x**2 * s.mean_down_time(2.0) * s.mean_down_time(3.0) + s.common_cause()


def _pfd_1oo3(s: _Inputs) -> np.ndarray:
    x = s.independent_rate()
    return (
        6.0 * x**3 * s.mean_down_time(2.0) * s.mean_down_time(3.0) * s.mean_down_time(4.0)
        + s.common_cause()
    )


_EQUATIONS = {
    "1oo1": _pfd_1oo1,
    "1oo2": _pfd_1oo2,
    "2oo2": _pfd_2oo2,
    "2oo3": _pfd_2oo3,
    "1oo3": _pfd_1oo3,
}


def pfd_1oo1(lambda_du, lambda_dd=0.0, *, proof_test_interval_h, mttr_h=8.0, mrt_h=None,
             proof_test_coverage=1.0, mission_time_h=None):
    """PFDavg of a 1oo1 subsystem (IEC 61508-6:2010 B.3.2.2.1).

    ::

        PFD_1oo1 = lambda_D t_CE = lambda_DU (T1/2 + MRT) + lambda_DD MTTR

    with PTC < 1: ``PTC lambda_DU (T1/2 + MRT) + (1-PTC) lambda_DU LT/2 + lambda_DD MTTR``.
    Rates in 1/h, times in h. IEC 61508-6 Table B.3 (lambda = 1e-6/h, DC = 0, T1 = 1 yr,
    MTTR = 8 h) prints 2.2E-03:

    >>> f"{pfd_1oo1(5e-7, 0.0, proof_test_interval_h=8760):.1e}"
    '2.2e-03'
    >>> pfd_1oo1(1e-6, proof_test_interval_h=8760, mrt_h=0, proof_test_coverage=0.9,
    ...          mission_time_h=87600) == 0.9e-6 * 4380 + 0.1e-6 * 43800
    True
    """
    s = _group(lambda_du, lambda_dd, proof_test_interval_h, mttr_h, mrt_h, 0.0, None,
                proof_test_coverage, mission_time_h)
    return _result(_pfd_1oo1(s))


def pfd_2oo2(lambda_du, lambda_dd=0.0, *, proof_test_interval_h, mttr_h=8.0, mrt_h=None,
             proof_test_coverage=1.0, mission_time_h=None):
    """PFDavg of a 2oo2 subsystem (IEC 61508-6:2010 B.3.2.2.3): ``2 lambda_D t_CE``.

    Either channel failing dangerously defeats the function, so the value is twice 1oo1.

    >>> f"{pfd_2oo2(5e-7, 0.0, proof_test_interval_h=8760):.1e}"
    '4.4e-03'
    """
    s = _group(lambda_du, lambda_dd, proof_test_interval_h, mttr_h, mrt_h, 0.0, None,
                proof_test_coverage, mission_time_h)
    return _result(_pfd_2oo2(s))


def pfd_1oo2(lambda_du, lambda_dd=0.0, *, proof_test_interval_h, mttr_h=8.0, mrt_h=None,
             beta=0.0, beta_d=None, proof_test_coverage=1.0, mission_time_h=None):
    """PFDavg of a 1oo2 subsystem (IEC 61508-6:2010 B.3.2.2.2).

    ::

        PFD_1oo2 = 2 ((1-beta_D) lambda_DD + (1-beta) lambda_DU)^2 t_CE t_GE
                   + beta_D lambda_DD MTTR + beta lambda_DU (T1/2 + MRT)

    ``beta_d=None`` means beta/2. IEC 61508-6 Table B.3 (lambda = 1e-6/h, DC = 90 %,
    beta = 2 %, beta_D = 1 %, T1 = 1 yr, MTTR = 8 h) prints 4.5E-06:

    >>> f"{pfd_1oo2(5e-8, 4.5e-7, proof_test_interval_h=8760, beta=0.02):.1e}"
    '4.5e-06'
    """
    s = _group(lambda_du, lambda_dd, proof_test_interval_h, mttr_h, mrt_h, beta, beta_d,
                proof_test_coverage, mission_time_h)
    return _result(_pfd_1oo2(s))


def pfd_2oo3(lambda_du, lambda_dd=0.0, *, proof_test_interval_h, mttr_h=8.0, mrt_h=None,
             beta=0.0, beta_d=None, proof_test_coverage=1.0, mission_time_h=None):
    """PFDavg of a 2oo3 subsystem (IEC 61508-6:2010 B.3.2.2.4).

    ::

        PFD_2oo3 = 6 ((1-beta_D) lambda_DD + (1-beta) lambda_DU)^2 t_CE t_GE
                   + beta_D lambda_DD MTTR + beta lambda_DU (T1/2 + MRT)

    IEC 61508-6 Table B.3 (lambda = 1e-6/h, DC = 90 %, beta = 2 %, T1 = 1 yr) prints 4.6E-06:

    >>> f"{pfd_2oo3(5e-8, 4.5e-7, proof_test_interval_h=8760, beta=0.02):.1e}"
    '4.6e-06'
    """
    s = _group(lambda_du, lambda_dd, proof_test_interval_h, mttr_h, mrt_h, beta, beta_d,
                proof_test_coverage, mission_time_h)
    return _result(_pfd_2oo3(s))


def pfd_1oo3(lambda_du, lambda_dd=0.0, *, proof_test_interval_h, mttr_h=8.0, mrt_h=None,
             beta=0.0, beta_d=None, proof_test_coverage=1.0, mission_time_h=None):
    """PFDavg of a 1oo3 subsystem (IEC 61508-6:2010 B.3.2.2.5).

    ::

        PFD_1oo3 = 6 ((1-beta_D) lambda_DD + (1-beta) lambda_DU)^3 t_CE t_GE t_G2E
                   + beta_D lambda_DD MTTR + beta lambda_DU (T1/2 + MRT)

    Without common cause and with lambda_DD = 0, MRT = 0 it reduces to (lambda_DU T1)^3 / 4:

    >>> x = pfd_1oo3(1e-6, proof_test_interval_h=8760, mrt_h=0)
    >>> abs(x - (1e-6 * 8760) ** 3 / 4) < 1e-18
    True
    """
    s = _group(lambda_du, lambda_dd, proof_test_interval_h, mttr_h, mrt_h, beta, beta_d,
                proof_test_coverage, mission_time_h)
    return _result(_pfd_1oo3(s))


def pfd_avg(architecture, lambda_du, lambda_dd=0.0, *, proof_test_interval_h, mttr_h=8.0,
            mrt_h=None, beta=0.0, beta_d=None, proof_test_coverage=1.0, mission_time_h=None):
    """PFDavg of one subsystem (voted group) by the IEC 61508-6:2010 B.3.2.2 equations.

    Parameters
    ----------
    architecture : str
        One of ``1oo1``, ``1oo2``, ``2oo2``, ``2oo3``, ``1oo3``.
    lambda_du, lambda_dd : float or array
        Dangerous undetected / detected failure rate of ONE channel, 1/h.
    proof_test_interval_h : float or array
        T1, h (> 0).
    mttr_h : float
        Mean time to restoration after a detected failure, h (default 8 h as in the IEC tables).
    mrt_h : float, optional
        Mean repair time after a proof-test-revealed failure, h; ``None`` = MTTR.
    beta, beta_d : float
        Common-cause factors in [0, 1]; ``beta_d=None`` = beta/2 (IEC tables convention).
        Ignored for 1oo1 and 2oo2.
    proof_test_coverage : float
        PTC in [0, 1]; below 1 ``mission_time_h`` is required (module docstring).
    mission_time_h : float, optional
        LT, h, >= T1.

    Returns
    -------
    float, or numpy array when any argument is an array (broadcast shape).

    The system value is the sum over subsystems (IEC 61508-6 B.3.2.1):
    PFD_SIF = PFD_sensors + PFD_logic + PFD_final_elements.

    >>> f"{pfd_avg('1oo2', 5e-8, 4.5e-7, proof_test_interval_h=8760, beta=0.1):.1e}"
    '2.2e-05'
    >>> pfd_avg('1oo4', 1e-6, proof_test_interval_h=8760)
    Traceback (most recent call last):
    ...
    ValueError: unknown architecture '1oo4' (1oo1, 1oo2, 2oo2, 2oo3, 1oo3)
    """
    equation = _EQUATIONS.get(architecture)
    if equation is None:
        _check_architecture(architecture)
    s = _group(lambda_du, lambda_dd, proof_test_interval_h, mttr_h, mrt_h, beta, beta_d,
               proof_test_coverage, mission_time_h)
    return _result(equation(s))


def pfd_avg_vectorised(architecture, lambda_du, lambda_dd=0.0, **kwargs) -> np.ndarray:
    """:func:`pfd_avg` that always returns a numpy array (for Monte Carlo sampling).

    All numeric arguments broadcast together (e.g. an array of lambda_DU samples against a
    scalar T1).

    >>> pfd_avg_vectorised('1oo1', [1e-6, 2e-6], proof_test_interval_h=8760, mttr_h=0)
    array([0.00438, 0.00876])
    """
    return np.atleast_1d(np.asarray(pfd_avg(architecture, lambda_du, lambda_dd, **kwargs)))
