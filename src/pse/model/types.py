"""Field types shared by the study model: IDs, references, probabilities, frequencies.

The constrained types carry the engineering rule in their error message, so a
study author reads ``must be a probability in (0, 1], got 1.5`` rather than a
generic validation text.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StrictInt, StrictStr


@dataclass(frozen=True)
class Ref:
    """Marks a string field as a reference to the ID of an object of ``kind``.

    ``kind`` is the ``kind`` class attribute of a model (``"cause"``,
    ``"safeguard"``...) or ``"*"`` for any object of the study.
    """

    kind: str


def _real(value: object) -> float:
    """A finite real number as YAML wrote it: no booleans, no text, no NaN or infinity.

    Pydantic's lax mode would read ``yes`` as 1.0 and ``.inf`` as infinity; a study that
    says ``tolerable_frequency_per_yr: yes`` is a typing slip, never a number.
    """
    if isinstance(value, bool):
        raise ValueError(f"must be a number, got the boolean {value!r} (write the number itself)")
    if isinstance(value, int):
        value = float(value) if abs(value) < 2 ** 1023 else math.inf
    if not isinstance(value, float):
        raise ValueError(f"must be a number, got {value!r}")
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"must be a finite number, got {value!r}")
    return value


def _whole(value: object) -> int:
    """A whole number: no booleans, no text, no 2.5 (2.0 is read as 2)."""
    if isinstance(value, bool):
        raise ValueError(f"must be a whole number, got the boolean {value!r}")
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if not isinstance(value, int):
        raise ValueError(f"must be a whole number, got {value!r}")
    return value


def _probability(value: float) -> float:
    if not (0.0 < value <= 1.0):
        raise ValueError(f"must be a probability in (0, 1], got {value!r}")
    return value


def _frequency(value: float) -> float:
    if value < 0:
        raise ValueError(f"a frequency cannot be negative, got {value!r} per year")
    if value == 0:
        raise ValueError("a frequency of 0 per year means the event cannot happen: remove it instead")
    return value


def _non_negative(value: float) -> float:
    if value < 0:
        raise ValueError(f"must be zero or positive, got {value!r}")
    return value


def _positive(value: float) -> float:
    if value <= 0:
        raise ValueError(f"must be greater than zero, got {value!r}")
    return value


def _fraction(value: float) -> float:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"must be a fraction in [0, 1], got {value!r}")
    return value


#: scripts whose letters are look-alikes of Latin ones (Cyrillic 'С', Greek 'Ο'...); an ID mixing them with
#: Latin, or made of them, cannot be told from a Latin ID on paper (Unicode UTS #39, confusables)
_LOOKALIKE_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC", "LISU", "MATHEMATICAL")


def _id_problem(value: str) -> str | None:
    """Why ``value`` cannot be an ID (invisible, control, look-alike characters), or None.

    >>> _id_problem("S-1.2") is None, _id_problem("S\u200b-1")
    (True, 'contains the invisible or control character U+200B')
    >>> _id_problem("\u0421-1")
    "contains 'С' (U+0421 CYRILLIC CAPITAL LETTER ES), a look-alike of a Latin letter"
    """
    if value.isascii() and value.isprintable() and " " not in value:
        return None   # plain ASCII letters, digits and signs: no invisible, compatibility or look-alike form
    import unicodedata

    for char in value:
        category = unicodedata.category(char)
        if category[0] in "CZ":   # controls, format (zero-width, bidi), surrogates, unassigned, spaces
            return f"contains the invisible or control character U+{ord(char):04X}"
    if unicodedata.normalize("NFKC", value) != value:
        return (f"is not in Unicode normal form (NFKC: {unicodedata.normalize('NFKC', value)!r}): "
                "full-width or compatibility characters look like others")
    for char in value:
        name = unicodedata.name(char, "")
        if name.startswith(_LOOKALIKE_SCRIPTS):
            return f"contains {char!r} (U+{ord(char):04X} {name}), a look-alike of a Latin letter"
    return None


def _id(value: object) -> object:
    if type(value) is str and value.isascii() and value.isprintable() and " " not in value:
        return value   # the common case, as _id_problem finds it, without the call
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(f"IDs are text: write it in quotes ('{value}') so that YAML keeps it exactly")
    if isinstance(value, str):
        problem = _id_problem(value)
        if problem:
            raise ValueError(f"the ID {value!r} {problem}")
    return value


def _date(value: object) -> object:
    if isinstance(value, _dt.datetime):
        return value.date()
    return value


#: every real-valued field of the model: finite, never a boolean or text (see :func:`_real`)
Real = Annotated[float, BeforeValidator(_real)]
#: every whole-number field of the model: never a boolean, text or 2.5
Whole = Annotated[int, BeforeValidator(_whole)]
Probability = Annotated[Real, AfterValidator(_probability),
                        Field(description="probability, 0 < p <= 1")]
FrequencyPerYr = Annotated[Real, AfterValidator(_frequency),
                           Field(description="frequency per year, > 0")]
NonNegative = Annotated[Real, AfterValidator(_non_negative)]
#: a time, length or size that must be > 0 (proof-test interval, radius...)
Positive = Annotated[Real, AfterValidator(_positive)]
#: a fraction 0..1 (beta factor, proof-test coverage)
Fraction = Annotated[Real, AfterValidator(_fraction)]
Id = Annotated[StrictStr, BeforeValidator(_id),
               Field(pattern=r"^[^\s]+$", description="stable ID, unique in the study (no spaces)")]
Date = Annotated[_dt.date, BeforeValidator(_date), Field(description="date, YYYY-MM-DD")]
#: a severity or likelihood level of the study's risk matrix: 'S2', 'P3', or its rank 2
Level = Annotated[StrictStr | StrictInt,
                  Field(description="level of the risk matrix: its ID ('S2', 'P3') or rank (2)")]


_OVERRIDE_NUMBERS = {
    "frequency_per_yr": (_frequency,), "probability_per_opportunity": (_probability,),
    "pfd": (_probability,), "probability": (_probability,), "floor": (_probability,),
}


def _override(value: object) -> object:
    """A library override: its numbers are held to the rules of the study fields they replace."""
    if not isinstance(value, dict):
        raise ValueError(f"a library override is a mapping of fields, got {value!r}")
    for key, checks in _OVERRIDE_NUMBERS.items():
        if value.get(key) is not None:
            number = _real(value[key])
            for check in checks:
                number = check(number)
    if value.get("error_factor") is not None and _real(value["error_factor"]) < 1:
        raise ValueError(f"error_factor must be at least 1, got {value['error_factor']!r}")
    if value.get("range") is not None:
        bounds = value["range"]
        if not isinstance(bounds, list) or len(bounds) != 2:
            raise ValueError(f"range must be [low, high], got {bounds!r}")
        low, high = (_non_negative(_real(b)) for b in bounds)
        if low > high:
            raise ValueError(f"range [low, high] has low > high: {bounds!r}")
    return value


#: an override of one entry of a packaged library (lopa.initiating_events, lopa.ipl_pfds)
LibraryOverride = Annotated[dict, BeforeValidator(_override)]


def ref(kind: str, description: str | None = None) -> Any:
    """A string type that must be the ID of a ``kind`` object of the study (built at run time).

    The model uses the aliases below (``CauseRef``...), which type checkers accept; this builder is
    kept for references of other kinds in extensions.
    """
    desc = description or f"ID of a {kind if kind != '*' else 'study object'}"
    return Annotated[StrictStr, BeforeValidator(_id), Ref(kind), Field(description=desc)]


# --------------------------------------------------------------------------- references
# One alias per kind of object, written out (not built by a function) so that type checkers read them
# as types: ``cause: CauseRef``.  Validation reads the :class:`Ref` marker (see pse.model.validate).
CauseRef = Annotated[StrictStr, BeforeValidator(_id), Ref("cause"),
                     Field(description="ID of a cause")]
ConsequenceRef = Annotated[StrictStr, BeforeValidator(_id), Ref("consequence"),
                           Field(description="ID of a consequence")]
DangerZoneRef = Annotated[StrictStr, BeforeValidator(_id), Ref("danger_zone"),
                          Field(description="ID of a danger_zone")]
DeviationRef = Annotated[StrictStr, BeforeValidator(_id), Ref("deviation"),
                         Field(description="ID of a deviation")]
EquipmentRef = Annotated[StrictStr, BeforeValidator(_id), Ref("equipment"),
                         Field(description="ID of a equipment")]
MachineHazardRef = Annotated[StrictStr, BeforeValidator(_id), Ref("machine_hazard"),
                             Field(description="ID of a machine_hazard")]
MachineTaskRef = Annotated[StrictStr, BeforeValidator(_id), Ref("machine_task"),
                           Field(description="ID of a machine_task")]
NodeRef = Annotated[StrictStr, BeforeValidator(_id), Ref("node"),
                    Field(description="ID of a node")]
RecommendationRef = Annotated[StrictStr, BeforeValidator(_id), Ref("recommendation"),
                              Field(description="ID of a recommendation")]
RoomRef = Annotated[StrictStr, BeforeValidator(_id), Ref("room"),
                    Field(description="ID of a room")]
SafeguardRef = Annotated[StrictStr, BeforeValidator(_id), Ref("safeguard"),
                         Field(description="ID of a safeguard")]
SafetyFunctionRef = Annotated[StrictStr, BeforeValidator(_id), Ref("safety_function"),
                              Field(description="ID of a safety_function")]
SifRef = Annotated[StrictStr, BeforeValidator(_id), Ref("sif"),
                   Field(description="ID of a sif")]
SubstanceRef = Annotated[StrictStr, BeforeValidator(_id), Ref("substance"),
                         Field(description="ID of a substance")]
