"""The study model classes, gathered from their domain files (kept for existing imports).

The classes live by domain in :mod:`pse.model.core`, :mod:`~pse.model.process`,
:mod:`~pse.model.sif`, :mod:`~pse.model.tasks`, :mod:`~pse.model.machines`,
:mod:`~pse.model.fmea`, :mod:`~pse.model.zoning` and :mod:`~pse.model.study`.
"""

from pse.model.compliance import (  # noqa: F401
    Bilingual,
    ChecklistAnswer,
    ChemicalStock,
    CompanyChecklist,
    CompanyChecklistItem,
    ComplianceSettings,
    ControlQuantity,
    InspectedEquipment,
    SelfCheck,
)
from pse.model.core import (  # noqa: F401
    Equipment,
    ExMarking,
    Identified,
    Language,
    Location,
    Obj,
    Recommendation,
    StudyMeta,
)
from pse.model.fmea import (  # noqa: F401
    FailureMode,
    FmeaAction,
    FmeaScaleLevel,
    FmeaScaleSpec,
    FmeaSettings,
    Rating,
)
from pse.model.health import (  # noqa: F401
    ExposureAssessment,
    HealthSettings,
    ManualHandling,
    Temperature,
    ThermographyFinding,
    ThermographyThresholds,
)
from pse.model.machines import (  # noqa: F401
    ChecklistItemSpec,
    ChecklistResult,
    DangerZone,
    LifeCyclePhase,
    LightCurtain,
    Machine,
    MachineHazard,
    MachinerySettings,
    MachineTask,
    PerformanceLevel,
    ReductionMeasure,
    RiskGraph,
    SafetyFunction,
    TwoHandControl,
)
from pse.model.process import (  # noqa: F401
    Cause,
    Consequence,
    Deviation,
    EquipmentUse,
    GuideWordSpec,
    HazopSettings,
    InitiatingEventData,
    IplClaim,
    LopaRule,
    Modifier,
    Node,
    ParameterSpec,
    Safeguard,
    Scenario,
)
from pse.model.sif import LopaSettings, Sif, SifSubsystem, ToleranceCriterion  # noqa: F401
from pse.model.study import Study  # noqa: F401
from pse.model.tasks import (  # noqa: F401
    Controls,
    Measure,
    Task,
    TaskConditions,
    TaskPhase,
    TaskRiskSettings,
    TaskRow,
    TaskStep,
)
from pse.model.zoning import (  # noqa: F401
    ExtentRecipe,
    ExtentZone,
    Point2,
    ReleaseSource,
    Room,
    SectionLine,
    Substance,
    SubstanceValue,
    Ventilation,
    ZoningSettings,
)

__all__ = [
    "Cause", "ChecklistItemSpec", "ChecklistResult", "Consequence", "Controls", "DangerZone", "Deviation",
    "Equipment", "EquipmentUse", "ExMarking", "ExtentRecipe", "ExtentZone", "FailureMode", "FmeaAction",
    "FmeaScaleLevel", "FmeaScaleSpec", "FmeaSettings", "GuideWordSpec", "HazopSettings", "Identified",
    "InitiatingEventData", "IplClaim", "Language", "LifeCyclePhase", "LightCurtain", "Location", "LopaRule",
    "LopaSettings", "Machine", "MachineHazard", "MachineTask", "MachinerySettings", "Measure", "Modifier", "Node",
    "Obj", "ParameterSpec", "PerformanceLevel", "Point2", "Rating", "Recommendation", "ReductionMeasure",
    "ReleaseSource", "RiskGraph", "Room", "Safeguard", "SafetyFunction", "Scenario", "SectionLine", "Sif",
    "SifSubsystem", "Study", "StudyMeta", "Substance", "SubstanceValue", "Task", "TaskConditions", "TaskPhase",
    "TaskRiskSettings", "TaskRow", "TaskStep", "ToleranceCriterion", "TwoHandControl", "Ventilation",
    "ZoningSettings",
]
