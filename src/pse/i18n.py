"""One message catalogue (zh-TW and English) for everything pse prints.

The catalogue is the union of the core ``labels.yaml`` beside this module and every module's ``labels.yaml``
(``src/pse/<module>/labels.yaml``).  :func:`label` looks a key up in the table a module names first (module
wording wins), then in the whole catalogue, so a module may use a core label (``status_open``, ``no_rows``...)
and the core may use none of a module's.  :func:`catalogue` lists every entry with the file it comes from (the
test that every key has both languages reads it).
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

LANGUAGES = ("zh-TW", "en")
CORE = Path(__file__).with_name("labels.yaml")


@cache
def _labels(path: str) -> dict:
    from pse.packagedata import load_package_yaml

    return load_package_yaml(Path(path).read_text(encoding="utf-8")) or {}


def label_files() -> list[Path]:
    """The core label file, then each module's, in a stable order."""
    return [CORE] + sorted(p for p in CORE.parent.glob("*/labels.yaml"))


@lru_cache(maxsize=1)
def _merged() -> dict:
    merged: dict = {}
    for path in reversed(label_files()):      # the core wins over modules for shared keys
        merged.update(_labels(str(path)))
    return merged


def catalogue() -> list[tuple[str, str, dict]]:
    """Every catalogue entry as ``(file, key, {language: text})`` (tables of patterns, such as LOPA's credit
    ``reasons``, are not entries)."""
    return [(str(path), key, entry) for path in label_files() for key, entry in _labels(str(path)).items()
            if isinstance(entry, dict)]


def label(key: str, lang: str = "en", table: str | None = None) -> str:
    """The label for ``key`` in ``lang`` (the named table first, then the whole catalogue; falls back to
    English, then to the key).

    >>> label("scenarios", "zh-TW")
    '情境'
    >>> label("scenarios", "en")
    'Scenarios'
    >>> label("status_in_progress", "zh-TW")
    '處理中'
    """
    found = _FOUND.get((key, lang, table))
    if found is not None:
        return found
    entry = _labels(table).get(key) if table else None
    if not entry:
        entry = _labels(str(CORE)).get(key) or _merged().get(key)
    found = (entry.get(lang) or entry.get("en") or key) if entry else key
    if len(_FOUND) < 100_000:   # the catalogue files never change in a process: each answer is kept
        _FOUND[(key, lang, table)] = found
    return found


_FOUND: dict[tuple, str] = {}   # (key, lang, table) -> label: tables label every cell of site-size worksheets


def bilingual(key: str, table: str | None = None) -> str:
    """``'English / 中文'`` for headers that carry both languages."""
    en, zh = label(key, "en", table), label(key, "zh-TW", table)
    return en if en == zh else f"{en} / {zh}"


def message(key: str, lang: str = "en", **values) -> str:
    """A catalogue message with ``{placeholders}`` filled in.

    >>> message("wrote_files", "zh-TW", n=3, out="out")
    '已寫出 3 個檔案至 out'
    """
    return label(key, lang).format(**values)


_SEED = r"\b[Ss]eed \d{3}\b"


def client_text(text):
    """Client-facing text without the package's own provenance notes ("seed 004 case 1", "from seed 003 (...)"):
    those stay in the data YAML (listed by ``pse library``); the user's sources are kept.  Non-text passes through.

    A text is cut into notes only at a ``;`` outside parentheses, and a citation of a seed document by name
    keeps its explanation in parentheses (a study's source "Seed 001 LOPA worksheet (plant estimate; ...)"
    gives the reason for a value); a bare note ("seed 004 (FR 76, accident case 13)") goes whole.

    >>> client_text("seed 004 case 1; MES 16 subpara 3")
    'MES 16 subpara 3'
    >>> client_text("seed 004 case 1: a two-person press had one operating station")
    'a two-person press had one operating station'
    >>> client_text("0.5 s from seed 003 (machine safety marks); the subparagraph was not verified")
    '0.5 s; the subparagraph was not verified'
    >>> client_text("Agitator started by mistake (seed 004 worked example)"), client_text(3)
    ('Agitator started by mistake', 3)
    >>> client_text("Seed 001 LOPA worksheet (plant estimate; valve mis-closure is not in the CCPS tables)")
    'plant estimate; valve mis-closure is not in the CCPS tables'
    >>> client_text("seed 004 (FR 56, 58; accident cases 9 and 11)")
    ''
    """
    if not isinstance(text, str) or "eed " not in text:
        return text   # every note matches "[Ss]eed NNN": no "eed " in the text, no note (one substring test per
        #               table cell instead of a regular-expression search: 130,000 cells at 10^3 objects)
    import re

    if not re.search(_SEED, text):
        return text
    text = re.sub(r"\s*\([^()]*" + _SEED + r"[^()]*\)", "", text)
    text = re.sub(r"\s*\bfrom " + _SEED + r"(\s*\([^)]*\))?", "", text)
    parts = []
    for part in _outside_parentheses(text, ";"):
        match = re.match(r"\s*" + _SEED + r"[^:(]*:\s*(.+)", part)
        explained = re.fullmatch(r"\s*" + _SEED + r"\s+[^:()]*[A-Za-z][^:()]*\((.+)\)\s*", part)
        if match:
            parts.append(match.group(1).strip())
        elif explained:
            parts.append(explained.group(1).strip())
        elif not re.match(r"\s*" + _SEED, part):
            parts.append(part.strip())
    return "; ".join(p for p in parts if p)


