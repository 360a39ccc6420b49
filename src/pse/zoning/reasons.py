"""One line of the Reasoning column: a label key of ``labels.yaml`` and its values, rendered per language."""

from __future__ import annotations

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
        values = {k: (Reason(v[0], v[1]).text(lang) if isinstance(v, tuple) else v) for k, v in self.values.items()}
        return template.format(**values)

    def __str__(self) -> str:
        return self.text("en")

    def __contains__(self, item: str) -> bool:
        return item in self.text("en")


def word(key: str, lang: str = "en") -> str:
    """A single word of the reasoning (``w_<key>``), e.g. the buoyancy class."""
    from pse.i18n import label

    return label(f"w_{key}", lang, LABELS)
