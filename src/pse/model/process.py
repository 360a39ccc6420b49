"""Process objects: HAZOP nodes, deviations, causes, consequences, safeguards and scenarios (the LOPA scenario too)."""


from typing import ClassVar, Literal

from pydantic import (
    ConfigDict,
    Field,
    model_validator,
)
from pydantic.config import JsonDict

from pse.model.core import Identified, Obj
from pse.model.types import (
    CauseRef,
    ConsequenceRef,
    Date,
    DeviationRef,
    EquipmentRef,
    FrequencyPerYr,
    Level,
    NodeRef,
    NonNegative,
    Probability,
    Real,
    RecommendationRef,
    SafeguardRef,
    SifRef,
    Whole,
)


class Node(Identified):
    """A HAZOP node: a section of the process with one design intent."""

    kind: ClassVar[str] = "node"
    name: str
    design_intent: str | None = None
    parameters: list[str] = Field(default_factory=list, description="process parameters studied (flow, pressure...)")
    drawings: list[str] = Field(default_factory=list, description="P&ID or drawing numbers")
    description: str | None = None


class Deviation(Identified):
    """A HAZOP deviation: guide word x parameter at a node ("high pressure")."""

    kind: ClassVar[str] = "deviation"
    node: NodeRef
    guide_word: str
    parameter: str
    name: str | None = None
    origin: Literal["generated", "manual"] = "manual"
    none_identified: bool = Field(
        False, description="the team found no credible cause: the worksheet shows 'None identified'")
    notes: str | None = None


_SUGGESTED_HELP = "'suggested' rows (from the HAZOP suggestion library) count in no result until accepted"


class InitiatingEventData(Obj):
    """How often a cause happens, for LOPA (per year), with its source."""

    frequency_per_yr: FrequencyPerYr | None = None
    library: str | None = Field(
        None, description="key in the initiating-event library (e.g. 'bpcs_loop_failure'; all: pse library lopa)")
    opportunities_per_yr: FrequencyPerYr | None = Field(
        None, description="for per-opportunity library entries (operator error, crane lift): opportunities per year")
    error_factor: Real | None = Field(None, ge=1)
    source: str | None = None
    bpcs_failure: bool = Field(False, description="the cause is a failure of the basic process control system")
    equipment_tags: list[str] = Field(
        default_factory=list, description="tags of the equipment whose failure is the initiating event (LT-401, "
                                          "DCS-1): a layer using one of them is not independent of the cause")


class Cause(Identified):
    """What makes a deviation happen (HAZOP cause, LOPA initiating event)."""

    kind: ClassVar[str] = "cause"
    description: str
    node: NodeRef | None = None
    deviation: DeviationRef | None = None
    equipment: EquipmentRef | None = None
    initiating_event: InitiatingEventData | None = None
    origin: Literal["manual", "suggested"] = Field("manual", description=_SUGGESTED_HELP)
    accepted_by: str | None = None
    accepted_on: Date | None = None


class Consequence(Identified):
    """What the deviation leads to, if no safeguard works."""

    kind: ClassVar[str] = "consequence"
    description: str
    category: Literal["people", "environment", "asset", "reputation"] = "people"
    risk_matrix: str | None = Field(None, description="matrix of the severity (default: the study's)")
    severity: Level | None = None
    node: NodeRef | None = None
    origin: Literal["manual", "suggested"] = Field("manual", description=_SUGGESTED_HELP)
    accepted_by: str | None = None
    accepted_on: Date | None = None


class EquipmentUse(Obj):
    """The equipment a protection layer uses, by tag (IEC 61511-1:2016 9.3: independence of layers)."""

    sensors: list[str] = Field(default_factory=list, description="sensor tags (LT-401, LSHH-402)")
    logic_solver: list[str] = Field(default_factory=list, description="logic solver tags (SIS PLC)")
    final_elements: list[str] = Field(default_factory=list, description="final element tags (XV-401, P-202)")
    bpcs_controller: list[str] = Field(default_factory=list, description="BPCS controller tags (DCS-1)")

    def tags(self) -> list[str]:
        every = self.sensors + self.logic_solver + self.final_elements + self.bpcs_controller
        return list(dict.fromkeys(every)) if every else []


