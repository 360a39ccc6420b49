"""Reference libraries for LOPA: initiating-event frequencies, IPL PFDs, conditional modifiers.

The values are versioned data files in ``pse/lopa/data/*.yaml`` (read with ``yaml.safe_load``).
Each file has ``edition``, ``source`` and ``entries``; each entry records its source, whether it
was checked against a public excerpt (``checked``, ``checked_against``) and an error factor for
Monte Carlo. A study overrides any entry, or adds its own, with ``overrides``: the study value
wins and the entry's ``source`` becomes ``"study"`` (the package source it replaced is kept in
``base_source``).

>>> lib = load_library("ipl_pfds")
>>> lib["relief_valve"].pfd
0.01
>>> lib = load_library("ipl_pfds", overrides={"relief_valve": {"pfd": 0.001, "notes": "plant data"}})
>>> lib["relief_valve"].pfd, lib["relief_valve"].source, lib["relief_valve"].checked
(0.001, 'study', False)
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any

__all__ = ["KINDS", "Entry", "load_library", "library_info"]

KINDS = ("initiating_events", "ipl_pfds", "conditional_modifiers")

# value keys allowed per library kind (exactly one per entry)
_VALUE_KEYS = {
    "initiating_events": ("frequency_per_yr", "probability_per_opportunity"),
    "ipl_pfds": ("pfd",),
    "conditional_modifiers": ("probability",),
}
_ALL_VALUE_KEYS = ("frequency_per_yr", "probability_per_opportunity", "pfd", "probability")
_FIELDS = {
    "id", "name", "range", "error_factor", "error_factor_source", "source", "checked",
    "checked_against", "notes", "category", "opportunity", "floor",
} | set(_ALL_VALUE_KEYS)
_NOT_OVERRIDABLE = {"id", "floor"}
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_CATEGORIES = ("conditional_modifier", "enabling_condition")


@dataclass(frozen=True)
class Entry:
    """One library value. Exactly one of ``frequency_per_yr``, ``probability_per_opportunity``,
    ``pfd``, ``probability`` is set (see :attr:`value` and :attr:`value_key`)."""

    id: str
    kind: str
    name: Mapping[str, str]
    source: str
    checked: bool
    checked_against: str | None = None
    frequency_per_yr: float | None = None
    probability_per_opportunity: float | None = None
    pfd: float | None = None
    probability: float | None = None
    range: tuple[float, float] | None = None
    error_factor: float | None = None
    error_factor_source: str | None = None
    notes: str = ""
    category: str | None = None
    opportunity: str | None = None
    floor: float | None = None
    base_source: str | None = field(default=None)

    @property
    def value_key(self) -> str:
        for key in _ALL_VALUE_KEYS:
            if getattr(self, key) is not None:
                return key
        raise AssertionError("entry without a value")  # pragma: no cover - validated on load

    @property
    def value(self) -> float:
        """The entry's number, whichever key holds it."""
        return getattr(self, self.value_key)


