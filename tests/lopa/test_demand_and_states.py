"""Issue 13: demand on a SIF, high demand by PFH, now vs planned, shared equipment, credit by kind, audit trail.

Every expected value is computed by hand from the equations in the docstrings (IEC 61508-6:2010
B.3.3, CCPS 2001/2015), never copied from the program's output.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import WORKSHEETS
from pse.cli import cli
from pse.lopa.evaluate import evaluate
from pse.lopa.views import analyse, gap_action, sig, worksheet
from pse.model import StudyError, load_study

FLAGS = "independent: true, specific: true, dependable: true, auditable: true, evidence: E"


def _study(write_study, safeguards: str, scenarios: str):
    import textwrap

    scenarios = textwrap.indent(textwrap.dedent(scenarios), "  ")
    path = write_study(
        "study: {title: T}\n"
        "lopa: {criteria: [{severity: S4, tolerable_frequency_per_yr: 1.0e-5}]}\n"
        "equipment:\n"
        "  - {id: E1, tag: XV-1, type: valve}\n"
        "  - {id: E2, tag: LT-1, type: transmitter}\n"
        "  - {id: E3, tag: LS-2, type: switch}\n"
        "causes:\n"
        "  - {id: C1, description: a, initiating_event: {frequency_per_yr: 0.5, equipment_tags: [LT-1]}}\n"
        "  - {id: C2, description: b, initiating_event: {frequency_per_yr: 0.8}}\n"
        "consequences: [{id: Q1, description: fire, severity: S4}]\n"
        + ("safeguards:\n" + safeguards + "\n" if safeguards else "") +
        "sifs:\n"
        "  - id: F1\n"
        "    description: trip\n"
        "    sensors: {description: s, architecture: 1oo1, lambda_du_per_h: 1.0e-7, proof_test_interval_h: 8760,\n"
        "              components: [LS-9]}\n"
        "    logic_solver: {description: l, architecture: 1oo1, lambda_du_per_h: 1.0e-8, proof_test_interval_h: 8760}\n"
        "    final_elements: {description: f, architecture: 1oo1, lambda_du_per_h: 1.0e-7,\n"
        "                     proof_test_interval_h: 8760, components: [XV-1]}\n"
        "scenarios:\n" + scenarios + "\n")
    return load_study(path)


SIF = f"  - {{id: T1, description: trip, ipl: {{sif: F1, {FLAGS}}}}}"
BPCS = f"  - {{id: B1, description: BPCS loop, ipl: {{pfd: 0.1, layer: bpcs, {FLAGS}}}}}"
PSV = f"  - {{id: P1, description: PSV, ipl: {{type: relief_valve, {FLAGS}}}}}"


def test_demand_counts_layers_before_the_sif_not_modifiers_nor_relief(write_study):
    """D = f_IE x enabling x PFD(before): 0.5 x 0.5 x 0.1 = 0.025/yr; ignition 0.3 and the PSV do not count."""
    study = _study(write_study, "\n".join([BPCS, PSV, SIF]), """\
          - id: S1
            cause: C1
            consequence: Q1
            safeguards: [B1, P1, T1]
            lopa: true
            enabling_conditions: [{description: filling season, probability: 0.5, source: plant log}]
            conditional_modifiers: [{description: ignition, probability: 0.3, source: CCPS 2014}]""")
    result, _ = analyse(study)
    (demand,) = result.sif_demands
    assert demand.demand_rate_per_yr == pytest.approx(0.5 * 0.5 * 0.1)
    assert demand.demand_mode == "low"
    # the intermediate frequency does include the PSV (0.01) and ignition: 0.5 x 0.5 x 0.3 x 0.1 x 0.01
    (r,) = result.scenarios
    assert r.intermediate_frequency_per_yr == pytest.approx(0.5 * 0.5 * 0.3 * 0.1 * 0.01)


def test_demand_without_modifiers_or_earlier_layers_is_the_ie_frequency(write_study):
    study = _study(write_study, "\n".join([PSV, SIF]), """\
          - {id: S1, cause: C2, consequence: Q1, safeguards: [P1, T1], lopa: true}""")
    (demand,) = analyse(study)[0].sif_demands
    assert demand.demand_rate_per_yr == pytest.approx(0.8)


def test_scenarios_crossing_one_per_year_go_to_high_demand_and_pfh(write_study):
    """0.5 + 0.8 = 1.3 demands/yr > 1 (IEC 61508-4:2010 3.5.16): verified by PFH = sum of lambda_DU (1oo1)."""
    study = _study(write_study, "\n".join([PSV, SIF]), """\
          - {id: S1, cause: C1, consequence: Q1, safeguards: [T1], lopa: true}
          - {id: S2, cause: C2, consequence: Q1, safeguards: [P1, T1], lopa: true}""")
    result, (verification,) = analyse(study)
    (demand,) = result.sif_demands
    assert demand.demand_rate_per_yr == pytest.approx(1.3) and demand.demand_mode == "high"
    assert verification.high_demand
    assert verification.pfh_per_h == pytest.approx(1e-7 + 1e-8 + 1e-7)       # 1oo1: PFH = lambda_DU
    assert verification.sil_by_pfh == 2
    # IEC 61508-1 Table 3: SIL 2 is 1e-7 <= PFH < 1e-6, so 2.1e-7 is SIL 2; the HFT 0 of each 1oo1
    # subsystem allows only SIL 1 in high demand (IEC 61511-1:2016 Table 6)
    assert verification.achieved_sil == 1
    # required PFH: S1 tolerable 1e-5 / (8760 x P_after 1) ; S2 with the PSV after the SIF: / 0.01
    assert demand.required_pfh_per_h == pytest.approx(1e-5 / 8760)
    # the scenario frequency in high demand: min(f_int, PFH x 8760 x P_after)
    by_id = {r.scenario: r for r in result.scenarios}
    assert by_id["S1"].mitigated_frequency_per_yr == pytest.approx(min(0.5, 2.1e-7 * 8760))
    assert by_id["S2"].mitigated_frequency_per_yr == pytest.approx(min(0.8 * 0.01, 2.1e-7 * 8760 * 0.01))


def test_pfh_sil_bands():
    from pse.lopa.sil import sil_for_pfh

    assert sil_for_pfh(2.1e-7) == 2 and sil_for_pfh(1e-5) == 0 and sil_for_pfh(9e-9) == 4


_DU, _DD, _T1, _MTTR, _B = 2e-6, 3e-6, 8760.0, 8.0, 0.1


def _t_ce():
    ld = _DU + _DD
    return _DU / ld * (_T1 / 2 + _MTTR) + _DD / ld * _MTTR


def _t_ge():
    ld = _DU + _DD
    return _DU / ld * (_T1 / 3 + _MTTR) + _DD / ld * _MTTR


@pytest.mark.parametrize("architecture,expected", [
    ("1oo1", lambda: _DU),
    ("2oo2", lambda: 2 * _DU),
    ("1oo2", lambda: 2 * ((1 - _B / 2) * _DD + (1 - _B) * _DU) * (1 - _B) * _DU * _t_ce() + _B * _DU),
    ("2oo3", lambda: 6 * ((1 - _B / 2) * _DD + (1 - _B) * _DU) * (1 - _B) * _DU * _t_ce() + _B * _DU),
    ("1oo3", lambda: 6 * ((1 - _B / 2) * _DD + (1 - _B) * _DU) ** 2 * (1 - _B) * _DU * _t_ce() * _t_ge() + _B * _DU),
])
def test_pfh_of_each_architecture_is_the_b33_equation(architecture, expected):
    from pse.lopa.pfh import pfh, pfh_equation_substituted

    value = pfh(architecture, _DU, _DD, proof_test_interval_h=_T1, mttr_h=_MTTR, beta=_B)
    assert value == pytest.approx(expected(), rel=1e-12)
    # the shown equation evaluates to the same number
    _, text, shown = pfh_equation_substituted(architecture, lambda_du=_DU, lambda_dd=_DD, proof_test_interval_h=_T1,
                                              mttr_h=_MTTR, beta=_B, digits=17)
    assert eval(text) == pytest.approx(expected(), rel=1e-9) and shown == pytest.approx(value)


def test_bundled_study_s21_not_tolerable_now_tolerable_planned():
    result, verifications = analyse(load_study(WORKSHEETS / "electronics-plant.yaml"))
    s21 = {r.scenario: r for r in result.scenarios}["S-2.1"]
    assert not s21.tolerable_now and s21.meets_tolerable
    now = s21.now
    assert "SG-SIF-01" in {layer.safeguard for layer in now.not_credited}
    assert "R-05" in {layer.safeguard: layer.reason for layer in now.not_credited}["SG-SIF-01"]
    # now: 0.1 x 0.3 x 0.5 x 0.1 = 1.5e-3 /yr; planned x PFDavg(SIF-01)
    assert now.mitigated_frequency_per_yr == pytest.approx(1.5e-3)
    (v,) = verifications
    assert s21.mitigated_frequency_per_yr == pytest.approx(1.5e-3 * v.pfd_avg)
    # no double credit: the operator response and SIF-01 share no device
    credited = {layer.safeguard: set(layer.tags) for layer in s21.credited}
    assert not credited["SG-LSHH-402"] & credited["SG-SIF-01"]


def test_shared_final_element_is_refused_with_its_tag(write_study):
    op = (f"  - {{id: O1, description: operator closes XV-1, ipl: {{pfd: 0.1, response_time_min: 20, "
          f"uses: {{sensors: [LS-2], final_elements: [XV-1]}}, {FLAGS}}}}}")
    study = _study(write_study, "\n".join([SIF, op]), """\
          - {id: S1, cause: C2, consequence: Q1, safeguards: [T1, O1], lopa: true}""")
    (r,) = analyse(study)[0].scenarios
    refused = {layer.safeguard: layer.reason for layer in r.not_credited}
    assert "XV-1" in refused["O1"] and "T1" in refused["O1"]


def test_layer_sharing_the_initiating_event_equipment_is_refused(write_study):
    alarm = (f"  - {{id: A1, description: alarm on LT-1, ipl: {{pfd: 0.1, response_time_min: 30, "
             f"uses: {{sensors: [LT-1]}}, {FLAGS}}}}}")
    study = _study(write_study, alarm, """\
          - {id: S1, cause: C1, consequence: Q1, safeguards: [A1], lopa: true}""")
    (r,) = evaluate(study).scenarios
    (layer,) = r.not_credited
    assert "LT-1" in layer.reason and "initiating event" in layer.reason


def test_administrative_layer_needs_a_justification(write_study, tmp_path):
    permit = f"  - {{id: W1, description: entry permit, type: administrative, ipl: {{pfd: 0.1, {FLAGS}}}}}"
    justified = (f"  - {{id: W2, description: permit with audit, type: administrative, ipl: {{pfd: 0.1, {FLAGS}, "
                 f"justification: 'independent permit issuer, audited monthly (AUD-7)'}}}}")
    study = _study(write_study, "\n".join([permit, justified]), """\
          - {id: S1, cause: C2, consequence: Q1, safeguards: [W1, W2], lopa: true}""")
    (r,) = evaluate(study).scenarios
    decisions = {layer.safeguard: layer for layer in r.layers}
    assert not decisions["W1"].credited and "not an IPL by default" in decisions["W1"].reason
    assert decisions["W2"].credited
    row = worksheet(study, "en").iloc[0]
    assert "AUD-7" in row["Justification of administrative / PPE credit"]
    lint = CliRunner().invoke(cli, ["lint", str(tmp_path / "study.yaml")])
    assert "LOPA-JUSTIFIED" in lint.output and "W2" in lint.output and "W1 " not in lint.output


@pytest.mark.parametrize("claim", ["type: operator_response", "type: my_own_key, layer: alarm_operator",
                                   "type: alarm", "pfd: 0.1"])
def test_five_minute_operator_response_refused_under_any_key(write_study, claim):
    pfd = "" if "pfd" in claim else ", pfd: 0.1"
    sg = f"  - {{id: O1, description: operator, ipl: {{{claim}{pfd}, response_time_min: 5, {FLAGS}}}}}"
    study = _study(write_study, sg, """\
          - {id: S1, cause: C2, consequence: Q1, safeguards: [O1], lopa: true}""")
    (r,) = evaluate(study).scenarios
    (layer,) = r.layers
    assert not layer.credited and "at least 10 min" in layer.reason


@pytest.mark.parametrize("safeguard,expected", [
    ("{id: G1, description: x, status: proposed}", "study.yaml:3: safeguards[0]: a proposed safeguard needs "
                                                   "'recommendation'"),
    (f"{{id: G1, description: x, ipl: {{pfd: 0.1, uses: {{sensors: [LT-404]}}, {FLAGS}}}}}",
     "equipment tag 'LT-404' is declared by no equipment or SIF device; nearest known: "),
    ("{id: G1, description: x, ipl: {pfd: 0.1, response_time_min: ten}}", "study.yaml:3: safeguards[0].ipl."
                                                                          "response_time_min:"),
])
def test_bad_input_is_one_line(write_study, tmp_path, safeguard, expected):
    write_study(f"""\
        study: {{title: T}}
        equipment: [{{id: E1, tag: LT-401, type: transmitter}}]
        safeguards: [{safeguard}]
        sifs: [{{id: F1, description: trip}}]
        """)
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "study.yaml")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert expected in result.output
    (line,) = [x for x in result.output.splitlines() if expected in x]
    assert ".yaml:3: " in line


def test_unknown_ipl_key_lists_the_nearest_keys(write_study):
    sg = f"  - {{id: O1, description: operator, ipl: {{type: operator_respons, {FLAGS}}}}}"
    with pytest.raises(StudyError) as info:
        _study(write_study, sg, """\
          - {id: S1, cause: C2, consequence: Q1, safeguards: [O1], lopa: true}""")
    assert "nearest known: operator_response_10min" in str(info.value)


def test_validity_warning_outside_the_simplified_range():
    """lambda_DU 1e-4/h x T1 10 yr = 8.76: the issue's 1oo1 example; exact PFDavg = 1 - (1 - e^-8.76)/8.76."""
    import math

    from pse.lopa.verification import verify_sif
    from pse.model.schema import Sif, SifSubsystem

    sub = SifSubsystem(description="x", architecture="1oo1", lambda_du_per_h=1e-4, proof_test_interval_h=87600)
    v = verify_sif(Sif(id="F", description="d", sensors=sub, logic_solver=sub, final_elements=sub), equations=False)
    exact = 1 - (1 - math.exp(-8.76)) / 8.76
    assert any("8.76 > 0.1" in w and "Markov" in w and f"{exact:.3g}" in w for w in v.warnings)
    assert any("is not a probability" in w for w in v.warnings)


