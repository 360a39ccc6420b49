"""Guide words, parameters and their meaningful combinations (package data, study-extensible).

Package data (``pse/hazop/data``):

* ``guide_words.yaml`` - the eleven IEC 61882:2016 guide words (no/not, more, less, as well
  as, part of, reverse, other than, early, late, before, after) with their meaning;
* ``parameters.yaml`` - process parameters and, for each, the guide words that give a
  meaningful deviation with the deviation's name in English and zh-TW;
* ``suggestions.yaml`` - typical causes, consequences and safeguards by equipment type.

A study extends the library with ``hazop.guide_words`` / ``hazop.parameters`` and restricts it
with ``hazop.use_guide_words`` / ``hazop.use_parameters``.

>>> lib = load_library()
>>> lib.deviation_name("more", "flow"), lib.deviation_name("no", "flow", "zh-TW")
('High flow', '無流量')
>>> lib.guide_word("NOT"), lib.parameter("concentration")
('no', 'composition')
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cache


@dataclass(frozen=True)
class GuideWord:
    """A guide word: ID, name and meaning in each language, accepted aliases."""

    id: str
    name: dict
    meaning: dict
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Parameter:
    """A parameter and its meaningful guide words -> deviation names."""

    id: str
    name: dict
    deviations: dict            # guide word ID -> {en: ..., zh-TW: ...}
    aliases: tuple[str, ...] = ()


class UnknownTermError(ValueError):
    """A guide word or parameter that is not in the library (message has a did-you-mean hint)."""


def _text(texts: dict, lang: str) -> str:
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


@dataclass
class HazopLibrary:
    """The guide words and parameters in force for a study, in library order."""

    guide_words: dict[str, GuideWord]
    parameters: dict[str, Parameter]
    source: dict = field(default_factory=dict)
    excluded_guide_words: frozenset = frozenset()
    excluded_parameters: frozenset = frozenset()

    # -- names ------------------------------------------------------------------------------
    def _resolve(self, text, table: dict, what: str, excluded: frozenset) -> str:
        if text is False:          # a bare `no` read as a YAML 1.1 boolean
            text = "no"
        key = str(text).strip().casefold().replace("_", " ")
        for entry in table.values():
            names = {entry.id.casefold(), *(a.casefold().replace("_", " ") for a in entry.aliases),
                     *(n.casefold() for n in entry.name.values())}
            if key in names:
                if entry.id in excluded:
                    raise UnknownTermError(f"{what} '{entry.id}' is excluded by the study "
                                           f"(hazop.use_{what.replace(' ', '_')}s)")
                return entry.id
        known = [e.id for e in table.values() if e.id not in excluded]
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(known)})"
        raise UnknownTermError(f"unknown {what} {str(text)!r}{hint}")

    def guide_word(self, text) -> str:
        """The guide-word ID of ``text`` (ID, alias or name in any language); raises UnknownTermError."""
        return self._resolve(text, self.guide_words, "guide word", self.excluded_guide_words)

    def parameter(self, text) -> str:
        """The parameter ID of ``text`` (ID, alias or name in any language); raises UnknownTermError."""
        return self._resolve(text, self.parameters, "parameter", self.excluded_parameters)

    def term_label(self, what: str, term_id: str, lang: str) -> str:
        """A guide word or parameter as the worksheet shows it: its ID in English, its name in ``lang`` else.

        The ID is the English term of IEC 61882 (``no``, ``as well as``); every name and alias is
        read back on import (:meth:`guide_word`, :meth:`parameter`).

        >>> lib = load_library()
        >>> lib.term_label("guide word", "no", "zh-TW"), lib.term_label("parameter", "flow", "zh-TW")
        ('無', '流量')
        >>> lib.term_label("guide word", "no", "en")
        'no'
        """
        if lang == "en":
            return term_id
        table = self.guide_words if what == "guide word" else self.parameters
        entry = table.get(term_id)
        return (entry.name.get(lang) if entry is not None else None) or term_id

    def is_meaningful(self, guide_word: str, parameter: str) -> bool:
        """Is guide word x parameter in the table of meaningful combinations?"""
        return guide_word in self.parameters[parameter].deviations

    def deviation_name(self, guide_word: str, parameter: str, lang: str = "en") -> str:
        """Name of the deviation ('High flow'); 'more pressure' style when not in the table."""
        texts = self.parameters[parameter].deviations.get(guide_word)
        if texts:
            return _text(texts, lang)
        return f"{_text(self.guide_words[guide_word].name, lang)} {_text(self.parameters[parameter].name, lang)}"

    def meaningful_deviations(self, parameters) -> list[tuple[str, str]]:
        """``(guide word, parameter)`` pairs to study for these parameters, in library order.

        Parameter order is the caller's; guide words follow the IEC 61882 order of the library.

        >>> load_library().meaningful_deviations(["pressure", "temperature"])
        [('more', 'pressure'), ('less', 'pressure'), ('more', 'temperature'), ('less', 'temperature')]
        """
        pairs = []
        for name in parameters:
            pid = self.parameter(name)
            for gw in self.guide_words:
                if gw not in self.excluded_guide_words and gw in self.parameters[pid].deviations:
                    pairs.append((gw, pid))
        return pairs


@cache
def _package_data(name: str) -> dict:
    from importlib.resources import files

    from pse.packagedata import load_package_yaml

    return load_package_yaml((files("pse.hazop") / "data" / f"{name}.yaml").read_text(encoding="utf-8"))


def _guide_word_key(key) -> str:
    return "no" if key is False else str(key)


def load_library(settings=None) -> HazopLibrary:
    """The library in force: package data, extended and restricted by ``study.hazop`` settings."""
    gw_data = _package_data("guide_words")
    par_data = _package_data("parameters")
    guide_words = {
        _guide_word_key(k): GuideWord(_guide_word_key(k), dict(v["name"]), dict(v.get("meaning") or {}),
                                      tuple(str(a) for a in v.get("aliases") or ()))
        for k, v in gw_data["guide_words"].items()}
    parameters = {
        k: Parameter(k, dict(v["name"]), {_guide_word_key(g): dict(t) for g, t in v["deviations"].items()},
                     tuple(v.get("aliases") or ()))
        for k, v in par_data["parameters"].items()}
    excluded_gw: set = set()
    excluded_par: set = set()
    if settings is not None:
        for key, spec in settings.guide_words.items():
            guide_words[key] = GuideWord(key, dict(spec.name), dict(spec.meaning), tuple(spec.aliases))
        for key, spec in settings.parameters.items():
            base = parameters.get(key)
            deviations = dict(base.deviations) if base else {}
            deviations.update({_guide_word_key(g): dict(t) for g, t in spec.deviations.items()})
            parameters[key] = Parameter(key, dict(spec.name), deviations,
                                        tuple(spec.aliases) + (base.aliases if base else ()))
        if settings.use_guide_words is not None:
            excluded_gw = set(guide_words) - {_guide_word_key(g) for g in settings.use_guide_words}
        if settings.use_parameters is not None:
            excluded_par = set(parameters) - set(settings.use_parameters)
    return HazopLibrary(guide_words, parameters,
                        {"guide_words": {k: gw_data.get(k) for k in ("source", "edition", "checked")},
                         "parameters": {k: par_data.get(k) for k in ("source", "edition", "checked")}},
                        frozenset(excluded_gw), frozenset(excluded_par))


def suggestion_library() -> dict:
    """Typical rows by equipment type (``suggestions.yaml``): ``{type: [entry, ...]}``."""
    return _package_data("suggestions")["equipment"]


def library_for(study) -> HazopLibrary:
    """The library of a validated study (package data with the study's ``hazop`` settings)."""
    return load_library(study.hazop)


def text(texts: dict | None, lang: str) -> str:
    """The text of a ``{en:, zh-TW:}`` mapping in ``lang`` (falls back to English)."""
    return _text(texts or {}, lang)
