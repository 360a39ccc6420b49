"""IPL credit rules: each rule has a case that passes and a case that refuses credit."""

from __future__ import annotations

import pytest

from pse.lopa.credit import (
    credit_layers,
    limited_pfd,
    rule_bpcs_not_initiator,
    rule_core_attributes,
    rule_evidence,
    rule_one_bpcs_layer,
    rule_operator_response_time,
)
from pse.model.schema import IplClaim, Safeguard

FULL = dict(independent=True, specific=True, dependable=True, auditable=True, evidence="test records T-1")


def sg(sid, **ipl):
    return Safeguard(id=sid, description=sid, ipl=IplClaim(**ipl) if ipl is not None else None)


@pytest.mark.parametrize("missing", ["independent", "specific", "dependable", "auditable"])
def test_core_attributes_each_required(missing):
    claim = IplClaim(**{**FULL, missing: False})
    assert rule_core_attributes(claim) == f"not recorded as {missing}"
    assert rule_core_attributes(IplClaim(**FULL)) is None


def test_evidence_required():
    assert rule_evidence(IplClaim(**{**FULL, "evidence": "  "})) is not None
    assert rule_evidence(IplClaim(**FULL)) is None


def test_bpcs_not_credited_when_initiating_event_is_bpcs_failure():
    bpcs = IplClaim(**FULL, bpcs=True, pfd=0.1)
    assert "initiating event is a BPCS failure" in rule_bpcs_not_initiator(bpcs, True)
    assert rule_bpcs_not_initiator(bpcs, False) is None
    assert rule_bpcs_not_initiator(IplClaim(**FULL, type="relief_valve"), True) is None


def test_bpcs_by_library_type_counts_as_bpcs():
    assert rule_bpcs_not_initiator(IplClaim(**FULL, type="bpcs_loop"), True) is not None


def test_at_most_one_bpcs_layer():
    bpcs = IplClaim(**FULL, bpcs=True)
    assert rule_one_bpcs_layer(bpcs, bpcs_already_credited=True) is not None
    assert rule_one_bpcs_layer(bpcs, bpcs_already_credited=False) is None
    decisions = credit_layers([sg("B1", **FULL, bpcs=True, pfd=0.1), sg("B2", **FULL, bpcs=True, pfd=0.1)],
                              False, lambda s: s.ipl.pfd)
    assert [d.credited for d in decisions] == [True, False]
    assert "one BPCS credit at most" in decisions[1].reason


def test_bpcs_pfd_not_below_0_1():
    pfd, note = limited_pfd(IplClaim(**FULL, bpcs=True), 0.01)
    assert pfd == 0.1 and "raised to 0.1" in note
    assert limited_pfd(IplClaim(**FULL, bpcs=True), 0.2) == (0.2, "")
    assert limited_pfd(IplClaim(**FULL, type="relief_valve"), 0.01) == (0.01, "")


def test_operator_response_needs_10_minutes_and_pfd_at_least_0_1():
    quick = IplClaim(**FULL, type="operator_response_10min", response_time_min=9.9)
    enough = IplClaim(**FULL, type="operator_response_10min", response_time_min=10)
    unknown = IplClaim(**FULL, type="operator_response_10min")
    assert "at least 10 min" in rule_operator_response_time(quick)
    assert rule_operator_response_time(enough) is None
    assert "without a recorded response time" in rule_operator_response_time(unknown)
    assert limited_pfd(enough, 0.05)[0] == 0.1


def test_uncredited_safeguards_stay_with_reason():
    decisions = credit_layers([sg("G1", **FULL, pfd=0.01), Safeguard(id="G2", description="gas detector"),
                               sg("G3", independent=True, pfd=0.01)], False, lambda s: s.ipl.pfd)
    assert [(d.safeguard, d.credited) for d in decisions] == [("G1", True), ("G2", False), ("G3", False)]
    assert decisions[1].reason == "not claimed as an IPL"
    assert "not recorded as specific, dependable, auditable" in decisions[2].reason
    assert "no evidence reference" in decisions[2].reason


def test_layer_without_pfd_is_not_credited():
    (decision,) = credit_layers([sg("G1", **FULL)], False, lambda s: None)
    assert not decision.credited and "no PFD" in decision.reason
