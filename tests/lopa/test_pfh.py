"""PFH, IEC 61508-6:2010 Annex B.3.3.2: Table B.10 values and hand calculations of each equation."""

import pytest

from pse.lopa.pfh import PFH_ARCHITECTURES, pfh, pfh_1oo2d, pfh_equation_record

# IEC 61508-6:2010 Table B.10 (T1 = 1 month = 730 h, MTTR = MRT = 8 h, beta = 2 %, beta_D = 1 %), as printed
# in the transcription recorded in data/pfh_equations.yaml: (architecture, lambda_D, DC, PFH printed)
TABLE_B10 = [
    ("1oo1", 5e-8, 0.0, 5.0e-8), ("1oo1", 2.5e-7, 0.0, 2.5e-7), ("1oo1", 5e-7, 0.0, 5.0e-7),
    ("1oo1", 5e-8, 0.6, 2.0e-8), ("1oo1", 2.5e-7, 0.6, 1.0e-7), ("1oo1", 5e-7, 0.6, 2.0e-7),
    ("1oo1", 5e-8, 0.9, 5.0e-9), ("1oo1", 5e-8, 0.99, 5.0e-10), ("1oo1", 5e-7, 0.99, 5.0e-9),
    ("1oo2", 5e-8, 0.0, 1.0e-9), ("1oo2", 2.5e-7, 0.0, 5.0e-9), ("1oo2", 5e-7, 0.0, 1.0e-8),
    ("1oo2", 5e-8, 0.6, 4.0e-10), ("1oo2", 2.5e-7, 0.6, 2.0e-9), ("1oo2", 5e-7, 0.6, 4.0e-9),
    ("1oo2", 5e-8, 0.9, 1.0e-10), ("1oo2", 5e-7, 0.9, 1.0e-9), ("1oo2", 5e-8, 0.99, 1.0e-11),
    ("2oo2", 5e-8, 0.0, 1.0e-7), ("2oo2", 2.5e-7, 0.0, 5.0e-7), ("2oo2", 5e-7, 0.0, 1.0e-6),
    ("2oo3", 5e-8, 0.0, 1.0e-9), ("2oo3", 2.5e-7, 0.0, 5.1e-9), ("2oo3", 5e-7, 0.0, 1.1e-8),
    ("2oo3", 5e-8, 0.6, 4.0e-10), ("2oo3", 2.5e-7, 0.6, 2.0e-9), ("2oo3", 5e-7, 0.6, 4.1e-9),
    ("2oo3", 5e-8, 0.9, 1.0e-10), ("2oo3", 2.5e-7, 0.9, 5.0e-10), ("2oo3", 5e-7, 0.9, 1.0e-9),
]


@pytest.mark.parametrize("architecture,lambda_d,dc,printed", TABLE_B10)
def test_pfh_reproduces_table_b10_to_two_figures(architecture, lambda_d, dc, printed):
    value = pfh(architecture, lambda_d * (1 - dc), lambda_d * dc, proof_test_interval_h=730, mttr_h=8,
                beta=0.02, beta_d=0.01)
    assert float(f"{value:.1e}") == pytest.approx(printed, rel=1e-9)


def test_1oo2_by_hand():
    # lambda_DU 2e-8, lambda_DD 3e-8, beta 2 %, beta_D 1 %, T1 730 h, MRT = MTTR = 8 h
    t_ce = (2e-8 * (365 + 8) + 3e-8 * 8) / 5e-8                       # 154.0 h
    x = 0.99 * 3e-8 + 0.98 * 2e-8                                      # 4.93e-8 /h
    expected = 2 * x * 0.98 * 2e-8 * t_ce + 0.02 * 2e-8               # 2.976e-13 + 4e-10
    assert t_ce == pytest.approx(154.0)
    assert pfh("1oo2", 2e-8, 3e-8, proof_test_interval_h=730, beta=0.02, beta_d=0.01) == pytest.approx(expected)
    assert expected == pytest.approx(4.002976e-10, rel=1e-6)


def test_1oo2d_by_hand():
    # B.3.3.2.4 with lambda_SD: lambda_DU 2e-7, lambda_DD 8e-7, lambda_SD 5e-7, K 0.98, beta 2 %, beta_D 1 %,
    # T1 8760 h, MRT = MTTR = 8 h: t'_CE = (2e-7 x 4388 + 1.3e-6 x 8) / 1.5e-6 = 592.0 h
    t_ce_prime = (2e-7 * 4388 + 1.3e-6 * 8) / 1.5e-6
    assert t_ce_prime == pytest.approx(592.0)
    inner = 0.99 * 8e-7 + 0.98 * 2e-7 + 5e-7                           # 1.488e-6 /h
    expected = 2 * 0.98 * 2e-7 * inner * t_ce_prime + 2 * 0.02 * 8e-7 + 0.02 * 2e-7
    value = pfh_1oo2d(2e-7, 8e-7, 5e-7, k=0.98, proof_test_interval_h=8760, beta=0.02, beta_d=0.01)
    assert value == pytest.approx(expected, rel=1e-12)
    assert value == pytest.approx(3.6345e-8, rel=1e-4)    # 2(1-K) lambda_DD dominates: 3.2e-8
    # K = 1 (every diagnostic switch succeeds) removes the middle term
    perfect = pfh_1oo2d(2e-7, 8e-7, 5e-7, k=1.0, proof_test_interval_h=8760, beta=0.02, beta_d=0.01)
    assert perfect == pytest.approx(expected - 2 * 0.02 * 8e-7, rel=1e-12)


@pytest.mark.parametrize("bad,message", [({"k": 1.2}, "k must be in"), ({"lambda_sd": -1e-7}, "lambda_sd must be")])
def test_1oo2d_refuses_impossible_inputs(bad, message):
    args = {"k": 0.98, "lambda_sd": 0.0} | bad
    with pytest.raises(ValueError, match=message):
        pfh_1oo2d(2e-7, 8e-7, args["lambda_sd"], k=args["k"], proof_test_interval_h=8760)


def test_each_equation_records_what_it_was_checked_against():
    for architecture in PFH_ARCHITECTURES:
        record = pfh_equation_record(architecture)
        assert record["source"].startswith("IEC 61508-6:2010 B.3.3.2")
        assert record["checked_against"]
    assert [a for a in PFH_ARCHITECTURES if pfh_equation_record(a)["checked"]] == ["1oo1", "1oo2", "2oo2", "2oo3"]
