"""Pydantic models of a risk matrix declared as data.

A risk matrix is a table of *severity* x *likelihood* -> *risk level*, with the
scales, the levels (name, required action, acceptability, colour) and the
provenance of every cell.  The same mapping is used by the presets shipped in
``pse/risk/data/*.yaml`` and by a study file under ``risk_matrices: {NAME: ...}``.

This module imports pydantic only, so the study model can embed
``dict[str, MatrixSpec]`` cheaply.

Example
-------
>>> spec = MatrixSpec.model_validate({
...     'id': 'tiny', 'name': 'Two by two', 'source': 'study-declared',
...     'checked': False, 'worst': 'high', 'level_worst': 'high',
...     'severity': [{'id': 'S1', 'rank': 1, 'name': 'Minor'},
...                  {'id': 'S2', 'rank': 2, 'name': 'Major'}],
...     'likelihood': [{'id': 'P1', 'rank': 1, 'name': 'Rare'},
...                    {'id': 'P2', 'rank': 2, 'name': 'Often'}],
...     'levels': [{'level': 1, 'name': 'Low', 'action': 'none', 'acceptable': True, 'colour': '#00ff00'},
...                {'level': 2, 'name': 'High', 'action': 'reduce', 'acceptable': False, 'colour': '#ff0000'}],
...     'cells': {'S1': {'P1': 1, 'P2': 1}, 'S2': {'P1': 1, 'P2': 2}}})
>>> spec.levels[1].name
{'en': 'High'}
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    model_validator,
)

__all__ = [
    "LocalText",
    "FrequencyBand",
    "SeverityEntry",
    "LikelihoodEntry",
    "LevelEntry",
    "ReconstructedCell",
    "MatrixSpec",
]

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


def _local_text(value: object) -> object:
    """A plain string is English text: ``'Minor'`` -> ``{'en': 'Minor'}``."""
    if isinstance(value, str):
        return {"en": value}
    return value


def _non_empty_text(value: dict[str, str]) -> dict[str, str]:
    if not value:
        raise ValueError("text needs at least one language, e.g. {en: ...}")
    for lang, text in value.items():
        if not text.strip():
            raise ValueError(f"text for language {lang!r} is empty")
    return value


#: Text in several languages, ``{en: ..., zh-TW: ...}``; a plain string is English.
LocalText = Annotated[
    dict[StrictStr, StrictStr],
    BeforeValidator(_local_text),
    AfterValidator(_non_empty_text),
]


def _text_id(value: object) -> object:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(f"IDs are text: write it in quotes ('{value}') so that YAML keeps it exactly")
    return value


#: A severity or likelihood ID such as ``'S2'`` or ``'P3'``.
ScaleId = Annotated[StrictStr, BeforeValidator(_text_id), Field(min_length=1)]


def _colour(value: str) -> str:
    if not _COLOUR.match(value):
        raise ValueError(f"colour must be #RRGGBB (e.g. '#2e7d32'), got {value!r}")
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FrequencyBand(_Model):
    """Frequency band of a likelihood category, per year: ``min <= f < max``.

    ``max: null`` leaves the band open above (the most frequent category).
    """

    min: float = 0.0
    max: float | None = None

    @model_validator(mode="after")
    def _check(self) -> FrequencyBand:
        if math.isnan(self.min) or math.isinf(self.min) or self.min < 0:
            raise ValueError(f"frequency band min must be a finite frequency >= 0 per year, got {self.min!r}")
        if self.max is not None:
            if math.isnan(self.max) or self.max <= self.min:
                raise ValueError(f"frequency band max ({self.max!r}) must be above min ({self.min!r})")
        return self


class SeverityEntry(_Model):
    """One category of the severity scale (e.g. ``S4 Major``)."""

    id: ScaleId
    rank: Annotated[StrictInt, Field(ge=1)]
    name: LocalText
    description: LocalText | None = None


class LikelihoodEntry(SeverityEntry):
    """One category of the likelihood scale, with an optional frequency band."""

    frequency_per_yr: FrequencyBand | None = None


class LevelEntry(_Model):
    """One risk level: its number, name, required action, acceptability and colour."""

    level: StrictInt
    name: LocalText
    action: LocalText
    acceptable: StrictBool
    colour: Annotated[StrictStr, AfterValidator(_colour)]
    note: LocalText | None = None


class ReconstructedCell(_Model):
    """A cell inferred rather than read from the source, with the reasoning."""

    severity: ScaleId
    likelihood: ScaleId
    note: Annotated[StrictStr, Field(min_length=1)]


def _unique(kind: str, values: list, where: str) -> None:
    seen: set = set()
    for value in values:
        key = value.casefold() if isinstance(value, str) else value
        if key in seen:
            raise ValueError(f"matrix {where!r}: {kind} {value!r} is declared more than once")
        seen.add(key)


class MatrixSpec(_Model):
    """A whole risk matrix as data (the format of ``pse/risk/data/*.yaml``).

    ``worst`` says which end of the severity and likelihood ranks is worst
    (``'high'``: S4 is worst; ``'low'``: 1 is worst); ``level_worst`` says the
    same of the risk-level numbers.  ``cells`` maps severity ID -> likelihood
    ID -> level and must hold every combination exactly once.
    """

    id: Annotated[StrictStr, Field(min_length=1)]
    name: LocalText
    source: Annotated[StrictStr, Field(min_length=1)]
    edition: StrictStr | None = None
    checked: StrictBool
    worst: Literal["high", "low"]
    level_worst: Literal["high", "low"]
    note: LocalText | None = None
    severity: Annotated[list[SeverityEntry], Field(min_length=1)]
    likelihood: Annotated[list[LikelihoodEntry], Field(min_length=1)]
    levels: Annotated[list[LevelEntry], Field(min_length=1)]
    cells: dict[ScaleId, dict[ScaleId, StrictInt]]
    reconstructed: list[ReconstructedCell] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_matrix(self) -> MatrixSpec:
        mid = self.id
        for kind, entries in (("severity", self.severity), ("likelihood", self.likelihood)):
            _unique(f"{kind} id", [e.id for e in entries], mid)
            _unique(f"{kind} rank", [e.rank for e in entries], mid)
        _unique("risk level", [lv.level for lv in self.levels], mid)

        sev_ids = [e.id for e in sorted(self.severity, key=lambda e: e.rank)]
        lik_ids = [e.id for e in sorted(self.likelihood, key=lambda e: e.rank)]
        level_values = sorted(lv.level for lv in self.levels)

        for s in self.cells:
            if s not in sev_ids:
                raise ValueError(
                    f"matrix {mid!r}: cells row {s!r} is not a declared severity ({', '.join(sev_ids)})"
                )
        for s in sev_ids:
            row = self.cells.get(s)
            if row is None:
                raise ValueError(f"matrix {mid!r}: cells row for severity {s!r} is missing")
            for p in row:
                if p not in lik_ids:
                    raise ValueError(
                        f"matrix {mid!r}: cell ({s}, {p}) names likelihood {p!r}, "
                        f"which is not declared ({', '.join(lik_ids)})"
                    )
            for p in lik_ids:
                if p not in row:
                    raise ValueError(f"matrix {mid!r}: cell ({s}, {p}) is missing")
                if row[p] not in level_values:
                    raise ValueError(
                        f"matrix {mid!r}: cell ({s}, {p}) = {row[p]} is not a declared risk level "
                        f"({', '.join(map(str, level_values))})"
                    )

        seen: set[tuple[str, str]] = set()
        for rc in self.reconstructed:
            cell = (rc.severity, rc.likelihood)
            if rc.severity not in sev_ids or rc.likelihood not in lik_ids:
                raise ValueError(f"matrix {mid!r}: reconstructed cell ({cell[0]}, {cell[1]}) is not a cell of "
                                 "the matrix")
            if cell in seen:
                raise ValueError(f"matrix {mid!r}: reconstructed cell ({cell[0]}, {cell[1]}) is listed twice")
            seen.add(cell)

        self._check_bands()
        return self

    def _check_bands(self) -> None:
        banded = [e for e in self.likelihood if e.frequency_per_yr is not None]
        if not banded:
            return
        if len(banded) != len(self.likelihood):
            missing = [e.id for e in self.likelihood if e.frequency_per_yr is None]
            raise ValueError(
                f"matrix {self.id!r}: likelihood {', '.join(missing)} has no frequency_per_yr band; "
                "give a band to every likelihood or to none"
            )
        # from least to most likely: bands must rise and must not overlap
        order = sorted(banded, key=lambda e: e.rank, reverse=(self.worst == "low"))
        for lo, hi in zip(order, order[1:], strict=False):
            lo_band, hi_band = lo.frequency_per_yr, hi.frequency_per_yr
            assert lo_band is not None and hi_band is not None      # every entry of `banded` has a band
            if lo_band.max is None or lo_band.max > hi_band.min:
                raise ValueError(
                    f"matrix {self.id!r}: frequency band of {lo.id} overlaps or lies above that of "
                    f"{hi.id}, which is more likely"
                )


# ---- reading a matrix file ----------------------------------------------------
def read_matrix_yaml(text: str, where: str, *, trusted: bool = False) -> Any:
    """Parse a matrix file with PyYAML's *safe* loader, rejecting duplicate keys (a cell given twice).

    ``trusted`` (pse's own presets): libyaml's C parser with the same safe constructors (0.03 s -> 0.003 s
    per preset, read by every ``pse check``); a user's file keeps the pure-Python parser and its messages.
    """
    import yaml

    base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if trusted else yaml.SafeLoader
    _UniqueKeyLoader: Any = type("_UniqueKeyLoader", (base,), {})   # a SafeLoader either way

    def _mapping(loader, node, deep=False):
        keys = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in keys:
                mark = key_node.start_mark
                raise ValueError(f"{where}: key {key!r} is given twice (line {mark.line + 1})")
            keys.add(key)
        return loader.construct_mapping(node, deep=deep)

    _UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass


def spec_from(data: Any, where: str) -> MatrixSpec:
    """A :class:`MatrixSpec` from parsed YAML (or a spec as is); ``where`` names the source in the error."""
    if isinstance(data, MatrixSpec):
        return data
    if not isinstance(data, Mapping):
        raise ValueError(f"{where}: a risk matrix must be a mapping, got {type(data).__name__}")
    from pydantic import ValidationError

    try:
        return MatrixSpec.model_validate(dict(data))
    except ValidationError as exc:
        raise ValueError(f"{where}: invalid risk matrix\n{exc}") from exc