LayerKind = Literal["bpcs", "alarm_operator", "sif", "relief", "passive", "general_design", "mitigation",
                    "administrative", "ppe", "other"]
LayerActs = Literal["before_sif", "after_sif", "mitigation"]


_IPL_EXAMPLE: JsonDict = {"type": "operator_response_10min", "pfd": 0.1, "acts": "before_sif", "response_time_min": 20,
                "uses": {"sensors": ["LSHH-402"], "final_elements": ["HV-402"]}, "independent": True,
                "specific": True, "dependable": True, "auditable": True, "evidence": "Alarm test records AT-402"}


class IplClaim(Obj):
    """What the study records so that LOPA can credit a safeguard as an IPL.

    A safeguard is credited only when it is independent (of the initiating event
    and of the other credited layers), specific, dependable and auditable, with
    an evidence reference (CCPS, Layer of Protection Analysis, 2001, ch. 6).
    """

    model_config = ConfigDict(json_schema_extra={"examples": [_IPL_EXAMPLE]})

    type: str | None = Field(
        None, description="key in the IPL library (relief_valve, bpcs_loop, operator_response_10min; "
                          "all: pse library lopa)")
    pfd: Probability | None = None
    error_factor: Real | None = Field(None, ge=1)
    independent: bool = False
    specific: bool = False
    dependable: bool = False
    auditable: bool = False
    evidence: str | None = Field(None, description="test records, inspection reports, SRS number...")
    bpcs: bool = Field(False, description="the layer is a function of the basic process control system")
    response_time_min: NonNegative | None = Field(None, description="time available for operator response, minutes")
    sif: SifRef | None = None
    source: str | None = None
    layer: LayerKind | None = Field(
        None, description="what the layer is (alarm_operator: alarm with operator response; unset: from the IPL "
                          "library entry, the safeguard type or the key)")
    acts: LayerActs | None = Field(
        None, description="where the layer acts: before_sif (removes demands on the SIF), after_sif (relief "
                          "valve) or mitigation (dike, deluge); unset: the default of its kind")
    uses: EquipmentUse = Field(default_factory=EquipmentUse, description="equipment the layer uses, by tag")
    justification: str | None = Field(
        None, description="written justification for crediting an administrative control or PPE (CCPS: not an "
                          "IPL by default); printed on the worksheet and listed by pse lint")


