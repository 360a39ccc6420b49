"""Chemical inventory threshold rules of seed 003: factory dangerous goods and public dangerous goods.

Both rules compare a combined index, the sum over the substances of quantity / control quantity, with 1
(:func:`control_quantity_ratio`); which quantities count, the comparison and the duties that follow are data
(``data/thresholds.yaml``), each with its source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


def control_quantity_ratio(items: Iterable[tuple[float, float]]) -> float:
    """Combined index of a control-quantity rule, dimensionless.

    .. math:: I = \\sum_i q_i / Q_i

    with :math:`q_i` the quantity of substance *i* and :math:`Q_i` its control quantity, in the same unit
    (kg or L).  Factory dangerous goods (工廠危險物品申報辦法) must be declared when I > 1; public
    dangerous goods (公共危險物品...設置標準暨安全管理辦法) reach the control quantity when I >= 1
    (seed 003, 3-1-1-1 and 3-4-5).

    >>> round(control_quantity_ratio([(60, 100), (30, 50)]), 6)   # phosphorus sulfide + CrO3, seed 003
    1.2
    >>> round(control_quantity_ratio([(600, 1000), (200, 400)]), 6)   # KNO3 + acetone, seed 003
    1.1
    """
    total = 0.0
    for quantity, control in items:
        if quantity < 0:
            raise ValueError(f"quantity {quantity} is negative")
        if not control > 0:
            raise ValueError(f"control quantity {control} must be positive")
        total += quantity / control
    return total


@dataclass
class Term:
    stock: str
    substance: str
    name: dict
    quantity: float
    control_quantity: float
    unit: str
    source: str

    @property
    def ratio(self) -> float:
        return self.quantity / self.control_quantity


@dataclass
class RuleResult:
    """One threshold rule evaluated on the inventory."""

    rule: str
    title: dict
    law: dict
    comparison: str
    terms: list[Term] = field(default_factory=list)
    index: float = 0.0
    duties: list[dict] = field(default_factory=list)     # duties that apply
    source: str = ""
    always: list[str] = field(default_factory=list)      # stocks that trigger the rule whatever the index (CMR 1)
    excluded: list[str] = field(default_factory=list)    # stocks left out of the sum (q/Q <= exclusion limit)

    @property
    def reached(self) -> bool:
        return bool(self.always) or (self.index > 1 if self.comparison == "greater" else self.index >= 1)


def control_quantities(study=None) -> dict[str, dict]:
    """Substance key -> data entry, with the study's control quantities added or overriding."""
    from pse.compliance.data import load

    table = {key: dict(value) for key, value in load("thresholds.yaml")["substances"].items()}
    for spec in (study.compliance.control_quantities if study is not None else []):
        entry = table.setdefault(spec.substance, {"en": spec.substance, "zh-TW": spec.substance})
        if spec.name is not None:
            entry.update(spec.name.model_dump(by_alias=True))
        entry[spec.rule] = {"control_quantity": spec.control_quantity, "unit": spec.unit}
        entry["source"] = spec.source
    return table


def evaluate_inventory(study) -> list[RuleResult]:
    """Every threshold rule on the study's chemical inventory: terms, combined index, duties that follow."""
    from pse.compliance.data import load

    table = control_quantities(study)
    results = []
    for rule, spec in load("thresholds.yaml")["rules"].items():
        result = RuleResult(rule, {"en": spec["en"], "zh-TW": spec["zh-TW"]}, spec["law"], spec["exceeds"],
                            source=spec["source"])
        for stock in study.chemical_inventory:
            entry = table[stock.substance]
            if rule not in entry:
                continue
            quantity = stock.quantity + (stock.quantity_offsite if spec["sum"] == "on_and_off_site" else 0.0)
            result.terms.append(Term(stock.id, stock.substance, {"en": entry["en"], "zh-TW": entry["zh-TW"]},
                                     quantity, entry[rule]["control_quantity"], entry[rule]["unit"],
                                     entry.get("source", "")))
        _apply_exclusions(result, spec, study)
        result.index = control_quantity_ratio((t.quantity, t.control_quantity) for t in result.terms
                                              if t.stock not in result.excluded)
        if result.reached:
            result.duties = [d for d in spec["duties"] if result.index >= d.get("at", 0)]
        results.append(result)
    return results


def _apply_exclusions(result: RuleResult, spec: dict, study) -> None:
    """Priority-managed chemicals: CMR category 1 stocks count whatever the quantity; terms <= 2 % drop out."""
    import re

    if "cmr_category_1" in spec:
        pattern = re.compile(spec["cmr_category_1"], re.IGNORECASE)
        result.always = [s.id for s in study.chemical_inventory
                         if any(pattern.search(c) for c in s.hazard_classes)]
    limit = spec.get("exclude_at_most")
    if limit is not None:
        result.excluded = [t.stock for t in result.terms if t.ratio <= limit]


def explain(result: RuleResult, lang: str = "en") -> str:
    """The rule in words: which sum, which control quantities, the verdict and the duties with deadlines."""
    from pse.compliance.views import LABELS
    from pse.i18n import label

    op = ">" if result.comparison == "greater" else "≥"
    over = result.index > 1 if result.comparison == "greater" else result.index >= 1
    parts = []
    terms = [t for t in result.terms if t.stock not in result.excluded]
    if terms:
        sums = " + ".join(f"{t.quantity:g}/{t.control_quantity:g} {t.unit}" for t in terms)
        verdict = label("reached" if over else "not_reached", lang, LABELS)
        parts.append(f"{sums} = {result.index:.3g} ({op} 1: {verdict})")
    if result.always:
        parts.append(f"{label('cmr_always', lang, LABELS)}: {', '.join(result.always)}")
    if result.excluded:
        parts.append(f"{label('excluded', lang, LABELS)}: {', '.join(result.excluded)}")
    text = f"{result.title[lang]}: " + "; ".join(parts)
    duties = "; ".join(d[lang] for d in result.duties)
    return text + (f" — {duties}" if duties else "")


def problems(study) -> list:
    """Errors: a substance without control-quantity data."""
    from pse.compliance.views import message

    smap = study.source_map
    table = control_quantities(study)
    known = ", ".join(sorted(table))
    return [smap.problem(("chemical_inventory", i, "substance"), message("err_substance", substance=s.substance,
                                                                         known=known))
            for i, s in enumerate(study.chemical_inventory) if s.substance not in table]
