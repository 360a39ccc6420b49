"""ISO 13849-1 risk graph: all eight leaves (ISO 13849-1:2015 Annex A, Figure A.1) and bad input."""

from __future__ import annotations

import pytest

from pse.machinery import required_performance_level
from pse.machinery.plr import check_performance_level, pl_at_least

# The published graph: S1F1P1 a; S1F1P2 b; S1F2P1 b; S1F2P2 c; S2F1P1 c; S2F1P2 d; S2F2P1 d; S2F2P2 e.
LEAVES = [("S1", "F1", "P1", "a"), ("S1", "F1", "P2", "b"), ("S1", "F2", "P1", "b"), ("S1", "F2", "P2", "c"),
          ("S2", "F1", "P1", "c"), ("S2", "F1", "P2", "d"), ("S2", "F2", "P1", "d"), ("S2", "F2", "P2", "e")]


@pytest.mark.parametrize("severity, frequency, avoidance, expected", LEAVES)
def test_every_leaf_of_the_risk_graph(severity, frequency, avoidance, expected):
    assert required_performance_level(severity, frequency, avoidance) == expected


@pytest.mark.parametrize("args, field", [(("S3", "F1", "P1"), "severity"), (("S1", "F0", "P1"), "frequency"),
                                         (("S1", "F1", "P3"), "avoidance"), ((2, "F1", "P1"), "severity")])
def test_bad_parameters_are_named(args, field):
    with pytest.raises(ValueError, match=f"^{field}: "):
        required_performance_level(*args)


def test_pl_outside_a_to_e_is_refused():
    with pytest.raises(ValueError, match="not one of a, b, c, d, e"):
        check_performance_level("f")
    assert pl_at_least("e", "d") and not pl_at_least("c", "d")
