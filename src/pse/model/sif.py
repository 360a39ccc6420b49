"""Safety instrumented functions and the LOPA settings (tolerable-frequency criteria, library overrides)."""


from typing import ClassVar, Literal

from pydantic import (
    Field,
    model_validator,
)

from pse.model.core import Identified, Obj
from pse.model.types import (
    FrequencyPerYr,
    Level,
    LibraryOverride,
    NonNegative,
    Real,
    RecommendationRef,
    Whole,
)


class SifSubsystem(Obj):
    """One subsystem of a SIF (sensors, logic solver or final elements), IEC 61508-6 Annex B.

    Rates are per hour, times in hours.  ``beta_d`` unset means beta/2 and
    ``mrt_h`` unset means equal to ``mttr_h`` (the IEC 61508-6 table conventions).
    """

    description: str
    architecture: Literal["1oo1", "1oo2", "2oo2", "2oo3", "1oo3"]
    lambda_du_per_h: NonNegative
    lambda_dd_per_h: NonNegative = 0.0
    proof_test_interval_h: Real = Field(gt=0)
    mttr_h: NonNegative = 8.0
    mrt_h: NonNegative | None = None
    beta: Real = Field(0.0, ge=0, le=1)
    beta_d: Real | None = Field(None, ge=0, le=1)
    proof_test_coverage: Real = Field(1.0, ge=0, le=1)
    mission_time_h: Real | None = Field(None, gt=0)
    components: list[str] = Field(default_factory=list, description="tags or models of the devices")
    source: str | None = Field(None, description="where the failure data come from (FMEDA, exida SERH, plant data)")

    @model_validator(mode="after")
    def _coverage_needs_mission_time(self):
        if self.proof_test_coverage < 1.0 and self.mission_time_h is None:
            raise ValueError("proof_test_coverage below 1 needs mission_time_h (the uncovered failures "
                             "are found only at the end of the mission time)")
        return self


class Sif(Identified):
    """A safety instrumented function: sensors + logic solver + final elements (IEC 61511)."""

    kind: ClassVar[str] = "sif"
    description: str
    target_sil: Whole | None = Field(None, ge=0, le=4, description="unset: taken from the LOPA gap")
    demand_mode: Literal["low", "high", "continuous"] = "low"
    sensors: SifSubsystem | None = None
    logic_solver: SifSubsystem | None = None
    final_elements: SifSubsystem | None = None
    recommendation: RecommendationRef | None = None
    status: Literal["existing", "proposed"] = Field(
        "existing", description="proposed: not installed yet; credited in the planned LOPA only")

    @model_validator(mode="after")
    def _proposed_needs_recommendation(self):
        if self.status == "proposed" and not self.recommendation:
            raise ValueError("a proposed SIF needs 'recommendation': the ID of the recommendation that installs it")
        return self

    def tags(self) -> list[str]:
        """Tags of every device of the SIF (the components of its subsystems)."""
        out = []
        for sub in (self.sensors, self.logic_solver, self.final_elements):
            if sub is not None:
                out += sub.components
        return list(dict.fromkeys(out))


class ToleranceCriterion(Obj):
    """Tolerable frequency of a consequence of one severity level (company criteria)."""

    risk_matrix: str | None = Field(None, description="matrix of the severity (default: the study's)")
    severity: Level
    tolerable_frequency_per_yr: FrequencyPerYr
    category: Literal["people", "environment", "asset", "reputation"] | None = Field(
        None, description="applies to consequences of this category only (unset: all)")
    source: str | None = None


class LopaSettings(Obj):
    """Study-wide LOPA settings: tolerable frequencies, options, library overrides."""

    criteria: list[ToleranceCriterion] = Field(default_factory=list)
    sum_initiating_events: bool = Field(
        False, description="sum the mitigated frequencies of all causes of one consequence before comparing")
    initiating_events: dict[str, LibraryOverride] = Field(default_factory=dict,
                                                          description="overrides of library entries")
    ipl_pfds: dict[str, LibraryOverride] = Field(default_factory=dict, description="overrides of library entries")
    monte_carlo_samples: Whole = Field(10_000, ge=100)
    monte_carlo_seed: Whole | None = 20261123
    default_error_factor: Real = Field(3.0, ge=1)
