"""PFDavg equations, IEC 61508-6:2010 Annex B.3.2.2."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pse.lopa.pfd import (
    pfd_1oo1,
    pfd_1oo2,
    pfd_1oo3,
    pfd_2oo2,
    pfd_avg,
    pfd_avg_vectorised,
    pfd_equation,
    pfd_equation_substituted,
    t_ce_h,
    t_g2e_h,
    t_ge_h,
)

YEAR = 8760.0
LAMBDA = 1e-6  # total failure rate of the IEC 61508-6 tables, 1/h
LAMBDA_D = LAMBDA / 2  # the tables take lambda_D = lambda / 2


def split(dc):
    """(lambda_DU, lambda_DD) for a diagnostic coverage dc, as in IEC 61508-6 Tables B.2-B.5."""
    return LAMBDA_D * (1 - dc), LAMBDA_D * dc


def two_sig_figs(x):
    return float(f"{x:.1e}")


# Published check values (IEC 61508-6:2010 Tables B.2/B.3, quoted by secondary sources; see the
# pse domain note): MTTR = MRT = 8 h, beta_D = beta / 2. The tables print 2 significant figures.
TABLE_VALUES = [
    # (architecture, T1 [h], DC, beta, published PFDavg)
    ("1oo1", YEAR, 0.0, 0.0, 2.2e-3),
    ("1oo1", YEAR, 0.9, 0.0, 2.2e-4),
    ("1oo2", YEAR, 0.9, 0.02, 4.5e-6),
    ("1oo2", YEAR, 0.9, 0.10, 2.2e-5),
    ("2oo3", YEAR, 0.9, 0.02, 4.6e-6),
    ("1oo1", YEAR / 2, 0.0, 0.0, 1.1e-3),
    ("1oo2", YEAR / 2, 0.0, 0.10, 1.1e-4),
]


@pytest.mark.parametrize("arch, t1, dc, beta, published", TABLE_VALUES)
def test_iec_61508_6_table_values(arch, t1, dc, beta, published):
    du, dd = split(dc)
    value = pfd_avg(arch, du, dd, proof_test_interval_h=t1, mttr_h=8.0, mrt_h=8.0, beta=beta)
    assert two_sig_figs(value) == published


def test_equivalent_mean_down_times_by_hand():
    du, dd = split(0.9)  # 5e-8, 4.5e-7
    # t_CE = 0.1 (4380 + 8) + 0.9 x 8 ; t_GE = 0.1 (2920 + 8) + 7.2 ; t_G2E = 0.1 (2190 + 8) + 7.2
    assert t_ce_h(du, dd, YEAR, 8) == pytest.approx(0.1 * 4388 + 7.2)
    assert t_ge_h(du, dd, YEAR, 8) == pytest.approx(0.1 * 2928 + 7.2)
    assert t_g2e_h(du, dd, YEAR, 8) == pytest.approx(0.1 * 2198 + 7.2)


def test_1oo1_limit_is_lambda_du_t1_over_2():
    assert pfd_1oo1(2e-6, 0.0, proof_test_interval_h=YEAR, mrt_h=0.0) == pytest.approx(2e-6 * YEAR / 2)
    # MRT small compared with T1/2: within MRT/(T1/2)
    with_mrt = pfd_1oo1(2e-6, 0.0, proof_test_interval_h=YEAR, mrt_h=8.0)
    assert with_mrt == pytest.approx(2e-6 * YEAR / 2, rel=8 / (YEAR / 2) * 1.01)


def test_1oo1_detected_failures_add_lambda_dd_mttr():
    assert pfd_1oo1(0.0, 1e-5, proof_test_interval_h=YEAR, mttr_h=24.0) == pytest.approx(1e-5 * 24)


@pytest.mark.parametrize("beta", [0.0, 0.02, 0.1])
def test_1oo2_hand_check_form(beta):
    du = 1e-6
    expected = ((1 - beta) * du * YEAR) ** 2 / 3 + beta * du * YEAR / 2
    value = pfd_1oo2(du, 0.0, proof_test_interval_h=YEAR, mrt_h=0.0, mttr_h=0.0, beta=beta)
    assert value == pytest.approx(expected, rel=1e-12)


def test_1oo2_keeps_the_beta_d_lambda_dd_mttr_term():
    # only detected failures, all common cause: PFD = beta_D lambda_DD MTTR exactly
    value = pfd_1oo2(0.0, 1e-5, proof_test_interval_h=YEAR, mttr_h=8.0, beta=1.0, beta_d=1.0)
    assert value == pytest.approx(1e-5 * 8.0)


def test_1oo3_hand_check_form():
    du = 1e-6
    value = pfd_1oo3(du, proof_test_interval_h=YEAR, mrt_h=0.0)
    # 6 (lambda T1)^3 (1/2)(1/3)(1/4) = (lambda T1)^3 / 4: catches a swapped T1/3, T1/4 too
    assert value == pytest.approx((du * YEAR) ** 3 / 4, rel=1e-12)


def test_2oo2_is_twice_1oo1():
    kw = dict(proof_test_interval_h=YEAR, mttr_h=8.0, mrt_h=12.0)
    assert pfd_2oo2(3e-7, 2e-6, **kw) == pytest.approx(2 * pfd_1oo1(3e-7, 2e-6, **kw))


@settings(max_examples=200, deadline=None)
@given(
    du=st.floats(1e-9, 1e-5),
    dd=st.floats(0.0, 1e-5),
    t1=st.floats(100.0, 5 * YEAR),
    beta=st.floats(0.0, 0.2),
)
def test_redundancy_ordering(du, dd, t1, beta):
    kw = dict(proof_test_interval_h=t1, beta=beta)
    one_of_two = pfd_avg("1oo2", du, dd, **kw)
    two_of_three = pfd_avg("2oo3", du, dd, **kw)
    one_of_three = pfd_avg("1oo3", du, dd, **kw)
    one_of_one = pfd_avg("1oo1", du, dd, **kw)
    assert two_of_three >= one_of_two
    assert one_of_two >= one_of_three
    assert one_of_one <= pfd_avg("2oo2", du, dd, **kw)


def test_beta_d_defaults_to_half_beta():
    kw = dict(proof_test_interval_h=YEAR)
    assert pfd_avg("1oo2", 5e-8, 4.5e-7, beta=0.1, **kw) == pfd_avg(
        "1oo2", 5e-8, 4.5e-7, beta=0.1, beta_d=0.05, **kw
    )
    assert pfd_avg("1oo2", 5e-8, 4.5e-7, beta=0.1, **kw) != pfd_avg(
        "1oo2", 5e-8, 4.5e-7, beta=0.1, beta_d=0.1, **kw
    )


def test_mrt_none_means_mttr():
    kw = dict(proof_test_interval_h=YEAR, mttr_h=72.0)
    assert pfd_avg("1oo1", 1e-6, **kw) == pfd_avg("1oo1", 1e-6, mrt_h=72.0, **kw)
    assert pfd_avg("1oo1", 1e-6, **kw) == pytest.approx(1e-6 * (YEAR / 2 + 72.0))


# --- imperfect proof test ------------------------------------------------------------------


def test_1oo1_partial_coverage_is_the_common_practice_formula():
    du, ptc, lt = 2e-6, 0.8, 10 * YEAR
    value = pfd_avg("1oo1", du, proof_test_interval_h=YEAR, mrt_h=0.0,
                    proof_test_coverage=ptc, mission_time_h=lt)
    assert value == pytest.approx(ptc * du * YEAR / 2 + (1 - ptc) * du * lt / 2, rel=1e-12)


def test_full_coverage_ignores_mission_time():
    kw = dict(proof_test_interval_h=YEAR, beta=0.05)
    assert pfd_avg("2oo3", 1e-6, 1e-6, mission_time_h=20 * YEAR, **kw) == pfd_avg(
        "2oo3", 1e-6, 1e-6, **kw
    )


@settings(max_examples=100, deadline=None)
@given(ptc=st.floats(0.0, 1.0), years=st.floats(1.0, 30.0), arch=st.sampled_from(["1oo2", "2oo3", "1oo3"]))
def test_redundant_partial_coverage_bounds(ptc, years, arch):
    """With lambda_DD = 0 the pse form is never below the additive split (it adds the
    covered x uncovered cross terms) and equals it for PTC = 1 or 0."""
    du, lt, beta = 1e-6, years * YEAR, 0.05
    ours = pfd_avg(arch, du, proof_test_interval_h=YEAR, mrt_h=0.0, beta=beta,
                   proof_test_coverage=ptc, mission_time_h=lt)
    split_sum = pfd_avg(arch, ptc * du, proof_test_interval_h=YEAR, mrt_h=0.0, beta=beta) + (
        pfd_avg(arch, (1 - ptc) * du, proof_test_interval_h=lt, mrt_h=0.0, beta=beta)
    )
    assert ours >= split_sum * (1 - 1e-12)
    if ptc in (0.0, 1.0):
        assert ours == pytest.approx(split_sum, rel=1e-12)


def test_lower_coverage_never_lowers_pfd():
    values = [
        pfd_avg("1oo2", 1e-6, 1e-7, proof_test_interval_h=YEAR, beta=0.05,
                proof_test_coverage=c, mission_time_h=15 * YEAR)
        for c in (1.0, 0.95, 0.8, 0.5, 0.0)
    ]
    assert values == sorted(values)
    assert values[-1] > values[0]


# --- vectorisation ---------------------------------------------------------------------------


def test_arrays_broadcast_and_match_scalars():
    du = np.array([1e-7, 1e-6, 5e-6])
    dd = np.array([0.0, 1e-6, 2e-6])
    got = pfd_avg("1oo2", du, dd, proof_test_interval_h=YEAR, beta=0.1)
    assert isinstance(got, np.ndarray) and got.shape == (3,)
    for i in range(3):
        assert got[i] == pfd_avg("1oo2", float(du[i]), float(dd[i]), proof_test_interval_h=YEAR, beta=0.1)
    assert isinstance(pfd_avg("1oo2", 1e-6, proof_test_interval_h=YEAR), float)


def test_vectorised_always_returns_array():
    out = pfd_avg_vectorised("1oo1", 1e-6, proof_test_interval_h=YEAR)
    assert isinstance(out, np.ndarray) and out.shape == (1,)


def test_zero_failure_rate_gives_zero_without_warnings():
    with np.errstate(all="raise"):
        for arch in ("1oo1", "1oo2", "2oo2", "2oo3", "1oo3"):
            assert pfd_avg(arch, 0.0, 0.0, proof_test_interval_h=YEAR, beta=0.1) == 0.0
        arr = pfd_avg("1oo2", np.array([0.0, 1e-6]), proof_test_interval_h=YEAR)
        assert arr[0] == 0.0 and arr[1] > 0


# --- bad inputs --------------------------------------------------------------------------------


def test_unknown_architecture_message():
    with pytest.raises(ValueError, match=r"^unknown architecture '3oo3' \(1oo1, 1oo2, 2oo2, 2oo3, 1oo3\)$"):
        pfd_avg("3oo3", 1e-6, proof_test_interval_h=YEAR)


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        (dict(lambda_du=-1e-6), "lambda_du must be >= 0"),
        (dict(lambda_dd=-1e-6), "lambda_dd must be >= 0"),
        (dict(proof_test_interval_h=-1.0), "proof_test_interval_h must be >= 0"),
        (dict(proof_test_interval_h=0.0), "proof_test_interval_h must be > 0"),
        (dict(mttr_h=-8.0), "mttr_h must be >= 0"),
        (dict(mrt_h=-8.0), "mrt_h must be >= 0"),
        (dict(beta=1.2), r"beta must be in \[0, 1\]"),
        (dict(beta=-0.1), r"beta must be in \[0, 1\]"),
        (dict(beta_d=2.0), r"beta_d must be in \[0, 1\]"),
        (dict(proof_test_coverage=1.5), r"proof_test_coverage must be in \[0, 1\]"),
        (dict(proof_test_coverage=0.9), "needs mission_time_h"),
        (dict(proof_test_coverage=0.9, mission_time_h=100.0), "mission_time_h must be >= proof_test_interval_h"),
        (dict(lambda_du=float("nan")), "lambda_du must be a number"),
        (dict(lambda_du="abc"), "lambda_du must be a number"),
    ],
)
def test_bad_inputs(kwargs, fragment):
    args = dict(lambda_du=1e-6, lambda_dd=0.0, proof_test_interval_h=YEAR)
    args.update(kwargs)
    du, dd = args.pop("lambda_du"), args.pop("lambda_dd")
    with pytest.raises(ValueError, match=fragment):
        pfd_avg("1oo2", du, dd, **args)


# --- symbolic form ---------------------------------------------------------------------------


@pytest.mark.parametrize("arch", ["1oo1", "1oo2", "2oo2", "2oo3", "1oo3"])
def test_sympy_equation_agrees_with_numeric(arch):
    values = dict(lambda_DU=3e-7, lambda_DD=2e-6, T1=YEAR, MTTR=10.0, MRT=30.0, beta=0.07, beta_D=0.02)
    expr = pfd_equation(arch)
    assert {s.name for s in expr.free_symbols} <= set(values)
    sym_value = float(expr.subs({s: values[s.name] for s in expr.free_symbols}))
    num_value = pfd_avg(arch, 3e-7, 2e-6, proof_test_interval_h=YEAR, mttr_h=10.0, mrt_h=30.0,
                        beta=0.07, beta_d=0.02)
    assert sym_value == pytest.approx(num_value, rel=1e-12)


def test_substituted_equation_text_evaluates_to_the_value():
    latex, text, value = pfd_equation_substituted(
        "2oo3", lambda_du=5e-8, lambda_dd=4.5e-7, proof_test_interval_h=YEAR, beta=0.02
    )
    assert "\\lambda_{DU}" in latex and "\\beta_{D}" in latex
    assert "lambda" not in text and "beta" not in text and "T1" not in text
    assert eval(text, {"__builtins__": {}}) == pytest.approx(value, rel=1e-3)  # 4 s.f. inputs
    assert two_sig_figs(value) == 4.6e-6


def test_substituted_equation_default_mrt_and_beta_d():
    _, text, value = pfd_equation_substituted("1oo2", lambda_du=1e-6, proof_test_interval_h=YEAR,
                                              mttr_h=24.0, beta=0.1)
    # MRT defaults to MTTR (24 h), beta_D to beta / 2 (0.05)
    assert "24" in text and "0.05" in text
    assert value == pfd_avg("1oo2", 1e-6, proof_test_interval_h=YEAR, mttr_h=24.0, beta=0.1)
    assert math.isfinite(value)


@settings(max_examples=40, deadline=None)
@given(du=st.floats(0, 1e-4), dd=st.floats(0, 1e-4), t1=st.floats(1, 1e5), mttr=st.floats(0, 100),
       beta=st.floats(0, 0.3), arch=st.sampled_from(["1oo1", "1oo2", "2oo2", "2oo3", "1oo3"]))
def test_scalar_fast_path_equals_the_array_route(du, dd, t1, mttr, beta, arch):
    scalar = pfd_avg(arch, du, dd, proof_test_interval_h=t1, mttr_h=mttr, beta=beta)
    array = pfd_avg(arch, np.array([du]), dd, proof_test_interval_h=t1, mttr_h=mttr, beta=beta)
    assert type(scalar) is float
    assert scalar == pytest.approx(float(array[0]), rel=1e-12, abs=1e-300)


@pytest.mark.parametrize("kwargs,message", [
    ({"beta": 2}, r"beta must be in \[0, 1\], got 2"),
    ({"lambda_dd": -1e-7}, "lambda_dd must be >= 0"),
    ({"mttr_h": float("nan")}, "mttr_h must be a number, got NaN"),
    ({"proof_test_interval_h": 0}, "proof_test_interval_h must be > 0"),
    ({"mrt_h": float("inf")}, "mrt_h must be finite"),
])
def test_scalar_and_array_routes_refuse_with_the_same_words(kwargs, message):
    args = {"proof_test_interval_h": 8760} | kwargs
    with pytest.raises(ValueError, match=message):
        pfd_avg("1oo2", 1e-6, **args)
    with pytest.raises(ValueError, match=message):
        pfd_avg("1oo2", np.array([1e-6]), **args)