def _outside_parentheses(text: str, separator: str) -> list[str]:
    """``text`` split at each ``separator`` that is not inside parentheses.

    >>> _outside_parentheses("a (b; c); d", ";")
    ['a (b; c)', ' d']
    """
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth = max(0, depth - 1)
        elif char == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


ENUMS = {"status": ("open", "in_progress", "closed", "rejected"),
         "category": ("people", "environment", "asset", "reputation"),
         "origin": ("generated", "suggested", "manual"),
         "availability": ("good", "fair", "poor"),
         "dilution": ("high", "medium", "low")}
_ENUM_KEYS = {value: f"{kind}_{value}" for kind, values in ENUMS.items() for value in values}


def enum_label(value, lang: str = "en"):
    """A study enum value (recommendation status, consequence category) as it is printed in ``lang``.

    >>> enum_label("in_progress", "zh-TW"), enum_label("people", "en"), enum_label("S-1.1", "zh-TW")
    ('處理中', 'people', 'S-1.1')
    """
    key = _ENUM_KEYS.get(value) if isinstance(value, str) else None
    return label(key, lang) if key else value


class Message(str):
    """A message in every language of the catalogue.

    Its value as a ``str`` is ``"English / 中文"`` (what ``str(problem)`` and readers of
    :attr:`pse.model.Problem.message` have always seen); :func:`in_language` and :func:`problem_text` take
    the one language asked for from :attr:`texts`, so names in the study (which may be Chinese in an English
    message, or contain " / ") never confuse the split.

    >>> m = Message({"en": "step 'A' is unknown", "zh-TW": "步驟「A」不存在"})
    >>> str(m), in_language(m, "zh-TW"), in_language(m, "en")
    ("step 'A' is unknown / 步驟「A」不存在", '步驟「A」不存在', "step 'A' is unknown")
    """

    texts: dict[str, str]

    def __new__(cls, texts: dict[str, str]) -> Message:
        obj = super().__new__(cls, f"{texts['en']} / {texts['zh-TW']}")
        obj.texts = dict(texts)
        return obj

    def __reduce__(self):
        return (Message, (self.texts,))


def catalogue_message(key: str, table: str | None = None, /, **values) -> Message:
    """The catalogue message ``key`` in every language, ``{placeholders}`` filled in.

    A value that is itself a ``{language: text}`` dict (a label, a level name) is taken in each language.

    >>> m = catalogue_message("wrote_files", n=3, out="out")
    >>> m.texts["zh-TW"], m.texts["en"]
    ('已寫出 3 個檔案至 out', 'wrote 3 files to out')
    """
    def pick(value, lang):
        return value.get(lang, value.get("en")) if isinstance(value, dict) else value

    return Message({lang: label(key, lang, table).format(**{k: pick(v, lang) for k, v in values.items()})
                    for lang in LANGUAGES})


def in_language(text: str, lang: str) -> str:
    """The ``lang`` half of a bilingual ``"English / 中文"`` message (lint messages carry both); other text as is.

    >>> in_language("level 3 is not acceptable / 風險等級 3 非可接受", "zh-TW")
    '風險等級 3 非可接受'
    >>> in_language("level 3 is not acceptable / 風險等級 3 非可接受", "en")
    'level 3 is not acceptable'
    >>> in_language("Wall / area boundary", "zh-TW")
    'Wall / area boundary'
    """
    if isinstance(text, Message):
        return text.texts.get(lang) or text.texts["en"]
    head, sep, tail = text.rpartition(" / ")
    if not sep or not _has_cjk(tail) or _has_cjk(head):
        return text
    return tail if lang == "zh-TW" else head


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
               for ch in text)


def problem_text(problem, lang: str = "en") -> str:
    """A lint or validation problem as printed in ``lang``: ``file:line: 警告: field: message [RULE]``."""
    where = f"{problem.file}:{problem.line}" if problem.line else problem.file
    tag = "" if problem.severity == "error" else f"{label(problem.severity, lang)}: "
    rule = f" [{problem.rule}]" if problem.rule else ""
    field = f"{problem.field}: " if problem.field else ""
    return f"{where}: {tag}{field}{in_language(problem.message, lang)}{rule}"
