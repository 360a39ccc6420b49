"""Symbolic (sympy) form of the IEC 61508-6:2010 B.3.2.2 PFDavg equations, for verification reports.

sympy is imported inside the functions, so importing this module costs nothing.
"""

from __future__ import annotations

from pse.lopa.pfd_inputs import _check_architecture

__all__ = ["pfd_equation", "pfd_equation_substituted"]


_SYMBOL_NAMES = ("lambda_DU", "lambda_DD", "T1", "MTTR", "MRT", "beta", "beta_D")


def _symbols():
    import sympy

    return {name: sympy.Symbol(name, nonnegative=True) for name in _SYMBOL_NAMES}


def pfd_equation(architecture):
    """The IEC 61508-6:2010 B.3.2.2 equation of ``architecture`` as a sympy expression.

    Symbols: ``lambda_DU, lambda_DD, T1, MTTR, MRT, beta, beta_D`` (perfect proof test; the
    PTC extension is numeric only). t_CE, t_GE, t_G2E are written out.

    >>> print(pfd_equation('1oo1'))
    MTTR*lambda_DD + lambda_DU*(MRT + T1/2)
    """
    _check_architecture(architecture)
    s = _symbols()
    du, dd, t1, mttr, mrt = s["lambda_DU"], s["lambda_DD"], s["T1"], s["MTTR"], s["MRT"]
    beta, beta_d = s["beta"], s["beta_D"]
    lam_d = du + dd

    def t_eq(div):
        return du / lam_d * (t1 / div + mrt) + dd / lam_d * mttr

    x = (1 - beta_d) * dd + (1 - beta) * du
    ccf = beta_d * dd * mttr + beta * du * (t1 / 2 + mrt)
    if architecture == "1oo1":
        return du * (t1 / 2 + mrt) + dd * mttr  # lambda_D t_CE with lambda_D cancelled
    if architecture == "2oo2":
        return 2 * (du * (t1 / 2 + mrt) + dd * mttr)
    if architecture == "1oo2":
        return 2 * x**2 * t_eq(2) * t_eq(3) + ccf
    if architecture == "2oo3":
        return 6 * x**2 * t_eq(2) * t_eq(3) + ccf
    return 6 * x**3 * t_eq(2) * t_eq(3) * t_eq(4) + ccf  # 1oo3


def pfd_equation_substituted(architecture, *, lambda_du, lambda_dd=0.0, proof_test_interval_h,
                             mttr_h=8.0, mrt_h=None, beta=0.0, beta_d=None, digits=4):
    """The equation of ``architecture`` symbolically and with the numbers substituted.

    Returns ``(latex_symbolic, text_with_numbers, value)``: a LaTeX string of the symbolic
    equation, a plain-text string of the same expression with every symbol replaced by its
    value (``digits`` significant figures, not evaluated), and the float value (computed by
    :func:`pfd_avg`; the tests check it against the sympy evaluation of the expression).

    >>> latex, text, value = pfd_equation_substituted(
    ...     '1oo1', lambda_du=5e-7, proof_test_interval_h=8760, mttr_h=8)
    >>> print(text)
    8*0 + 5e-7*(8 + 8760/2)
    >>> f"{value:.3e}"
    '2.194e-03'
    """
    import sympy

    expr = pfd_equation(architecture)
    mrt = mttr_h if mrt_h is None else mrt_h
    bd = beta / 2.0 if beta_d is None else beta_d
    values = {
        "lambda_DU": lambda_du,
        "lambda_DD": lambda_dd,
        "T1": proof_test_interval_h,
        "MTTR": mttr_h,
        "MRT": mrt,
        "beta": beta,
        "beta_D": bd,
    }
    from pse.lopa.pfd import pfd_avg

    value = pfd_avg(architecture, lambda_du, lambda_dd, proof_test_interval_h=proof_test_interval_h,
                    mttr_h=mttr_h, mrt_h=mrt, beta=beta, beta_d=bd)
    import re

    pattern = re.compile(r"\b(" + "|".join(sorted(values, key=len, reverse=True)) + r")\b")
    text = pattern.sub(lambda m: _number(values[m.group(1)], digits), sympy.sstr(expr))
    return sympy.latex(expr), text, float(value)


def _number(value: float, digits: int) -> str:
    """``5e-08`` -> ``5e-8``, ``8760.0`` -> ``8760``: compact numbers for reports."""
    text = f"{float(value):.{digits}g}"
    if "e" in text:
        mant, exp = text.split("e")
        text = f"{mant}e{int(exp)}"
    return text
