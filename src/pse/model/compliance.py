"""Compliance (seed 003): self-check answers, company checklists, the chemical inventory, inspected equipment."""


from typing import ClassVar, Literal

from pydantic import Field

from pse.model.core import Identified, Obj
from pse.model.types import Date, EquipmentRef, NonNegative, RecommendationRef

Answer = Literal["yes", "no", "na"]


class ChecklistAnswer(Obj):
    """One answer of a self-check: item ID, yes / no / not applicable, and what follows a 'no'."""

    item: str = Field(description="checklist item ID, e.g. 'EX-01'")
    answer: Answer
    note: str | None = None
    recommendation: RecommendationRef | None = Field(
        None, description="the study recommendation that fixes a 'no' (else pse proposes the item's improvement)")
    owner: str | None = None
    due: Date | None = None


class SelfCheck(Identified):
    """A self-check of one checklist (seed 003 layout: item | question | yes/no) in one area on one date."""

    kind: ClassVar[str] = "self_check"
    checklist: str = Field(description="checklist ID (package or the study's compliance.checklists)")
    area: str | None = None
    date: Date | None = None
    checked_by: str | None = None
    answers: list[ChecklistAnswer] = Field(default_factory=list)


class Bilingual(Obj):
    en: str
    zh_TW: str = Field(alias="zh-TW")


class CompanyChecklistItem(Obj):
    """An item of a company checklist (or one overriding a package item of the same ID)."""

    id: str
    question: Bilingual
    citation: str = Field(description="law, article... in the citation grammar (e.g. 'FR 175'); see pse machinery")
    improvement: Bilingual


class CompanyChecklist(Obj):
    """A checklist declared by the study: a company adds its own."""

    id: str
    title: Bilingual
    items: list[CompanyChecklistItem] = Field(default_factory=list)


class ChemicalStock(Identified):
    """One substance of the chemical inventory: quantities on and off site (in the data's unit)."""

    kind: ClassVar[str] = "chemical"
    substance: str = Field(description="key of the control-quantity data (pse compliance data), e.g. 'acetone'")
    name: str | None = None
    quantity: NonNegative = Field(description="largest quantity on site at any time (kg or L, the data's unit)")
    quantity_offsite: NonNegative = Field(0, description="stock held off site (counts for factory dangerous goods)")
    location: str | None = None
    hazard_classes: list[str] = Field(default_factory=list, description="GHS classes, e.g. 'flammable liquid 2'")


class ControlQuantity(Obj):
    """A control quantity declared by the study (adds a substance or overrides the package value)."""

    substance: str
    rule: Literal["factory_dangerous_goods", "public_dangerous_goods", "priority_managed"]
    control_quantity: float = Field(gt=0, description="control quantity, or critical quantity for priority_managed")
    unit: Literal["kg", "L", "m3"]
    source: str
    name: Bilingual | None = None


class InspectedEquipment(Identified):
    """An item under statutory automatic inspection: its type and the date of each last inspection."""

    kind: ClassVar[str] = "inspected_equipment"
    tag: str
    type: str = Field(description="equipment type of the inspection-interval data, e.g. 'forklift'")
    name: str | None = None
    equipment: EquipmentRef | None = None
    owner: str | None = None
    last_inspected: dict[str, Date] = Field(
        default_factory=dict, description="interval ID (yearly, monthly...) -> date of the last inspection")


class ComplianceSettings(Obj):
    """Company checklists and control quantities of the study."""

    checklists: list[CompanyChecklist] = Field(default_factory=list)
    control_quantities: list[ControlQuantity] = Field(default_factory=list)