def _number(where: str, key: str, value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError(f"{where}: {key} must be a number, got {value!r}")
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{where}: {key} must be a number, got {value!r}") from None
    if math.isnan(x) or math.isinf(x):
        raise ValueError(f"{where}: {key} must be finite, got {value!r}")
    return x


def _make_entry(kind: str, raw: Mapping[str, Any], where: str, *, strict: bool,
                base_source: str | None = None) -> Entry:
    """One validated :class:`Entry` from its raw fields (``strict``: package data, not a study override)."""
    unknown = set(raw) - _FIELDS
    if unknown:
        raise ValueError(f"{where}: unknown field(s) {sorted(unknown)}")
    eid = raw.get("id")
    if not isinstance(eid, str) or not _ID.match(eid):
        raise ValueError(f"{where}: id must be a snake_case string, got {eid!r}")
    where = f"{where} ({eid})"
    key, value = _entry_value(kind, raw, where)
    floor = raw.get("floor")
    if floor is not None:
        floor = _number(where, "floor", floor)
        if value < floor:
            raise ValueError(f"{where}: {key} {value!r} is below the floor {floor!r} of this entry")
    rng = _entry_range(raw.get("range"), key, value, where, strict)
    ef = raw.get("error_factor")
    if ef is not None:
        ef = _number(where, "error_factor", ef)
        if ef < 1.0:
            raise ValueError(f"{where}: error_factor must be >= 1, got {ef!r}")
    name = _entry_name(raw.get("name"), where, strict)
    checked, checked_against, source = _entry_provenance(raw, where)
    category = raw.get("category")
    if kind == "conditional_modifiers" and category not in _CATEGORIES:
        raise ValueError(f"{where}: category must be one of {_CATEGORIES}, got {category!r}")
    return Entry(id=eid, kind=kind, name=MappingProxyType({str(k): str(v) for k, v in name.items()}),
                 source=source, checked=checked, checked_against=checked_against, range=rng, error_factor=ef,
                 error_factor_source=raw.get("error_factor_source"), notes=(raw.get("notes") or "").strip(),
                 category=category, opportunity=raw.get("opportunity"), floor=floor, base_source=base_source,
                 **{key: value})


def _entry_value(kind: str, raw: Mapping[str, Any], where: str) -> tuple[str, float]:
    """The one value key of the entry and its value (frequency >= 0, probabilities in (0, 1])."""
    keys = [k for k in _ALL_VALUE_KEYS if raw.get(k) is not None]
    allowed = _VALUE_KEYS[kind]
    if len(keys) != 1 or keys[0] not in allowed:
        raise ValueError(f"{where}: needs exactly one of {', '.join(allowed)}; got {keys or 'none'}")
    key = keys[0]
    value = _number(where, key, raw[key])
    if key == "frequency_per_yr":
        if value < 0:
            raise ValueError(f"{where}: frequency_per_yr must be >= 0, got {value!r}")
    elif not 0.0 < value <= 1.0:
        raise ValueError(f"{where}: {key} must be in (0, 1], got {value!r}")
    if key == "probability_per_opportunity" and not raw.get("opportunity"):
        raise ValueError(f"{where}: probability_per_opportunity needs 'opportunity' (per what?)")
    return key, value


def _entry_range(rng, key: str, value: float, where: str, strict: bool) -> tuple[float, float] | None:
    if rng is None:
        return None
    if not isinstance(rng, (list, tuple)) or len(rng) != 2:
        raise ValueError(f"{where}: range must be [low, high], got {rng!r}")
    low, high = (_number(where, "range", r) for r in rng)
    if not low <= high:
        raise ValueError(f"{where}: range low {low!r} > high {high!r}")
    if strict and not low <= value <= high:
        raise ValueError(f"{where}: {key} {value!r} outside its range [{low!r}, {high!r}]")
    return (low, high)


def _entry_name(name, where: str, strict: bool) -> Mapping[str, Any]:
    if isinstance(name, str):
        name = {"en": name}
    if not isinstance(name, Mapping) or not isinstance(name.get("en"), str):
        raise ValueError(f"{where}: name must be a mapping with at least 'en'")
    if strict and not isinstance(name.get("zh-TW"), str):
        raise ValueError(f"{where}: name needs 'zh-TW'")
    return name


def _entry_provenance(raw: Mapping[str, Any], where: str) -> tuple[bool, str | None, str]:
    """``(checked, checked_against, source)``: checked is a bool, a checked entry says against what."""
    checked = raw.get("checked")
    if not isinstance(checked, bool):
        raise ValueError(f"{where}: checked must be true or false, got {checked!r}")
    checked_against = raw.get("checked_against")
    if checked and not checked_against:
        raise ValueError(f"{where}: checked is true but checked_against is empty")
    source = raw.get("source")
    if not isinstance(source, str) or not source.strip():
        raise ValueError(f"{where}: source is required")
    return checked, checked_against.strip() if isinstance(checked_against, str) else None, source.strip()


def _check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown library {kind!r} ({', '.join(KINDS)})")
    return kind


@cache
def _package(kind: str) -> tuple[MappingProxyType, MappingProxyType]:
    """(metadata, entries) of a packaged library file; parsed once per process."""
    from importlib.resources import files

    from pse.packagedata import load_package_yaml

    path = files("pse.lopa").joinpath("data").joinpath(f"{kind}.yaml")
    doc = load_package_yaml(path.read_text(encoding="utf-8"))
    where = f"pse/lopa/data/{kind}.yaml"
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        raise ValueError(f"{where}: expected a mapping with an 'entries' list")
    for key in ("edition", "source"):
        if not doc.get(key):
            raise ValueError(f"{where}: missing top-level '{key}'")
    entries: dict[str, Entry] = {}
    for i, raw in enumerate(doc["entries"]):
        if not isinstance(raw, dict):
            raise ValueError(f"{where}: entries[{i}] must be a mapping")
        entry = _make_entry(kind, raw, f"{where}: entries[{i}]", strict=True)
        if entry.id in entries:
            raise ValueError(f"{where}: duplicate id {entry.id!r}")
        entries[entry.id] = entry
    meta = {k: v for k, v in doc.items() if k != "entries"}
    return MappingProxyType(meta), MappingProxyType(entries)


def _raw(entry: Entry) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "id": entry.id,
        "name": dict(entry.name),
        "range": list(entry.range) if entry.range else None,
        "error_factor": entry.error_factor,
        "error_factor_source": entry.error_factor_source,
        "notes": entry.notes,
        "category": entry.category,
        "opportunity": entry.opportunity,
        "floor": entry.floor,
        entry.value_key: entry.value,
    }
    return raw


