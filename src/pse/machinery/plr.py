"""ISO 13849-1 risk graph: the required performance level PLr of a safety function."""

from __future__ import annotations

PERFORMANCE_LEVELS = ("a", "b", "c", "d", "e")

_CHOICES = {"severity": ("S1", "S2"), "frequency": ("F1", "F2"), "avoidance": ("P1", "P2")}


def required_performance_level(severity: str, frequency: str, avoidance: str) -> str:
    """Required performance level PLr from the ISO 13849-1 risk graph.

    PLr = graph(S, F, P), read from ISO 13849-1:2015 Annex A, Figure A.1 (the eight leaves are package data,
    ``data/risk_graph.yaml``):

    - severity of injury S1 (slight, reversible) or S2 (serious, irreversible or death);
    - frequency and/or exposure time F1 (seldom/short) or F2 (frequent/long);
    - possibility of avoiding the hazard or limiting harm P1 (possible) or P2 (scarcely possible).

    Returns 'a' (lowest) .. 'e' (highest).

    >>> required_performance_level("S2", "F2", "P2")
    'e'
    >>> required_performance_level("S1", "F1", "P1")
    'a'
    """
    from pse.machinery.data import load

    values = {"severity": severity, "frequency": frequency, "avoidance": avoidance}
    for name, value in values.items():
        choices = _CHOICES[name]
        if not isinstance(value, str) or value.upper() not in choices:
            raise ValueError(f"{name}: {value!r} is not one of {', '.join(choices)}")
    key = "".join(values[n].upper() for n in ("severity", "frequency", "avoidance"))
    return load("risk_graph.yaml")["leaves"][key]


def check_performance_level(value) -> str:
    """A PL letter 'a'..'e' (case-insensitive), or a ValueError naming the allowed values.

    >>> check_performance_level("D")
    'd'
    """
    if not isinstance(value, str) or value.lower() not in PERFORMANCE_LEVELS:
        raise ValueError(f"performance level {value!r} is not one of a, b, c, d, e")
    return value.lower()


def pl_at_least(achieved: str, required: str) -> bool:
    """True when PL ``achieved`` is at least PL ``required`` (a < b < c < d < e).

    >>> pl_at_least("d", "c"), pl_at_least("b", "c")
    (True, False)
    """
    return PERFORMANCE_LEVELS.index(check_performance_level(achieved)) >= \
        PERFORMANCE_LEVELS.index(check_performance_level(required))
