"""Field types shared by the study model: IDs, references, probabilities, frequencies.

The constrained types carry the engineering rule in their error message, so a
study author reads ``must be a probability in (0, 1], got 1.5`` rather than a
generic validation text.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, StrictInt, StrictStr


@dataclass(frozen=True)
class Ref:
    """Marks a string field as a reference to the ID of an object of ``kind``.

    ``kind`` is the ``kind`` class attribute of a model (``"cause"``,
    ``"safeguard"``...) or ``"*"`` for any object of the study.
    """

    kind: str


def _probability(value: float) -> float:
    if isinstance(value, bool) or not (0.0 < value <= 1.0) or math.isnan(value):
        raise ValueError(f"must be a probability in (0, 1], got {value!r}")
    return float(value)


def _frequency(value: float) -> float:
    if isinstance(value, bool) or math.isnan(value) or math.isinf(value):
        raise ValueError(f"must be a finite frequency per year, got {value!r}")
    if value < 0:
        raise ValueError(f"a frequency cannot be negative, got {value!r} per year")
    if value == 0:
        raise ValueError("a frequency of 0 per year means the event cannot happen: remove it instead")
    return float(value)


def _non_negative(value: float) -> float:
    if isinstance(value, bool) or math.isnan(value) or value < 0:
        raise ValueError(f"must be zero or positive, got {value!r}")
    return float(value)


def _id(value: object) -> object:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(f"IDs are text: write it in quotes ('{value}') so that YAML keeps it exactly")
    return value


def _date(value: object) -> object:
    if isinstance(value, _dt.datetime):
        return value.date()
    return value


Probability = Annotated[float, AfterValidator(_probability),
                        Field(description="probability, 0 < p <= 1")]
FrequencyPerYr = Annotated[float, AfterValidator(_frequency),
                           Field(description="frequency per year, > 0")]
NonNegative = Annotated[float, AfterValidator(_non_negative)]
Id = Annotated[StrictStr, BeforeValidator(_id),
               Field(pattern=r"^[^\s]+$", description="stable ID, unique in the study (no spaces)")]
Date = Annotated[_dt.date, BeforeValidator(_date), Field(description="date, YYYY-MM-DD")]
#: a severity or likelihood level of the study's risk matrix: 'S2', 'P3', or its rank 2
Level = Annotated[StrictStr | StrictInt,
                  Field(description="level of the risk matrix: its ID ('S2', 'P3') or rank (2)")]


def ref(kind: str, description: str | None = None):
    """A string type that must be the ID of a ``kind`` object of the study."""
    desc = description or f"ID of a {kind if kind != '*' else 'study object'}"
    return Annotated[StrictStr, BeforeValidator(_id), Ref(kind), Field(description=desc)]
