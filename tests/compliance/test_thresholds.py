"""Chemical thresholds of seed 003: the two printed examples and the rule comparisons."""

from __future__ import annotations

import pytest

from pse.compliance import control_quantity_ratio, evaluate_inventory
from pse.compliance.thresholds import explain
from pse.model import load_study


def test_seed_003_examples():
    assert control_quantity_ratio([(60, 100), (30, 50)]) == pytest.approx(1.2)      # phosphorus sulfide + CrO3
    assert control_quantity_ratio([(600, 1000), (200, 400)]) == pytest.approx(1.1)  # KNO3 + acetone
    assert control_quantity_ratio([]) == 0.0


def test_negative_quantity_and_zero_control_quantity_are_refused():
    with pytest.raises(ValueError, match="negative"):
        control_quantity_ratio([(-1, 100)])
    with pytest.raises(ValueError, match="positive"):
        control_quantity_ratio([(1, 0)])


STUDY = """
study: {title: t}
chemical_inventory:
  - {id: CH-1, substance: phosphorus_sulfide, quantity: 40, quantity_offsite: 20}
  - {id: CH-2, substance: chromium_trioxide, quantity: 30}
  - {id: CH-3, substance: potassium_nitrate, quantity: 600}
  - {id: CH-4, substance: acetone, quantity: 200}
"""


def test_inventory_rules_count_off_site_stock_for_factory_goods_only(write_study):
    results = {r.rule: r for r in evaluate_inventory(load_study(write_study(STUDY)))}
    factory, public = results["factory_dangerous_goods"], results["public_dangerous_goods"]
    assert factory.index == pytest.approx(1.2) and factory.reached          # 60/100 (40 on + 20 off) + 30/50
    assert public.index == pytest.approx(1.1) and public.reached
    assert [d["at"] for d in public.duties] == [1]                            # not 10x, not 30x
    assert any(d.get("days") == 10 for d in factory.duties)                    # first declaration within 10 days
    text = explain(factory, "en")
    assert "60/100 kg + 30/50 kg = 1.2 (> 1: reached)" in text and "10 days" in text
    assert "已達" in explain(public, "zh-TW")


def test_factory_rule_needs_more_than_one_public_rule_reaches_at_one(write_study):
    study = load_study(write_study("""
        study: {title: t}
        chemical_inventory:
          - {id: CH-1, substance: methanol, quantity: 400}
        """))
    results = {r.rule: r for r in evaluate_inventory(study)}
    assert results["factory_dangerous_goods"].index == pytest.approx(1.0)
    assert not results["factory_dangerous_goods"].reached                    # declare when > 1
    assert results["public_dangerous_goods"].reached                         # control quantity reached at 1


def test_study_control_quantity_adds_a_substance(write_study):
    study = load_study(write_study("""
        study: {title: t}
        compliance:
          control_quantities:
            - {substance: ethyl_acetate, rule: public_dangerous_goods, control_quantity: 200, unit: L,
               source: "company list", name: {en: Ethyl acetate, zh-TW: 乙酸乙酯}}
        chemical_inventory:
          - {id: CH-1, substance: ethyl_acetate, quantity: 100}
        """))
    public = {r.rule: r for r in evaluate_inventory(study)}["public_dangerous_goods"]
    assert public.index == pytest.approx(0.5) and not public.reached


def test_priority_managed_cmr_category_1_always_and_two_percent_exclusion(write_study):
    study = load_study(write_study("""
        study: {title: t}
        compliance:
          control_quantities:   # critical quantities are the study's (the package has none checked)
            - {substance: flammable_gas_x, rule: priority_managed, control_quantity: 1000, unit: kg, source: test}
            - {substance: toxic_y, rule: priority_managed, control_quantity: 100, unit: kg, source: test}
        chemical_inventory:
          - {id: CH-1, substance: chromium_trioxide, quantity: 1, hazard_classes: [Carcinogen 1A]}
          - {id: CH-2, substance: flammable_gas_x, quantity: 990}
          - {id: CH-3, substance: toxic_y, quantity: 2}
        """))
    rule = {r.rule: r for r in evaluate_inventory(study)}["priority_managed"]
    assert rule.always == ["CH-1"] and rule.reached
    assert rule.excluded == ["CH-3"]                    # 2/100 = 2 % <= 2 %: left out
    assert rule.index == pytest.approx(0.99)            # 990/1000 alone: below 1
    assert "CMR" in explain(rule, "en") and "CH-3" in explain(rule, "en")
