"""Average frequency of dangerous failure (PFH) of a SIF subsystem, high-demand / continuous mode.

Simplified equations of IEC 61508-6:2010, Annex B.3.3 (one subsystem = one voted group of
identical channels; symbols and units as in :mod:`pse.lopa.pfd`, PFH in 1/h)::

    x = (1-beta_D) lambda_DD + (1-beta) lambda_DU        (independent dangerous rate, 1/h)

    1oo1: PFH = lambda_DU                                             (B.3.3.2.1)
    1oo2: PFH = 2 x (1-beta) lambda_DU t_CE + beta lambda_DU          (B.3.3.2.2)
    2oo2: PFH = 2 lambda_DU                                           (B.3.3.2.3)
    2oo3: PFH = 6 x (1-beta) lambda_DU t_CE + beta lambda_DU          (B.3.3.2.5)
    1oo3: PFH = 6 x^2 (1-beta) lambda_DU t_CE t_GE + beta lambda_DU   (pse: the same pattern
          extended to three channels, as in the low-demand 1oo3)

with t_CE, t_GE the equivalent mean down times of B.3.2.2 (:func:`pse.lopa.pfd.t_ce_h`).  The
dangerous detected failures are assumed to bring the process to the safe state (the detected
part enters only through the down time of the other channels).  The equations hold while
lambda x T1 << 1.  The clause numbers and the equation forms were recalled, not read in the
standard (checked: false); the tests check the code against these equations by hand.

With a proof-test coverage below 1 the down times use the pse extension of :mod:`pse.lopa.pfd`.
"""

from __future__ import annotations

from typing import Any

from pse.lopa.pfd import _check_architecture, _Inputs, _inputs, _out

__all__ = ["pfh", "pfh_equation", "pfh_equation_substituted"]


def _pfh_1oo1(s: _Inputs):
    return s.du


def _pfh_2oo2(s: _Inputs):
    return 2.0 * s.du


def _pfh_1oo2(s: _Inputs):
    return 2.0 * s.independent_rate() * (1.0 - s.beta) * s.du * s.mean_down_time(2.0) + s.beta * s.du


def _pfh_2oo3(s: _Inputs):
    return 6.0 * s.independent_rate() * (1.0 - s.beta) * s.du * s.mean_down_time(2.0) + s.beta * s.du


def _pfh_1oo3(s: _Inputs):
    x = s.independent_rate()
    return 6.0 * x**2 * (1.0 - s.beta) * s.du * s.mean_down_time(2.0) * s.mean_down_time(3.0) + s.beta * s.du


_EQUATIONS = {"1oo1": _pfh_1oo1, "1oo2": _pfh_1oo2, "2oo2": _pfh_2oo2, "2oo3": _pfh_2oo3, "1oo3": _pfh_1oo3}


def pfh(architecture, lambda_du, lambda_dd=0.0, *, proof_test_interval_h, mttr_h=8.0, mrt_h=None,
        beta=0.0, beta_d=None, proof_test_coverage=1.0, mission_time_h=None) -> Any:
    """PFH of one voted group, 1/h (IEC 61508-6:2010 B.3.3; arguments as :func:`pse.lopa.pfd.pfd_avg`).

    1oo1 is lambda_DU; 1oo2 with lambda_DU = 5e-7/h, no detected failures, beta = 0, T1 = 1 yr,
    MRT = 8 h: 2 x 5e-7 x 5e-7 x (4380 + 8) = 2.194e-9 /h:

    >>> pfh('1oo1', 5e-7, proof_test_interval_h=8760)
    5e-07
    >>> f"{pfh('1oo2', 5e-7, proof_test_interval_h=8760):.4g}"
    '2.194e-09'
    """
    _check_architecture(architecture)
    s = _inputs(lambda_du, lambda_dd, proof_test_interval_h, mttr_h, mrt_h, beta, beta_d,
                proof_test_coverage, mission_time_h)
    return _out(_EQUATIONS[architecture](s))


def pfh_equation(architecture):
    """The B.3.3 equation of ``architecture`` as a sympy expression (symbols as :func:`pse.lopa.pfd.pfd_equation`).

    >>> print(pfh_equation('2oo2'))
    2*lambda_DU
    """
    import sympy

    from pse.lopa.pfd import _symbols

    _check_architecture(architecture)
    s = _symbols()
    du, dd, t1, mttr, mrt = s["lambda_DU"], s["lambda_DD"], s["T1"], s["MTTR"], s["MRT"]
    beta, beta_d = s["beta"], s["beta_D"]
    lam_d = du + dd

    def t_eq(div):
        return du / lam_d * (t1 / div + mrt) + dd / lam_d * mttr

    x = (1 - beta_d) * dd + (1 - beta) * du
    if architecture == "1oo1":
        return du
    if architecture == "2oo2":
        return sympy.Integer(2) * du
    factor = {"1oo2": 2, "2oo3": 6}.get(architecture)
    if factor:
        return factor * x * (1 - beta) * du * t_eq(2) + beta * du
    return 6 * x**2 * (1 - beta) * du * t_eq(2) * t_eq(3) + beta * du  # 1oo3


def pfh_equation_substituted(architecture, *, lambda_du, lambda_dd=0.0, proof_test_interval_h, mttr_h=8.0,
                             mrt_h=None, beta=0.0, beta_d=None, digits=4):
    """``(latex_symbolic, text_with_numbers, value)`` of the PFH equation (as the PFDavg one).

    >>> print(pfh_equation_substituted('1oo1', lambda_du=5e-7, proof_test_interval_h=8760)[1])
    5e-7
    """
    import re

    import sympy

    from pse.lopa.pfd import _number

    expr = pfh_equation(architecture)
    mrt = mttr_h if mrt_h is None else mrt_h
    bd = beta / 2.0 if beta_d is None else beta_d
    values = {"lambda_DU": lambda_du, "lambda_DD": lambda_dd, "T1": proof_test_interval_h, "MTTR": mttr_h,
              "MRT": mrt, "beta": beta, "beta_D": bd}
    value = pfh(architecture, lambda_du, lambda_dd, proof_test_interval_h=proof_test_interval_h, mttr_h=mttr_h,
                mrt_h=mrt, beta=beta, beta_d=bd)
    pattern = re.compile(r"\b(" + "|".join(sorted(values, key=len, reverse=True)) + r")\b")
    text = pattern.sub(lambda m: _number(values[m.group(1)], digits), sympy.sstr(expr))
    return sympy.latex(expr), text, float(value)
