"""Average frequency of dangerous failure (PFH) of a SIF subsystem, high-demand / continuous mode.

Simplified equations of IEC 61508-6:2010, Annex B.3.3.2 (one subsystem = one voted group of
identical channels; symbols and units as in :mod:`pse.lopa.pfd`, PFH in 1/h)::

    x = (1-beta_D) lambda_DD + (1-beta) lambda_DU        (independent dangerous rate, 1/h)

    1oo1:  PFH = lambda_DU                                               (B.3.3.2.1)
    1oo2:  PFH = 2 x (1-beta) lambda_DU t_CE + beta lambda_DU            (B.3.3.2.2)
    2oo2:  PFH = 2 lambda_DU                                             (B.3.3.2.3)
    1oo2D: PFH = 2 (1-beta) lambda_DU (x + lambda_SD) t'_CE
                 + 2 (1-K) lambda_DD + beta lambda_DU                    (B.3.3.2.4)
           t'_CE = [lambda_DU (T1/2 + MRT) + (lambda_DD + lambda_SD) MTTR]
                   / (lambda_DU + lambda_DD + lambda_SD)
    2oo3:  PFH = 6 x (1-beta) lambda_DU t_CE + beta lambda_DU            (B.3.3.2.5)
    1oo3:  PFH = 6 x^2 (1-beta) lambda_DU t_CE t_GE + beta lambda_DU     (B.3.3.2.6)

with t_CE, t_GE the equivalent mean down times of B.3.2.2 (:func:`pse.lopa.pfd.t_ce_h`),
lambda_SD the safe detected failure rate of one channel and K the fraction of the 1oo2D
diagnostic tests that succeed in switching to the working channel.  The dangerous detected
failures of the last working channel bring the process to the safe state, so they do not
count (only the 1oo2D term 2 (1-K) lambda_DD does).  The equations hold while lambda x T1 << 1.

What was checked, against what (data/pfh_equations.yaml keeps the same record per equation):

* the forms of 1oo1, 1oo2, 2oo2, 1oo2D, 2oo3 and 1oo3 were compared term by term with a
  transcription of IEC 61508-6:2010 / NF EN 61508-6:2011 Annex B.3.3.2 (clauses B.3.3.2.1 to
  B.3.3.2.6) published in an open-source SIL engine (sil-engine, file
  ``11_IEC_FORMULAS_COMPLETE.md``), and the 1oo2 form with the same engine's implementation
  citing B.3.3.2.2 and Rausand & Lundteigen (NTNU), *Calculation of PFH*, ch. 8-9 slides;
* 1oo1, 1oo2, 2oo2 and 2oo3 reproduce the values of IEC 61508-6:2010 Table B.10 (T1 = 730 h,
  MTTR = MRT = 8 h, beta = 2 beta_D) as printed in that transcription, to the two significant
  figures of the table (tests/lopa/test_pfh.py);
* 1oo2D and 1oo3 are checked against the transcribed equations only (no table value was
  available), so their entries are ``checked: false``.

The standard itself was not read; the transcription is a secondary source.

With a proof-test coverage below 1 the down times use the pse extension of :mod:`pse.lopa.pfd`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from pse.lopa.pfd_inputs import _check_architecture, _fraction, _Inputs, _inputs, _non_negative, _out

__all__ = ["PFH_ARCHITECTURES", "pfh", "pfh_1oo2d", "pfh_equation", "pfh_equation_substituted",
           "pfh_equation_record"]

PFH_ARCHITECTURES = ("1oo1", "1oo2", "2oo2", "1oo2D", "2oo3", "1oo3")


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
    """PFH of one voted group, 1/h (IEC 61508-6:2010 B.3.3.2; arguments as :func:`pse.lopa.pfd.pfd_avg`).

    1oo1 is lambda_DU; 1oo2 with lambda_DU = 5e-7/h, no detected failures, beta = 0, T1 = 1 yr,
    MRT = 8 h: 2 x 5e-7 x 5e-7 x (4380 + 8) = 2.194e-9 /h.  1oo2D needs lambda_SD and K: use
    :func:`pfh_1oo2d`.

    >>> pfh('1oo1', 5e-7, proof_test_interval_h=8760)
    5e-07
    >>> f"{pfh('1oo2', 5e-7, proof_test_interval_h=8760):.4g}"
    '2.194e-09'
    """
    _check_architecture(architecture)
    s = _inputs(lambda_du, lambda_dd, proof_test_interval_h, mttr_h, mrt_h, beta, beta_d,
                proof_test_coverage, mission_time_h)
    return _out(_EQUATIONS[architecture](s))


def pfh_1oo2d(lambda_du, lambda_dd=0.0, lambda_sd=0.0, *, k, proof_test_interval_h, mttr_h=8.0, mrt_h=None,
              beta=0.0, beta_d=None, proof_test_coverage=1.0, mission_time_h=None) -> Any:
    """PFH of a 1oo2D group, 1/h (IEC 61508-6:2010 B.3.3.2.4)::

        PFH = 2 (1-beta) lambda_DU [(1-beta_D) lambda_DD + (1-beta) lambda_DU + lambda_SD] t'_CE
              + 2 (1-K) lambda_DD + beta lambda_DU
        t'_CE = [lambda_DU (T1/2 + MRT) + (lambda_DD + lambda_SD) MTTR] / (lambda_DU + lambda_DD + lambda_SD)

    ``lambda_sd``: safe detected failure rate of one channel, 1/h; ``k``: fraction of the
    diagnostic tests that switch to the working channel (the IEC tables use K = 0.98).  With
    lambda_DU = 2e-7, lambda_DD = 8e-7, lambda_SD = 0, K = 0.98, beta = 0.02, T1 = 1 yr, MRT = MTTR = 8 h
    by hand: t'_CE = (2e-7 x 4388 + 8e-7 x 8) / 1e-6 = 884.0 h, x = 0.99 x 8e-7 + 0.98 x 2e-7 =
    9.88e-7/h, PFH = 2 x 0.98 x 2e-7 x 9.88e-7 x 884.0 + 2 x 0.02 x 8e-7 + 0.02 x 2e-7 =
    3.424e-10 + 3.2e-8 + 4e-9 = 3.634e-8 /h:

    >>> f"{pfh_1oo2d(2e-7, 8e-7, 0.0, k=0.98, proof_test_interval_h=8760, beta=0.02):.4g}"
    '3.634e-08'
    """
    s = _inputs(lambda_du, lambda_dd, proof_test_interval_h, mttr_h, mrt_h, beta, beta_d,
                proof_test_coverage, mission_time_h)
    sd = _non_negative("lambda_sd", lambda_sd)
    k_ = _fraction("k", k)
    total = s.d + sd
    safe_total = total + (total == 0)
    t_ce_prime = (s.down_time_sum(2.0) + sd * s.mttr) / safe_total
    independent = 2.0 * (1.0 - s.beta) * s.du * (s.independent_rate() + sd) * t_ce_prime
    return _out(independent + 2.0 * (1.0 - k_) * s.dd + s.beta * s.du)


def pfh_equation_record(architecture: str) -> dict:
    """What was checked for the PFH equation of ``architecture``: source, edition, checked, checked_against.

    Read from ``pse/lopa/data/pfh_equations.yaml``.

    >>> pfh_equation_record('1oo2')['checked'], pfh_equation_record('1oo3')['checked']
    (True, False)
    """
    data = _equation_records()
    if architecture not in data["entries"]:
        raise ValueError(f"unknown architecture {architecture!r} ({', '.join(data['entries'])})")
    entry = dict(data["entries"][architecture])
    entry.setdefault("edition", data["edition"])
    return entry


@cache
def _equation_records() -> dict:
    from pse.packagedata import load_package_yaml

    return load_package_yaml((Path(__file__).parent / "data" / "pfh_equations.yaml").read_text(encoding="utf-8"))


def pfh_equation(architecture):
    """The B.3.3.2 equation of ``architecture`` as a sympy expression (symbols as :func:`pse.lopa.pfd.pfd_equation`).

    >>> print(pfh_equation('2oo2'))
    2*lambda_DU
    """
    import sympy

    from pse.lopa.pfd_symbolic import _symbols

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

    from pse.lopa.pfd_symbolic import _number

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
