"""SIF verification: PFDavg of sensors + logic solver + final elements, HFT, achieved SIL.

``PFD_SIF = PFD_sensors + PFD_logic_solver + PFD_final_elements``
(IEC 61508-6:2010 B.3.2.2; each subsystem by its architecture's simplified
equation, :func:`pse.lopa.pfd.pfd_avg`).

The achieved SIL is the lower of the SIL of the PFDavg band
(IEC 61511-1:2016 Table 4) and the SIL that each subsystem's hardware fault
tolerance allows (IEC 61511-1:2016 11.4.5, Table 6: minimum HFT 0 for SIL 1-2
low demand, 1 for SIL 3 (and SIL 2 high demand), 2 for SIL 4).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

SUBSYSTEMS = ("sensors", "logic_solver", "final_elements")
SUBSYSTEM_LABELS = {"sensors": {"en": "Sensors", "zh-TW": "感測元件"},
                    "logic_solver": {"en": "Logic solver", "zh-TW": "邏輯控制器"},
                    "final_elements": {"en": "Final elements", "zh-TW": "最終元件"}}

#: hardware fault tolerance of a MooN architecture: N - M
HFT_OF_ARCHITECTURE = {"1oo1": 0, "2oo2": 0, "1oo2": 1, "2oo3": 1, "1oo3": 2}


def hardware_fault_tolerance(architecture: str) -> int:
    """HFT of a MooN architecture = N - M (IEC 61511-1:2016 3.2.27: faults tolerated without loss of function).

    >>> hardware_fault_tolerance('2oo3')
    1
    """
    try:
        return HFT_OF_ARCHITECTURE[architecture]
    except KeyError:
        raise ValueError(f"unknown architecture {architecture!r} (1oo1, 1oo2, 2oo2, 2oo3, 1oo3)") from None


def sil_allowed_by_hft(hft: int, demand_mode: str = "low") -> int:
    """Highest SIL whose minimum HFT (IEC 61511-1:2016 Table 6) the subsystem meets.

    >>> sil_allowed_by_hft(0), sil_allowed_by_hft(1), sil_allowed_by_hft(0, 'high')
    (2, 3, 1)
    """
    from pse.lopa.sil import minimum_hft

    allowed = 0
    for sil in (1, 2, 3, 4):
        if minimum_hft(sil, demand_mode) <= hft:
            allowed = sil
    return allowed


@dataclass
class SubsystemResult:
    """Verification of one subsystem."""

    name: str
    description: str
    architecture: str
    pfd_avg: float
    hft: int
    sil_by_hft: int
    equation_latex: str
    equation_numbers: str
    inputs: dict
    pfd_perfect_test: float = 0.0
    equation_mathml: str = ""


@dataclass
class SifVerification:
    """Verification of one SIF against its target SIL."""

    sif: str
    description: str
    demand_mode: str
    target_sil: Optional[int]
    target_source: str
    subsystems: list[SubsystemResult] = field(default_factory=list)
    pfd_avg: Optional[float] = None
    sil_by_pfd: Optional[int] = None
    achieved_sil: Optional[int] = None
    missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def meets_target(self) -> Optional[bool]:
        if not self.complete or self.target_sil is None:
            return None
        return self.achieved_sil >= self.target_sil

    @property
    def rrf(self) -> Optional[float]:
        return None if self.pfd_avg is None else 1.0 / self.pfd_avg


def verify_subsystem(name: str, subsystem, demand_mode: str = "low") -> SubsystemResult:
    """PFDavg, HFT and the equation (symbolic and with numbers) of one subsystem."""
    from pse.lopa.pfd import pfd_avg, pfd_equation_substituted

    inputs = dict(lambda_du=subsystem.lambda_du_per_h, lambda_dd=subsystem.lambda_dd_per_h,
                  proof_test_interval_h=subsystem.proof_test_interval_h, mttr_h=subsystem.mttr_h,
                  mrt_h=subsystem.mrt_h, beta=subsystem.beta, beta_d=subsystem.beta_d)
    value = pfd_avg(subsystem.architecture, **inputs, proof_test_coverage=subsystem.proof_test_coverage,
                    mission_time_h=subsystem.mission_time_h)
    latex, numbers, perfect = pfd_equation_substituted(subsystem.architecture, **inputs)
    from sympy.printing.mathml import mathml

    from pse.lopa.pfd import pfd_equation

    presentation = mathml(pfd_equation(subsystem.architecture), printer="presentation")
    hft = hardware_fault_tolerance(subsystem.architecture)
    shown = {k: v for k, v in inputs.items() if v is not None}
    shown.update(proof_test_coverage=subsystem.proof_test_coverage, mission_time_h=subsystem.mission_time_h)
    return SubsystemResult(name, subsystem.description, subsystem.architecture, float(value), hft,
                           sil_allowed_by_hft(hft, demand_mode), latex, numbers, shown, float(perfect),
                           presentation)


def verify_sif(sif, target_sil: Optional[int] = None, target_source: str = "") -> SifVerification:
    """Verify one SIF of the study: sum of subsystem PFDs, HFT limits, achieved vs target SIL."""
    from pse.lopa.sil import sil_for_pfd

    target = sif.target_sil if sif.target_sil is not None else target_sil
    source = "declared" if sif.target_sil is not None else (target_source or "")
    result = SifVerification(sif.id, sif.description, sif.demand_mode, target, source)
    for name in SUBSYSTEMS:
        subsystem = getattr(sif, name)
        if subsystem is None:
            result.missing.append(name)
            continue
        result.subsystems.append(verify_subsystem(name, subsystem, sif.demand_mode))
    if result.missing:
        return result
    result.pfd_avg = sum(s.pfd_avg for s in result.subsystems)
    result.sil_by_pfd = sil_for_pfd(min(result.pfd_avg, 1.0))
    result.achieved_sil = min([result.sil_by_pfd] + [s.sil_by_hft for s in result.subsystems])
    return result


def verify_sifs(study, lopa_result=None) -> list[SifVerification]:
    """Verify every SIF of the study; the target SIL comes from the SIF or from its LOPA demand."""
    demands = {d.sif: d for d in (lopa_result.sif_demands if lopa_result else [])}
    out = []
    for sif in study.sifs:
        demand = demands.get(sif.id)
        target = demand.required_sil if demand else None
        source = f"LOPA: {', '.join(demand.scenarios)}" if demand else ""
        out.append(verify_sif(sif, target, source))
    return out