def test_gap_of_rrf_at_most_ten_says_what_closes_it(write_study):
    study = _study(write_study, "", """\
          - {id: S1, cause: C2, consequence: Q1, safeguards: [], lopa: true, tolerable_frequency_per_yr: 0.2}""")
    (r,) = evaluate(study).scenarios
    text = gap_action(r, "en")
    assert "RRF 4 <= 10" in text and "PFD <= 0.25" in text and "SIF of RRF >= 4" in text
    assert "scenario S1" in r.tolerable_source


def test_audit_trail_and_significant_figures_in_the_csv(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["lopa", str(WORKSHEETS / "electronics-plant.yaml"), "--lang", "en",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = (out / "lopa" / "lopa-worksheet.csv").read_text(encoding="utf-8")
    assert "00000000" not in text and "99999999" not in text
    assert "Probability of ignition of the toluene vapour cloud: 0.3 (CCPS 2014" in text
    assert "lopa.criteria[2] (tw-osha-5 S4, people): Example company criterion (fatality)" in text
    assert "S4 (matrix tw-osha-5)" in text and "2 (matrix seed001-hazop)" in text
    assert sig(0.0005000000000000001) == 0.0005


def test_high_demand_pfh_target_ignores_enabling_and_earlier_layers(write_study):
    """By hand, with the SIF declared high demand (continuous use of the trip).

    S1: D = 0.5 x 0.5 (enabling) x 0.1 (BPCS before) = 0.025/yr; S2: D = 0.8/yr.
    Required PFH = min over scenarios of f_tol / (8760 x P_after):
    S1 P_after = ignition 0.3 x PSV 0.01 = 3e-3 -> 1e-5 / 26.28 = 3.805e-7 /h (enabling 0.5 and the BPCS 0.1
    are demand terms and do not enter); S2 P_after = 1 -> 1e-5 / 8760 = 1.142e-9 /h.  The target is S2's.
    """
    study = _study(write_study, "\n".join([BPCS, PSV, SIF]), """\
          - id: S1
            cause: C1
            consequence: Q1
            safeguards: [B1, P1, T1]
            lopa: true
            enabling_conditions: [{description: filling season, probability: 0.5, source: plant log}]
            conditional_modifiers: [{description: ignition, probability: 0.3, source: CCPS 2014}]
          - {id: S2, cause: C2, consequence: Q1, safeguards: [T1], lopa: true, tolerable_frequency_per_yr: 1.0}""")
    study.sifs[0].demand_mode = "high"
    result, _ = analyse(study)
    (demand,) = result.sif_demands
    by_id = {r.scenario: r for r in result.scenarios}
    assert by_id["S1"].after_sif_probability == pytest.approx(0.3 * 0.01)
    assert by_id["S2"].after_sif_probability == pytest.approx(1.0)
    # S2's tolerable frequency is 1/yr: 1 / 8760 = 1.142e-4 /h; S1: 1e-5 / (8760 x 0.003) = 3.805e-7 /h
    assert demand.required_pfh_per_h == pytest.approx(1e-5 / (8760 * 0.003))
    assert demand.required_pfh_per_h == pytest.approx(3.805e-7, rel=1e-3)


def test_required_pfh_rule_by_hand():
    from pse.lopa.frequency import after_sif_probability, required_pfh_per_h

    assert after_sif_probability([0.5, 0.2], [0.01]) == pytest.approx(1e-3)
    assert required_pfh_per_h(1e-4, 1e-3) == pytest.approx(1e-4 / 8.76)       # 1.142e-5 /h
    assert required_pfh_per_h(1e-5) == pytest.approx(1.1416e-9, rel=1e-4)
    with pytest.raises(ValueError, match="probability must be in"):
        required_pfh_per_h(1e-5, 0.0)
