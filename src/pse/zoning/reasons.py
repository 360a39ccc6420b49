"""One line of the Reasoning column: a label key of ``labels.yaml`` and its values, rendered per language.

A value is a string (a number already formatted, an ID or the user's own text), a nested ``(key, values)``
reason, or a :class:`ZoneWords` (zone names as the standard prints them, e.g. Table D.1's ``Zone 1 + Zone 2``,
rendered ``1 區 + 2 區`` in zh-TW).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

LABELS = str(Path(__file__).with_name("labels.yaml"))


@dataclass
class Reason:
    """``why_<key>`` of ``labels.yaml`` (en and zh-TW) filled with ``values`` (numbers already formatted)."""

    key: str
    values: dict = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        from pse.i18n import label

        template = label(f"why_{self.key}", lang, LABELS)
        values = {k: _rendered(v, lang) for k, v in self.values.items()}
        return template.format(**values)

    def __str__(self) -> str:
        return self.text("en")

    def __contains__(self, item: str) -> bool:
        return item in self.text("en")


def word(key: str, lang: str = "en") -> str:
    """A single word of the reasoning (``w_<key>``), e.g. the buoyancy class."""
    from pse.i18n import label

    return label(f"w_{key}", lang, LABELS)


def _rendered(value: object, lang: str) -> object:
    if isinstance(value, tuple):
        return Reason(value[0], value[1]).text(lang)
    if isinstance(value, (ZoneWords, Provenance)):
        return value.text(lang)
    return value


_ZONE = re.compile(r"Zone (\d+)( NE)?")
_WORDS = (("Non-hazardous", "nonhazardous"), (" and even ", "and_even"), (" or ", "or"), ("whole room", "whole_room"),
          ("grade layer", "grade_layer"))


def zone_words(text: str, lang: str = "en") -> str:
    """Zone names and the few words of Table D.1 in ``lang``.

    >>> zone_words("Zone 1 or Zone 0 (c)", "zh-TW")
    '1 區 或 0 區 (c)'
    >>> zone_words("Non-hazardous (Zone 2 NE)", "zh-TW")
    '非危險區域 (2 區 NE)'
    >>> zone_words("Zone 1 + Zone 2", "en")
    'Zone 1 + Zone 2'
    """
    if lang == "en":
        return text
    from pse.i18n import label

    out = _ZONE.sub(lambda m: label(f"zone_{m.group(1)}", lang, LABELS) + (m.group(2) or ""), text)
    for english, key in _WORDS:
        out = out.replace(english, word(key, lang))
    return out


@dataclass
class ZoneWords:
    """Text printed in English by the standard (zone names, Table D.1 cells), rendered per language."""

    english: str

    def text(self, lang: str = "en") -> str:
        return zone_words(self.english, lang)

    def __str__(self) -> str:
        return self.english


@dataclass
class Provenance:
    """Where a value comes from, as the reasoning cites it: in zh-TW pse's own library is named in Chinese and
    its English curation note is left to ``pse library`` (the client-facing text carries the reference only)."""

    source: str

    def text(self, lang: str = "en") -> str:
        from pse.i18n import label

        library = "pse substance library"
        if lang == "en" or not self.source.startswith(library):
            return self.source
        head = self.source.split(" (", 1)[0].replace(library, label("pse_substance_library", lang, LABELS))
        return head + (f" ({label('not_checked', lang)})" if self.source.endswith("(not checked)") else "")

    def __str__(self) -> str:
        return self.source
