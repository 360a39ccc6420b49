"""Occupational-health assessments (seed 001): chemical control banding (SQRA), KIM-LHC, IR thermography."""


from typing import ClassVar, Literal

from pydantic import Field

from pse.model.core import Identified, Obj
from pse.model.types import Date, EquipmentRef, RecommendationRef

Rating = int


class ExposureAssessment(Identified):
    """Singapore semi-quantitative (SQRA) rating of one chemical in one work area; ratings 1..5."""

    kind: ClassVar[str] = "exposure_assessment"
    chemical: str
    area: str | None = None
    workers: int | None = Field(None, ge=0)
    hazard_rating: int = Field(ge=1, le=5, description="HR, from the GHS classes / exposure limits")
    vapour_pressure_rating: int = Field(ge=1, le=5)
    quantity_rating: int = Field(ge=1, le=5)
    control_rating: int = Field(ge=1, le=5, description="existing controls: 1 closed system .. 5 none")
    time_rating: int = Field(ge=1, le=5, description="duration of use per week")
    recommendations: list[RecommendationRef] = Field(default_factory=list)


class ManualHandling(Identified):
    """KIM-LHC (BAuA 2001) rating of a lifting / holding / carrying task over one working day."""

    kind: ClassVar[str] = "manual_handling"
    task: str
    area: str | None = None
    sex: Literal["female", "male"] | None = Field(None, description="chooses the load-point table")
    load_kg: float | None = Field(None, gt=0, description="effective load (gives the load points)")
    load_points: float | None = Field(None, ge=1, le=25)
    posture_points: float = Field(ge=1, le=8, description="1, 2, 4, 8 (intermediate values allowed)")
    conditions_points: float = Field(ge=0, le=2, description="0 good, 1 restricted, 2 difficult")
    operations_per_day: int | None = Field(None, ge=1, description="lifts per day (gives the time rating)")
    time_rating: float | None = Field(None, ge=1, le=10)
    recommendations: list[RecommendationRef] = Field(default_factory=list)


class Temperature(Obj):
    date: Date
    temperature_c: float = Field(gt=-273.15)


class ThermographyFinding(Identified):
    """An infrared thermography finding on electrical equipment, with its measurements over time."""

    kind: ClassVar[str] = "thermography_finding"
    component: str
    location: str | None = None
    equipment: EquipmentRef | None = None
    problem: str | None = None
    measurements: list[Temperature] = Field(min_length=1)
    recommendation: RecommendationRef | None = None


class ThermographyThresholds(Obj):
    """Lower bounds (°C) of the attention, improve-within-a-month and immediate levels."""

    attention_c: float
    improve_c: float
    immediate_c: float
    source: str = "study"


class HealthSettings(Obj):
    thermography: ThermographyThresholds | None = None
