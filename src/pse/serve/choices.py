"""Study keys shown as words in the browser, and the words read back as keys.

The study stores enum keys (``people``, ``in_progress``, ``startup_shutdown``, ``pass``,
``caught_in``) and booleans (Y/N); the page shows them in the interface language
(:func:`pse.i18n.enum_label`, the task-risk hazard types, serve's ``labels.yaml``) and an edit or
a page's base value in either language is read back as the key, so a zh-TW page compares and
writes the same values as an English one.
"""

from __future__ import annotations

from pathlib import Path

LABELS = str(Path(__file__).with_name("labels.yaml"))
BOOL_WORDS = {"zh-TW": {"Y": "是", "N": "否"}, "en": {"Y": "Y", "N": "N"}}


def _enum_word(column: str, value: str, lang: str) -> str:
    from pse.i18n import _labels, enum_label

    word = enum_label(value, lang)
    if word != value or lang == "en" and f"{column}_{value}" not in _labels(LABELS):
        return word
    entry = _labels(LABELS).get(f"{column}_{value}")
    return (entry.get(lang) or entry.get("en")) if entry else value


def word(kind: str, column: str, value: str, lang: str, study=None) -> str:
    """The word shown for ``value`` of a ``kind`` column (``enum``, ``bool``, ``hazard``); one per line.

    >>> word("enum", "category", "people", "zh-TW"), word("bool", "lopa", "Y", "zh-TW")
    ('人員', '是')
    >>> word("enum", "phase", "startup_shutdown", "zh-TW"), word("enum", "status", "in_progress", "en")
    ('開/停機', 'in progress')
    """
    if not value:
        return value
    if "\n" in value:
        return "\n".join(word(kind, column, v, lang, study) for v in value.split("\n"))
    if kind == "bool":
        return BOOL_WORDS.get(lang, BOOL_WORDS["en"]).get(value, value)
    if kind == "hazard":
        from pse.taskrisk.data import hazard_types

        entry = hazard_types(study.task_risk.hazard_types if study is not None else None).get(value)
        return str(entry.get(lang) or entry.get("en") or value) if entry else value
    return _enum_word(column, value, lang)


def key(kind: str, column: str, text: str, choices, study=None) -> str:
    """The study key for a shown ``text`` (either language); text that is no shown word is returned as is."""
    if not text or kind not in ("enum", "bool", "hazard"):
        return text
    if "\n" in text:
        return "\n".join(key(kind, column, t, choices, study) for t in text.split("\n"))
    wanted = text.strip().casefold()
    for value in choices:
        for lang in ("zh-TW", "en"):
            if word(kind, column, str(value), lang, study).casefold() == wanted:
                return str(value)
    return text


def choices_of(kind: str, column: str, study=None) -> tuple:
    """The keys a column may hold."""
    from pse.i18n import ENUMS

    if kind == "bool":
        return ("Y", "N")
    if kind == "hazard":
        from pse.taskrisk.data import hazard_types

        return tuple(hazard_types(study.task_risk.hazard_types if study is not None else None))
    from pse.roundtrip.kinds import PHASES, STATUS, TIERS

    return {"phase": PHASES, "status": STATUS, "tier": TIERS, "result": ("pass", "fail", "na")}.get(
        column, ENUMS.get(column, ()))
