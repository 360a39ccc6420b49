"""Validated inputs of one voted group for the IEC 61508-6:2010 Annex B.3 equations (internal).

Two routes share the same checks and the same arithmetic:

* :class:`_Inputs` -- numpy arrays, broadcast together (Monte Carlo, tables of SIFs);
* :func:`scalar_inputs` -- plain Python floats, for one call at a time (``pfd_avg`` in a loop or a
  notebook). It returns ``None`` when any argument is not a plain number or the proof test is
  imperfect, and the caller falls back to the array route.

Both raise the same ``ValueError`` messages for impossible inputs (negative rates, T1 <= 0,
fractions outside [0, 1], NaN or infinite values).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

__all__ = ["ARCHITECTURES", "scalar_inputs", "ScalarInputs"]

ARCHITECTURES = ("1oo1", "1oo2", "2oo2", "2oo3", "1oo3")
_NUMBER = (float, int)



def _arr(name: str, value: Any) -> np.ndarray:
    try:
        a = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if np.any(np.isnan(a)):
        raise ValueError(f"{name} must be a number, got NaN")
    return a


def _non_negative(name: str, value: Any) -> np.ndarray:
    a = _arr(name, value)
    if np.any(a < 0):
        raise ValueError(f"{name} must be >= 0, got {_show(a[a < 0])}")
    if np.any(np.isinf(a)):
        raise ValueError(f"{name} must be finite, got {_show(a[np.isinf(a)])}")
    return a


def _positive(name: str, value: Any) -> np.ndarray:
    a = _non_negative(name, value)
    if np.any(a == 0):
        raise ValueError(f"{name} must be > 0, got 0")
    return a


def _fraction(name: str, value: Any) -> np.ndarray:
    a = _arr(name, value)
    bad = (a < 0) | (a > 1)
    if np.any(bad):
        raise ValueError(f"{name} must be in [0, 1], got {_show(a[bad])}")
    return a


def _show(bad: np.ndarray) -> str:
    flat = np.ravel(bad)
    return repr(float(flat[0])) if flat.size else "?"


def _out(x: np.ndarray) -> Any:
    x = np.asarray(x, dtype=float)
    return float(x) if x.ndim == 0 else x


def _check_architecture(architecture: str) -> str:
    if architecture not in ARCHITECTURES:
        raise ValueError(f"unknown architecture {architecture!r} (1oo1, 1oo2, 2oo2, 2oo3, 1oo3)")
    return architecture


class _Inputs:
    """Validated, broadcast inputs of one subsystem (internal)."""

    __slots__ = ("du_c", "du_u", "dd", "t1", "lt", "mttr", "mrt", "beta", "beta_d")

    def __init__(
        self,
        lambda_du,
        lambda_dd,
        proof_test_interval_h,
        mttr_h,
        mrt_h,
        beta,
        beta_d,
        proof_test_coverage,
        mission_time_h,
    ):
        du = _non_negative("lambda_du", lambda_du)
        dd = _non_negative("lambda_dd", lambda_dd)
        t1 = _positive("proof_test_interval_h", proof_test_interval_h)
        mttr = _non_negative("mttr_h", mttr_h)
        mrt = mttr if mrt_h is None else _non_negative("mrt_h", mrt_h)
        b = _fraction("beta", beta)
        bd = b / 2.0 if beta_d is None else _fraction("beta_d", beta_d)
        ptc = _fraction("proof_test_coverage", proof_test_coverage)
        if np.all(ptc == 1.0):
            lt = t1  # unused: no uncovered failures
        else:
            if mission_time_h is None:
                raise ValueError(
                    "proof_test_coverage < 1 needs mission_time_h (the time at which failures "
                    "not revealed by the proof test are found, e.g. the overhaul interval)"
                )
            lt = _positive("mission_time_h", mission_time_h)
            if np.any(lt < t1):
                raise ValueError(
                    "mission_time_h must be >= proof_test_interval_h "
                    f"(got {_show(np.broadcast_to(lt, np.broadcast(lt, t1).shape))} h "
                    f"< {_show(np.broadcast_to(t1, np.broadcast(lt, t1).shape))} h)"
                )
        self.du_c = ptc * du
        self.du_u = (1.0 - ptc) * du
        self.dd = dd
        self.t1 = t1
        self.lt = lt
        self.mttr = mttr
        self.mrt = mrt
        self.beta = b
        self.beta_d = bd

    @property
    def du(self):
        return self.du_c + self.du_u

    @property
    def d(self):
        return self.du_c + self.du_u + self.dd

    def down_time_sum(self, divisor: float) -> np.ndarray:
        """lambda_D x (equivalent mean down time) for T1/divisor (2: t_CE, 3: t_GE, 4: t_G2E)."""
        return (
            self.du_c * (self.t1 / divisor + self.mrt)
            + self.du_u * (self.lt / divisor)
            + self.dd * self.mttr
        )

    def mean_down_time(self, divisor: float) -> np.ndarray:
        d = self.d
        # lambda_D = 0: the channel never fails, the down time only ever multiplies a zero
        # rate; return the lambda_DU-only limit (T1/divisor + MRT) to keep the value finite.
        safe = np.where(d > 0, d, 1.0)
        return np.where(d > 0, self.down_time_sum(divisor) / safe, self.t1 / divisor + self.mrt)

    def common_cause(self) -> np.ndarray:
        """beta_D lambda_DD MTTR + beta lambda_DU (T1/2 + MRT), split by proof-test coverage."""
        du_term = self.du_c * (self.t1 / 2.0 + self.mrt) + self.du_u * (self.lt / 2.0)
        return self.beta_d * self.dd * self.mttr + self.beta * du_term

    def independent_rate(self) -> np.ndarray:
        """(1 - beta_D) lambda_DD + (1 - beta) lambda_DU."""
        return (1.0 - self.beta_d) * self.dd + (1.0 - self.beta) * self.du


def _inputs(lambda_du, lambda_dd, proof_test_interval_h, mttr_h, mrt_h, beta, beta_d,
            proof_test_coverage, mission_time_h) -> _Inputs:
    return _Inputs(lambda_du, lambda_dd, proof_test_interval_h, mttr_h, mrt_h, beta, beta_d,
                   proof_test_coverage, mission_time_h)


# ---------------------------------------------------------------------------------------------
# scalar fast path (plain floats, perfect proof test)
# ---------------------------------------------------------------------------------------------


class ScalarInputs:
    """Plain-float inputs of one subsystem with PTC = 1 (the arithmetic of :class:`_Inputs`)."""

    __slots__ = ("du", "dd", "t1", "mttr", "mrt", "beta", "beta_d")

    def __init__(self, du, dd, t1, mttr, mrt, beta, beta_d):
        self.du, self.dd, self.t1, self.mttr, self.mrt = du, dd, t1, mttr, mrt
        self.beta, self.beta_d = beta, beta_d

    def down_time_sum(self, divisor: float) -> float:
        return self.du * (self.t1 / divisor + self.mrt) + self.dd * self.mttr

    def mean_down_time(self, divisor: float) -> float:
        d = self.du + self.dd
        return self.down_time_sum(divisor) / d if d > 0 else self.t1 / divisor + self.mrt

    def common_cause(self) -> float:
        return self.beta_d * self.dd * self.mttr + self.beta * self.du * (self.t1 / 2.0 + self.mrt)

    def independent_rate(self) -> float:
        return (1.0 - self.beta_d) * self.dd + (1.0 - self.beta) * self.du


def _scalar_non_negative(name: str, value) -> float:
    x = float(value)
    if x != x:
        raise ValueError(f"{name} must be a number, got NaN")
    if x < 0:
        raise ValueError(f"{name} must be >= 0, got {x!r}")
    if x == math.inf:
        raise ValueError(f"{name} must be finite, got {x!r}")
    return x


def _scalar_fraction(name: str, value) -> float:
    x = float(value)
    if x != x:
        raise ValueError(f"{name} must be a number, got NaN")
    if not 0.0 <= x <= 1.0:
        raise ValueError(f"{name} must be in [0, 1], got {x!r}")
    return x


def scalar_inputs(lambda_du, lambda_dd, proof_test_interval_h, mttr_h, mrt_h, beta, beta_d,
                  proof_test_coverage) -> ScalarInputs | None:
    """:class:`ScalarInputs` when every argument is a plain number and PTC = 1, else ``None``.

    >>> s = scalar_inputs(5e-8, 4.5e-7, 8760, 8.0, None, 0.02, None, 1.0)
    >>> round(s.mean_down_time(2.0), 3), s.beta_d
    (446.0, 0.01)
    >>> scalar_inputs([5e-8], 0.0, 8760, 8.0, None, 0.0, None, 1.0) is None
    True
    """
    number = _NUMBER
    if (type(lambda_du) not in number or type(lambda_dd) not in number or type(proof_test_interval_h) not in number
            or type(mttr_h) not in number or type(beta) not in number or type(proof_test_coverage) not in number
            or proof_test_coverage != 1.0 or (mrt_h is not None and type(mrt_h) not in number)
            or (beta_d is not None and type(beta_d) not in number)):
        return None
    mrt = mttr_h if mrt_h is None else mrt_h
    bd = beta / 2.0 if beta_d is None else beta_d
    inf = math.inf
    if not (0.0 <= lambda_du < inf and 0.0 <= lambda_dd < inf and 0.0 < proof_test_interval_h < inf
            and 0.0 <= mttr_h < inf and 0.0 <= mrt < inf and 0.0 <= beta <= 1.0 and 0.0 <= bd <= 1.0):
        _scalar_errors(lambda_du, lambda_dd, proof_test_interval_h, mttr_h, mrt_h, beta, beta_d)
    return ScalarInputs(float(lambda_du), float(lambda_dd), float(proof_test_interval_h), float(mttr_h),
                        float(mrt), float(beta), float(bd))


def _scalar_errors(lambda_du, lambda_dd, proof_test_interval_h, mttr_h, mrt_h, beta, beta_d) -> None:
    """Raise the message of the first impossible scalar input (the same words as the array route)."""
    _scalar_non_negative("lambda_du", lambda_du)
    _scalar_non_negative("lambda_dd", lambda_dd)
    if _scalar_non_negative("proof_test_interval_h", proof_test_interval_h) == 0:
        raise ValueError("proof_test_interval_h must be > 0, got 0")
    _scalar_non_negative("mttr_h", mttr_h)
    if mrt_h is not None:
        _scalar_non_negative("mrt_h", mrt_h)
    _scalar_fraction("beta", beta)
    if beta_d is not None:
        _scalar_fraction("beta_d", beta_d)
    raise AssertionError("unreachable: an input failed the range check")  # pragma: no cover


def check_architecture(architecture: str) -> str:
    """``architecture`` if it is one of :data:`ARCHITECTURES`, else ``ValueError``."""
    return _check_architecture(architecture)


def out(x: Any) -> Any:
    """Python float for a 0-d result, the array otherwise."""
    return _out(x)