def load_library(kind: str, overrides: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Entry]:
    """Load a reference library as ``{id: Entry}``.

    ``kind`` is ``initiating_events``, ``ipl_pfds`` or ``conditional_modifiers``. The packaged
    file is parsed once and cached; each call returns a new dict of frozen entries.

    ``overrides`` maps an id to study-supplied fields, e.g. ``{"relief_valve": {"pfd": 1e-3}}``.
    The study wins: given fields replace the package's (a new value key replaces the old one);
    ``source`` becomes ``"study"`` (or ``"study: <given source>"``); ``checked`` and
    ``checked_against`` come from the override only (default false / null) because the package
    check does not cover the study's value; ``base_source`` keeps the replaced source. An id not
    in the package adds a new entry (it needs a value and may give a ``name``). ``id`` and
    ``floor`` cannot be overridden, and a value below an entry's floor raises ValueError.
    """
    _check_kind(kind)
    _, package = _package(kind)
    result = dict(package)
    if not overrides:
        return result
    if not isinstance(overrides, Mapping):
        raise ValueError(f"overrides must be a mapping of id -> fields, got {type(overrides).__name__}")
    for eid, fields in overrides.items():
        where = f"override {kind}[{eid!r}]"
        if not isinstance(fields, Mapping):
            raise ValueError(f"{where}: expected a mapping of fields, got {fields!r}")
        forbidden = _NOT_OVERRIDABLE & set(fields)
        if forbidden:
            raise ValueError(f"{where}: field(s) {sorted(forbidden)} cannot be overridden")
        base = package.get(eid)
        raw: dict[str, Any] = _raw(base) if base is not None else {"id": eid, "name": {"en": eid}}
        if any(fields.get(k) is not None for k in _ALL_VALUE_KEYS):
            for k in _ALL_VALUE_KEYS:
                raw.pop(k, None)
        raw.update({k: v for k, v in fields.items() if k != "source"})
        if isinstance(fields.get("name"), Mapping) and base is not None:
            raw["name"] = {**base.name, **fields["name"]}
        given_source = fields.get("source")
        raw["source"] = f"study: {given_source}" if given_source else "study"
        raw["checked"] = fields.get("checked", False)
        raw["checked_against"] = fields.get("checked_against")
        result[eid] = _make_entry(kind, raw, where, strict=False,
                                  base_source=base.source if base is not None else None)
    return result


def library_info(kind: str) -> dict[str, Any]:
    """Top-level metadata of a packaged library (``edition``, ``source``, ...).

    >>> library_info("initiating_events")["edition"]
    '2026.11-1'
    """
    meta, _ = _package(_check_kind(kind))
    return dict(meta)
