"""Citations of laws and standards in checklist items: parse, check and print them in both languages.

Grammar (one citation; several are joined with ``;``)::

    LAW ARTICLE[-N][(PARAGRAPH)][(SUBPARAGRAPH)]     MES 4(1), FR 58(1)(5), MES 12-1, MR 59(1)
    LAW ARTICLE[-N] [para P] [subpara K]             MES 10 subpara 6, FR 43 para 1
    法規名稱第N條[之M][第P項][第K款]                   機械設備器具安全標準第10條第6款
    STANDARD [CLAUSE]                                ISO 12100 6.2.11, SEMI S3
    METHOD                                           FMEA

``LAW`` is a code of ``data/laws.yaml`` (MES, FR, MR, OSHA-L, OSHA-E, TR); Taiwanese articles number their
paragraphs 項 and subparagraphs 款, and an inserted article 12之1 is written 12-1.  A paragraph in
parentheses comes before a subparagraph in parentheses, so ``FR 58(1)(5)`` is Art. 58 para. 1 subpara. 5;
a subparagraph of an article whose paragraph is not cited is written ``subpara K``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


class CitationError(ValueError):
    """A citation that does not follow the grammar or names an unknown law."""


@dataclass(frozen=True)
class Citation:
    """A parsed citation: law code, article (e.g. '12-1'), paragraph, subparagraph, or a standard's clause."""

    law: str
    article: str | None = None
    paragraph: int | None = None
    subparagraph: int | None = None
    clause: str | None = None

    def compact(self) -> str:
        """The canonical compact form.

        >>> Citation("FR", "58", 1, 5).compact()
        'FR 58(1)(5)'
        >>> Citation("MES", "10", None, 6).compact()
        'MES 10 subpara 6'
        """
        if self.article is None:
            return f"{self.law} {self.clause}" if self.clause else self.law
        text = f"{self.law} {self.article}"
        if self.paragraph is not None:
            text += f"({self.paragraph})"
            if self.subparagraph is not None:
                text += f"({self.subparagraph})"
        elif self.subparagraph is not None:
            text += f" subpara {self.subparagraph}"
        return text

    def format(self, lang: str = "en") -> str:
        """The citation as an inspector reads it.

        >>> Citation("MES", "12-1").format("zh-TW")
        '機械設備器具安全標準第12條之1'
        >>> Citation("MES", "10", None, 6).format("en")
        'MES Art. 10, subpara. 6'
        >>> Citation("FR", "58", 1, 5).format("zh-TW")
        '職業安全衛生設施規則第58條第1項第5款'
        """
        from pse.machinery.data import laws

        entry = laws()[self.law]
        if self.article is None:
            if entry["kind"] == "method":
                return entry["zh-TW"] if lang == "zh-TW" else self.law
            return self.law + (f" {self.clause}" if self.clause else "")  # standards: same in both languages
        if lang == "zh-TW":
            main, _, sub = self.article.partition("-")
            text = f"{entry['zh-TW']}第{main}條" + (f"之{sub}" if sub else "")
            if self.paragraph is not None:
                text += f"第{self.paragraph}項"
            if self.subparagraph is not None:
                text += f"第{self.subparagraph}款"
            return text
        text = f"{self.law} Art. {self.article}"
        if self.paragraph is not None:
            text += f", para. {self.paragraph}"
        if self.subparagraph is not None:
            text += f", subpara. {self.subparagraph}"
        return text


_COMPACT = re.compile(r"^(?P<art>\d+(?:-\d+)?)(?:\((?P<p>\d+)\))?(?:\((?P<k>\d+)\))?"
                      r"(?:\s+para(?:graph)?\.?\s*(?P<p2>\d+))?(?:,?\s+subpara(?:graph)?\.?\s*(?P<k2>\d+))?$")
_CHINESE = re.compile(r"^第(?P<art>\d+)條(?:之(?P<sub>\d+))?(?:第(?P<p>\d+)項)?(?:第(?P<k>\d+)款)?$")
_CLAUSE = re.compile(r"^[A-Z0-9]+(?:\.[A-Z0-9]+)*$")


def parse_citation(text: str) -> Citation:
    """Parse one citation (see the module docstring for the grammar).

    >>> parse_citation("MES 4(1)")
    Citation(law='MES', article='4', paragraph=1, subparagraph=None, clause=None)
    >>> parse_citation("機械設備器具安全標準第12條之1").compact()
    'MES 12-1'
    >>> parse_citation("ISO 12100 6.2.11").clause
    '6.2.11'
    """
    from pse.machinery.data import laws

    raw = " ".join(str(text).split())
    if not raw:
        raise CitationError("empty citation")
    known = laws()
    for code in sorted(known, key=len, reverse=True):
        entry = known[code]
        if raw == code or raw.startswith(code + " "):
            rest = raw[len(code):].strip()
            break
        if raw.startswith(entry["zh-TW"]) and entry["kind"] == "regulation":
            code, rest = code, raw[len(entry["zh-TW"]):].strip()
            match = _CHINESE.match(rest)
            if not match:
                raise CitationError(f"'{text}': expected 第N條[之M][第P項][第K款] after {entry['zh-TW']}")
            article = match["art"] + (f"-{match['sub']}" if match["sub"] else "")
            return Citation(code, article, _int(match["p"]), _int(match["k"]))
    else:
        raise CitationError(f"'{text}': unknown law or standard (known: {', '.join(sorted(known))})")
    kind = entry["kind"]
    if kind == "method":
        if rest:
            raise CitationError(f"'{text}': {code} takes no article or clause")
        return Citation(code)
    if kind == "standard":
        if rest and not _CLAUSE.match(rest):
            raise CitationError(f"'{text}': '{rest}' is not a clause number (e.g. 6.2.11 or A.2)")
        return Citation(code, clause=rest or None)
    match = _COMPACT.match(rest)
    if not match:
        raise CitationError(f"'{text}': expected '{code} ARTICLE[(PARAGRAPH)][(SUBPARAGRAPH)]', "
                            f"e.g. '{code} 4(1)' or '{code} 10 subpara 6'")
    paragraph = match["p"] or match["p2"]
    subparagraph = match["k"] or match["k2"]
    if match["p"] and match["p2"]:
        raise CitationError(f"'{text}': the paragraph is given twice")
    if match["k"] and match["k2"]:
        raise CitationError(f"'{text}': the subparagraph is given twice")
    return Citation(code, match["art"], _int(paragraph), _int(subparagraph))


def parse_citations(text: str) -> list[Citation]:
    """Parse ``;``-separated citations.

    >>> [c.compact() for c in parse_citations("TR 16(1); TR 17(1)")]
    ['TR 16(1)', 'TR 17(1)']
    """
    parts = [p.strip() for p in str(text).split(";")]
    if not any(parts):
        raise CitationError("empty citation")
    return [parse_citation(p) for p in parts if p]


def format_citations(text: str, lang: str = "en") -> str:
    """``;``-separated citations printed in one language."""
    return "; ".join(c.format(lang) for c in parse_citations(text))


def bilingual_citations(text: str) -> str:
    """English and Chinese forms: ``'MES Art. 12-1 / 機械設備器具安全標準第12條之1'``."""
    en, zh = format_citations(text, "en"), format_citations(text, "zh-TW")
    return en if en == zh else f"{en} / {zh}"


def _int(value):
    return int(value) if value else None