class Safeguard(Identified):
    """A control, existing or proposed: engineering, administrative or PPE."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"id": "SG-LSHH-402", "description": "High-high level switch alarm; operator closes HV-402",
         "ipl": _IPL_EXAMPLE},
        {"id": "SG-SIF-01", "description": "SIF-01 high-high level trip", "status": "proposed",
         "recommendation": "R-05", "ipl": {"sif": "SIF-01", "independent": True, "specific": True,
                                           "dependable": True, "auditable": True, "evidence": "SRS-SA-401"}}]})

    kind: ClassVar[str] = "safeguard"
    description: str
    type: Literal["engineering", "administrative", "ppe"] = Field(
        "engineering", description="control kind in the hierarchy of controls")
    tag: str | None = None
    equipment: EquipmentRef | None = None
    document: str | None = Field(None, description="SOP or work-instruction number (administrative controls)")
    ipl: IplClaim | None = None
    status: Literal["existing", "proposed"] = Field(
        "existing", description="proposed: not installed yet; credited in the planned LOPA only")
    recommendation: RecommendationRef | None = Field(
        None, description="the recommendation that installs a proposed safeguard")
    origin: Literal["manual", "suggested"] = Field("manual", description=_SUGGESTED_HELP)
    accepted_by: str | None = None
    accepted_on: Date | None = None

    @model_validator(mode="after")
    def _proposed_needs_recommendation(self):
        if self.status == "proposed" and not self.recommendation:
            raise ValueError("a proposed safeguard needs 'recommendation': the ID of the recommendation that "
                             "installs it")
        return self


class Modifier(Obj):
    """An enabling condition or conditional modifier of a LOPA scenario."""

    description: str
    probability: Probability
    type: Literal["enabling", "ignition", "presence", "fatality", "other"] | None = None
    source: str | None = None
    error_factor: Real | None = Field(None, ge=1)


class Scenario(Identified):
    """A cause -> consequence pair with its safeguards: the HAZOP row and the LOPA scenario.

    Severity and likelihood are levels of the study's risk matrix (or of the
    matrix named here).  Severity defaults to the consequence's severity.
    """

    kind: ClassVar[str] = "scenario"
    cause: CauseRef
    consequence: ConsequenceRef
    node: NodeRef | None = None
    deviation: DeviationRef | None = None
    safeguards: list[SafeguardRef] = Field(default_factory=list)
    risk_matrix: str | None = None
    severity: Level | None = None
    likelihood: Level | None = None
    severity_after: Level | None = None
    likelihood_after: Level | None = None
    recommendations: list[RecommendationRef] = Field(default_factory=list)
    lopa: bool | None = Field(None, description="send to LOPA; unset = decided by the study's rule")
    enabling_conditions: list[Modifier] = Field(default_factory=list)
    conditional_modifiers: list[Modifier] = Field(default_factory=list)
    tolerable_frequency_per_yr: FrequencyPerYr | None = None
    origin: Literal["manual", "suggested"] = "manual"
    accepted_by: str | None = None
    accepted_on: Date | None = None
    notes: str | None = None
    none_identified: list[Literal["safeguards", "recommendations"]] = Field(
        default_factory=list, description="columns the team left empty on purpose: shown as 'None identified'")


class LopaRule(Obj):
    """When a HAZOP row goes to LOPA without a hand-set flag: severity or risk level at or above a threshold."""

    risk_matrix: str | None = Field(None, description="rows rated with this matrix (default: the study's)")
    severity_at_least: Level | None = Field(None, description="severity at least as severe as this level")
    risk_at_least: Whole | None = Field(None, description="risk level at least as bad as this level")

    @model_validator(mode="after")
    def _one_threshold(self):
        if self.severity_at_least is None and self.risk_at_least is None:
            raise ValueError("a LOPA rule needs severity_at_least or risk_at_least")
        return self


class GuideWordSpec(Obj):
    """A HAZOP guide word declared by the study (added to or replacing the library's)."""

    name: dict[str, str] = Field(description="{en: ..., zh-TW: ...}")
    meaning: dict[str, str] = Field(default_factory=dict)
    aliases: list[str] = Field(default_factory=list)
    source: str | None = None


class ParameterSpec(Obj):
    """A HAZOP parameter declared by the study: its name and its meaningful guide words."""

    name: dict[str, str] = Field(description="{en: ..., zh-TW: ...}")
    deviations: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="guide word -> deviation name {en: ..., zh-TW: ...}")
    aliases: list[str] = Field(default_factory=list)
    source: str | None = None


class HazopSettings(Obj):
    """Study-wide HAZOP settings: library extension or restriction, the LOPA rule, finished flag."""

    guide_words: dict[str, GuideWordSpec] = Field(default_factory=dict, description="added to the library")
    parameters: dict[str, ParameterSpec] = Field(default_factory=dict, description="added to the library")
    use_guide_words: list[str] | None = Field(None, description="restrict generation to these guide words")
    use_parameters: list[str] | None = Field(None, description="restrict the study to these parameters")
    lopa_rules: list[LopaRule] = Field(default_factory=list, description="any rule that matches flags the row")
    finished: bool = Field(False, description="the worksheet is finished: empty cells are errors, not warnings")
