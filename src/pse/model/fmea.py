"""FMEA: failure modes, actions and the S/O/D rating scales."""


from typing import Annotated, ClassVar, Literal

from pydantic import (
    BeforeValidator,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from pse.model.core import Identified, Obj
from pse.model.process import InitiatingEventData
from pse.model.types import (
    Date,
    EquipmentRef,
    RecommendationRef,
    SafetyFunctionRef,
    SifRef,
)


def _fmea_rating(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"a rating is a whole number from 1 to 10, got {value!r}")
    if not 1 <= value <= 10:
        raise ValueError(f"a rating is from 1 to 10, got {value}")
    return value


Rating = Annotated[int, BeforeValidator(_fmea_rating), Field(ge=1, le=10, description="rating 1-10 of the FMEA scale")]


class FmeaScaleLevel(Obj):
    """One rank of an FMEA rating scale with its description in both languages."""

    en: str
    zh_TW: str | None = Field(None, alias="zh-TW")


class FmeaScaleSpec(Obj):
    """An FMEA rating scale (severity, occurrence, detection 1-10) declared by the study."""

    # FMEA kind: its severity/occurrence/detection are 1-10 scale texts, not risk-matrix levels (validate.py
    # skips the level check for failure_mode objects)
    kind: ClassVar[str] = "failure_mode"
    title: str
    source: str | None = None
    edition: str | None = None
    severity: dict[int, FmeaScaleLevel]
    occurrence: dict[int, FmeaScaleLevel]
    detection: dict[int, FmeaScaleLevel]

    @model_validator(mode="after")
    def _ten_ranks(self):
        for axis in ("severity", "occurrence", "detection"):
            ranks = sorted(getattr(self, axis))
            if ranks != list(range(1, 11)):
                missing = sorted(set(range(1, 11)) - set(ranks))
                extra = sorted(set(ranks) - set(range(1, 11)))
                raise ValueError(f"{axis} must describe ranks 1 to 10"
                                 + (f"; missing {missing}" if missing else "")
                                 + (f"; not allowed {extra}" if extra else ""))
        return self


class FmeaSettings(Obj):
    """Study-wide FMEA settings: rating scale, ranking rule, criticality column."""

    scale: str = Field("aiag-vda-pfmea", description="rating scale: aiag-vda-pfmea, aiag-vda-dfmea, aiag4-pfmea, "
                                                     "aiag4-dfmea, or one declared under fmea.scales")
    scales: dict[str, FmeaScaleSpec] = Field(default_factory=dict, description="scales declared by the study")
    ranking: Literal["action_priority", "rpn", "criticality"] = Field(
        "action_priority", description="how rows are ranked: AIAG-VDA Action Priority (default), RPN = S x O x D, "
                                       "or criticality S x O")
    criticality: bool = Field(False, description="add the criticality S x O column")


class FmeaAction(Obj):
    """A recommended action of an FMEA row: text or a recommendation of the register, owner, due date, status."""

    text: str | None = None
    type: Literal["prevention", "detection", "design"] = "prevention"
    recommendation: RecommendationRef | None = None
    owner: str | None = None
    due: Date | None = None
    status: Literal["open", "in_progress", "closed", "rejected"] = "open"
    completed_on: Date | None = None
    evidence: str | None = None

    @model_validator(mode="after")
    def _text_or_recommendation(self):
        if not self.text and not self.recommendation:
            raise ValueError("an action needs 'text' or a 'recommendation' ID")
        return self


class FailureMode(Identified):
    """An FMEA row: item/function, failure mode, effect (S), cause (O), controls (D), actions, ratings after.

    Ratings are whole numbers 1-10 of the study's FMEA scale (``fmea.scale``).
    The cause may be marked as an initiating event with a frequency
    (``initiating_event``) so that LOPA can use it.  Post-action ratings
    (``*_after``) need at least one action or recommendation.
    """

    kind: ClassVar[str] = "failure_mode"
    item: str
    function: str | None = None
    failure_mode: str
    effect: str
    cause: str
    severity: Rating
    occurrence: Rating
    detection: Rating
    prevention_controls: list[str] = Field(default_factory=list)
    detection_controls: list[str] = Field(default_factory=list)
    equipment: EquipmentRef | None = None
    sif: SifRef | None = Field(None, description="SIF this component belongs to (SIF component FMEA)")
    safety_function: SafetyFunctionRef | None = Field(
        None, description="machinery safety function (ISO 13849-1) this failure defeats")
    initiating_event: InitiatingEventData | None = None
    recommendations: list[RecommendationRef] = Field(default_factory=list)
    actions: list[FmeaAction] = Field(default_factory=list)
    severity_after: Rating | None = None
    occurrence_after: Rating | None = None
    detection_after: Rating | None = None
    notes: str | None = None

    @field_validator("severity_after", "occurrence_after", "detection_after")
    @classmethod
    def _after_needs_action(cls, value, info: ValidationInfo):
        if value is not None and not info.data.get("actions") and not info.data.get("recommendations"):
            raise ValueError("a post-action rating needs an action: add 'actions' (or 'recommendations') to this row")
        return value
