"""SIF verification: subsystem sum, HFT limits (IEC 61511-1 Table 6), report with equations."""

from __future__ import annotations

import pytest

from pse.lopa.pfd import pfd_avg
from pse.lopa.verification import hardware_fault_tolerance, sil_allowed_by_hft, verify_sif
from pse.lopa.views import verification_report
from pse.model.schema import Sif, SifSubsystem


def sub(arch, du, dd=0.0, **kw):
    return SifSubsystem(description=arch, architecture=arch, lambda_du_per_h=du, lambda_dd_per_h=dd,
                        proof_test_interval_h=8760, **kw)


def test_hft_of_architectures():
    assert [hardware_fault_tolerance(a) for a in ("1oo1", "2oo2", "1oo2", "2oo3", "1oo3")] == [0, 0, 1, 1, 2]
    with pytest.raises(ValueError, match="unknown architecture '3oo4'"):
        hardware_fault_tolerance("3oo4")


def test_sil_allowed_by_hft_table6():
    assert [sil_allowed_by_hft(h) for h in (0, 1, 2)] == [2, 3, 4]
    assert [sil_allowed_by_hft(h, "high") for h in (0, 1, 2)] == [1, 3, 4]


def test_sif_pfd_is_the_sum_of_its_subsystems():
    sif = Sif(id="F1", description="trip", target_sil=2, sensors=sub("1oo1", 1e-6),
              logic_solver=sub("1oo1", 1e-8), final_elements=sub("1oo2", 2e-6, beta=0.1))
    v = verify_sif(sif)
    expected = (pfd_avg("1oo1", 1e-6, proof_test_interval_h=8760) + pfd_avg("1oo1", 1e-8, proof_test_interval_h=8760)
                + pfd_avg("1oo2", 2e-6, proof_test_interval_h=8760, beta=0.1))
    assert v.pfd_avg == pytest.approx(expected)
    assert v.sil_by_pfd == 2 and v.achieved_sil == 2 and v.meets_target


def test_hft_limits_the_achieved_sil():
    """A 1oo1 chain with a PFD good enough for SIL 3 is still limited to SIL 2 by HFT 0."""
    sif = Sif(id="F1", description="trip", target_sil=3, sensors=sub("1oo1", 1e-8),
              logic_solver=sub("1oo1", 1e-8), final_elements=sub("1oo1", 1e-8))
    v = verify_sif(sif)
    assert v.sil_by_pfd == 3
    assert v.achieved_sil == 2 and v.meets_target is False


def test_missing_subsystem_is_reported_not_guessed():
    v = verify_sif(Sif(id="F1", description="trip", sensors=sub("1oo1", 1e-6)))
    assert not v.complete and v.missing == ["logic_solver", "final_elements"] and v.pfd_avg is None


def test_report_shows_equation_symbolically_and_with_numbers():
    sif = Sif(id="F1", description="trip", target_sil=1, sensors=sub("1oo1", 1e-6),
              logic_solver=sub("1oo1", 1e-8), final_elements=sub("1oo1", 1e-6))
    text = verification_report([verify_sif(sif)])
    assert r"\lambda_{DU}" in text                       # symbolic (LaTeX)
    assert "1e-6*(8 + 8760/2)" in text                   # numbers substituted
    assert "meets target" in text
