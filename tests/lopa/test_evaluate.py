"""LOPA of whole studies: seed 001 carried from the HAZOP rows, and a scenario that needs a SIF."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import WORKSHEETS
from pse.lopa.evaluate import evaluate
from pse.lopa.views import analyse
from pse.model import StudyError, load_study
from pse.model.validate import validate_document

STUDY = WORKSHEETS / "electronics-plant.yaml"


@pytest.fixture(scope="module")
def analysed():
    study = load_study(STUDY)
    result, verifications = analyse(study)
    return study, {r.scenario: r for r in result.scenarios}, result, verifications


def test_seed001_butadiene_reactor(analysed):
    """Seed 001: IE 0.01/yr x general design 0.1 x relief valve 0.01 = 1e-5/yr vs 1e-3/yr: no SIL."""
    _, by_id, _, _ = analysed
    fire = by_id["S-1.1"]
    assert fire.initiating_event.frequency_per_yr == 0.01
    assert fire.column_pfd["general_design"] == pytest.approx(0.1)
    assert fire.column_pfd["ipl"] == pytest.approx(0.01)
    assert fire.column_pfd["bpcs"] == fire.column_pfd["alarm"] == fire.column_pfd["additional_mitigation"] == 1
    assert fire.intermediate_frequency_per_yr == pytest.approx(1e-5)
    assert fire.mitigated_frequency_per_yr == pytest.approx(1e-5)
    assert fire.tolerable_frequency_per_yr == 1e-3
    assert fire.meets_tolerable
    assert fire.sil_required == 0 and fire.sil_label == "no SIL required"
    # the gas detector and the dike stay in the worksheet as non-IPL safeguards
    assert {layer.safeguard for layer in fire.not_credited} == {"SG-GAS-DET", "SG-DIKE"}


def test_the_lopa_scenario_is_the_hazop_scenario(analysed):
    study, by_id, _, _ = analysed
    scenario = study.get("S-1.1")
    assert by_id["S-1.1"].cause == scenario.cause and by_id["S-1.1"].consequence == scenario.consequence


def test_overfill_needs_sil2_and_the_bpcs_alarm_is_not_credited(analysed):
    _, by_id, result, verifications = analysed
    overfill = by_id["S-2.1"]
    # IE: BPCS loop failure 0.1/yr (CCPS), ignition 0.3, presence 0.5, independent LSHH + operator 0.1
    assert overfill.intermediate_frequency_per_yr == pytest.approx(0.1 * 0.3 * 0.5 * 0.1)
    assert overfill.required_rrf == pytest.approx(150)
    assert overfill.sil_required == 2
    refused = {layer.safeguard: layer.reason for layer in overfill.not_credited}
    assert "BPCS failure" in refused["SG-LAH-401"]
    # SIF-01 shared demand and its verification
    (demand,) = result.sif_demands
    # demand = f_IE 0.1 x operator response to LSHH-402 0.1 (acts before the SIF); ignition and presence do not count
    assert demand.sif == "SIF-01" and demand.demand_rate_per_yr == pytest.approx(0.1 * 0.1)
    (verification,) = verifications
    assert verification.target_sil == 2 and verification.achieved_sil == 2 and verification.meets_target
    assert overfill.sis_pfd == pytest.approx(verification.pfd_avg)
    assert overfill.mitigated_frequency_per_yr == pytest.approx(1.5e-3 * verification.pfd_avg)
    assert overfill.meets_tolerable                      # planned: with the proposed SIF-01
    assert not overfill.tolerable_now and overfill.now.mitigated_frequency_per_yr == pytest.approx(1.5e-3)


def _study(extra: str, write_study):
    path = write_study("""\
        study: {title: T}
        lopa:
          criteria: [{severity: S4, tolerable_frequency_per_yr: 1.0e-5}]
        causes:
          - {id: C1, description: x, initiating_event: {frequency_per_yr: 0.1}}
          - {id: C2, description: y, initiating_event: {frequency_per_yr: 0.2}}
        consequences: [{id: Q1, description: fire, severity: S4}]
        safeguards:
          - {id: G1, description: PSV, ipl: {pfd: 0.01, independent: true, specific: true, dependable: true,
                                            auditable: true, evidence: E1}}
        scenarios:
          - {id: S1, cause: C1, consequence: Q1, safeguards: [G1], lopa: true}
          - {id: S2, cause: C2, consequence: Q1, safeguards: [G1], lopa: true}
        """ + extra)
    return load_study(path)


def test_summing_initiating_events_of_one_consequence(write_study):
    separate = {r.scenario: r for r in evaluate(_study("", write_study)).scenarios}
    assert separate["S1"].required_rrf == pytest.approx(100)    # 0.1 x 0.01 / 1e-5
    assert separate["S2"].required_rrf == pytest.approx(200)    # 0.2 x 0.01 / 1e-5
    assert separate["S1"].sil_required == 1 and separate["S2"].sil_required == 2
    study = _study("", write_study)
    study.lopa.sum_initiating_events = True
    together = {r.scenario: r for r in evaluate(study).scenarios}
    assert together["S1"].required_rrf == pytest.approx(300)   # (0.1 + 0.2) x 0.01 / 1e-5
    assert together["S1"].sil_required == 2 and together["S1"].summed_with == ["S2"]


def test_missing_tolerable_frequency_is_an_error(write_study):
    path = write_study("""\
        study: {title: T}
        causes: [{id: C1, description: x, initiating_event: {frequency_per_yr: 0.1}}]
        consequences: [{id: Q1, description: fire, severity: S3}]
        scenarios:
          - id: S1
            cause: C1
            consequence: Q1
            lopa: true
        """)
    with pytest.raises(StudyError) as info:
        load_study(path)
    assert "no tolerable frequency for severity S3" in str(info.value)
    assert info.value.problems[0].line == 5


def test_ipl_credited_twice_is_refused(write_study):
    path = write_study("""\
        study: {title: T}
        causes: [{id: C1, description: x}]
        consequences: [{id: Q1, description: fire}]
        safeguards: [{id: G1, description: PSV}]
        scenarios:
          - id: S1
            cause: C1
            consequence: Q1
            safeguards: [G1, G1]
        """)
    with pytest.raises(StudyError) as info:
        load_study(path)
    (problem,) = info.value.problems
    assert problem.field == "scenarios[0].safeguards[1]" and "listed twice" in problem.message


def test_unknown_library_keys_are_errors(write_study):
    path = write_study("""\
        study: {title: T}
        lopa: {criteria: [{severity: S4, tolerable_frequency_per_yr: 1.0e-5}]}
        causes: [{id: C1, description: x, initiating_event: {library: valve_gremlins}}]
        consequences: [{id: Q1, description: fire, severity: S4}]
        safeguards: [{id: G1, description: PSV, ipl: {type: magic_shield}}]
        scenarios: [{id: S1, cause: C1, consequence: Q1, safeguards: [G1], lopa: true}]
        """)
    with pytest.raises(StudyError) as info:
        load_study(path)
    text = str(info.value)
    assert "'valve_gremlins' is not in the initiating-event library" in text
    assert "'magic_shield' is not in the IPL library" in text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=1e-4, max_value=1.0), min_size=0, max_size=4),
       st.floats(min_value=1e-4, max_value=1.0))
def test_adding_a_credited_ipl_never_raises_the_mitigated_frequency(pfds, new_pfd):
    """Property on whole studies: one more credited layer cannot make the scenario worse."""
    def study_with(layer_pfds):
        safeguards = [{"id": f"G{i}", "description": "layer", "ipl": {
            "pfd": p, "independent": True, "specific": True, "dependable": True, "auditable": True,
            "evidence": "E"}} for i, p in enumerate(layer_pfds)]
        data = {"study": {"title": "T"},
                "lopa": {"criteria": [{"severity": "S4", "tolerable_frequency_per_yr": 1e-5}]},
                "causes": [{"id": "C1", "description": "x", "initiating_event": {"frequency_per_yr": 0.5}}],
                "consequences": [{"id": "Q1", "description": "fire", "severity": "S4"}],
                "safeguards": safeguards,
                "scenarios": [{"id": "S1", "cause": "C1", "consequence": "Q1",
                               "safeguards": [s["id"] for s in safeguards], "lopa": True}]}
        from pse.model.loader import SourceMap
        return evaluate(validate_document(data, SourceMap())).scenarios[0].mitigated_frequency_per_yr

    assert study_with(pfds + [new_pfd]) <= study_with(pfds) * (1 + 1e-12)


def test_per_opportunity_initiating_event_needs_opportunities(write_study):
    base = """\
        study: {title: T}
        lopa: {criteria: [{severity: S4, tolerable_frequency_per_yr: 1.0e-5}]}
        causes:
          - id: C1
            description: operator opens the wrong valve
            initiating_event: {library: operator_error_routine_procedure%s}
        consequences: [{id: Q1, description: fire, severity: S4}]
        scenarios: [{id: S1, cause: C1, consequence: Q1, lopa: true}]
        """
    with pytest.raises(StudyError) as info:
        load_study(write_study(base % ""))
    assert "give initiating_event.opportunities_per_yr" in str(info.value)
    study = load_study(write_study(base % ", opportunities_per_yr: 50"))
    (result,) = evaluate(study).scenarios
    assert result.initiating_event.frequency_per_yr == pytest.approx(0.01 * 50)   # CCPS: 1e-2 per opportunity


def test_scenario_referencing_a_missing_safeguard(write_study):
    path = write_study("""\
        study: {title: T}
        causes: [{id: C1, description: x}]
        consequences: [{id: Q1, description: fire}]
        safeguards: [{id: G1, description: PSV}]
        scenarios: [{id: S1, cause: C1, consequence: Q1, safeguards: [G1, G9]}]
        """)
    with pytest.raises(StudyError) as info:
        load_study(path)
    (problem,) = info.value.problems
    assert problem.line == 5 and problem.field == "scenarios[0].safeguards[1]"
    assert "refers to safeguard 'G9', which is not in the study" in problem.message


def test_shared_sif_is_reported_with_its_total_demand_rate(write_study):
    """One SIF credited in two scenarios: the demand on it is the sum of the frequencies reaching it."""
    flags = "independent: true, specific: true, dependable: true, auditable: true, evidence: E"
    path = write_study(f"""\
        study: {{title: T}}
        lopa: {{criteria: [{{severity: S4, tolerable_frequency_per_yr: 1.0e-5}}]}}
        causes:
          - {{id: C1, description: a, initiating_event: {{frequency_per_yr: 0.1}}}}
          - {{id: C2, description: b, initiating_event: {{frequency_per_yr: 0.2}}}}
        consequences: [{{id: Q1, description: fire, severity: S4}}]
        safeguards:
          - {{id: G1, description: BPCS loop, ipl: {{pfd: 0.1, layer: bpcs, {flags}}}}}
          - {{id: T1, description: trip, ipl: {{sif: F1, pfd: 0.01, {flags}}}}}
        sifs: [{{id: F1, description: shared trip}}]
        scenarios:
          - {{id: S1, cause: C1, consequence: Q1, safeguards: [G1, T1], lopa: true}}
          - {{id: S2, cause: C2, consequence: Q1, safeguards: [T1], lopa: true}}
        """)
    result = evaluate(load_study(path))
    (demand,) = result.sif_demands
    assert demand.sif == "F1" and demand.scenarios == ["S1", "S2"]
    assert demand.demand_rate_per_yr == pytest.approx(0.1 * 0.1 + 0.2)     # the BPCS loop acts before the SIF
    # S1 needs RRF 0.01 / 1e-5 = 1,000 (SIL 2), S2 needs 0.2 / 1e-5 = 20,000 (SIL 4): the SIF must meet the higher
    assert demand.required_sil == 4 and demand.demand_mode == "low"
