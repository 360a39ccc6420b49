"""Suggestions for a HAZOP row: library rows for its deviation, and similar rows of earlier studies.

Library rows come from the HAZOP suggestion library (``pse/hazop/data/suggestions.yaml``, by
equipment type) whose deviation has the row's guide word and parameter; rows of the node's
equipment types come first.  Earlier studies (``--library-study``) offer the causes, consequences
and safeguards of their rows ranked by text similarity (:class:`difflib.SequenceMatcher` ratio of
deviation + cause text, plus 0.3 when the guide word and parameter are the same).  A suggestion
enters the study only as an ``origin: suggested`` row, which counts in no result until a named
reviewer accepts it (``accepted_by`` + ``accepted_on``).
"""

from __future__ import annotations

from difflib import SequenceMatcher
from pathlib import Path

MIN_SIMILARITY = 0.35
LIMIT = 8


def similarity(a: str, b: str) -> float:
    """Text similarity 0..1 (difflib ratio, case-folded, whitespace collapsed).

    >>> round(similarity("Cooling water fails", "cooling  water failure"), 2)
    0.9
    """
    a, b = " ".join(a.casefold().split()), " ".join(b.casefold().split())
    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def study_rows(path, lang: str) -> list[dict]:
    """The scenario rows of an earlier study, as suggestion candidates."""
    from pse.hazop.worksheet import rows
    from pse.model import load_study

    study = load_study(path)
    out = []
    for row in rows(study, lang):
        if row.kind != "scenario":
            continue
        v = row.values
        out.append({"source": f"{Path(path).name}: {row.row_id}", "guide_word": v["guide_word"],
                    "parameter": v["parameter"], "deviation": v["deviation"], "cause": v["cause"],
                    "consequence": v["consequence"], "category": v["category"],
                    "safeguards": "\n".join(line.split(": ", 1)[-1] for line in v["safeguards"].split("\n") if line)})
    return out


def _library(study, row: dict, lang: str) -> list[dict]:
    from pse.hazop.library import library_for, suggestion_library, text

    library = library_for(study)
    types = [e.type.strip().lower() for e in study.equipment]
    out = []
    entries = suggestion_library()
    for kind in sorted(entries, key=lambda k: (k not in types, k)):
        for entry in entries[kind]:
            try:
                gw = library.guide_word(entry["deviation"]["guide_word"])
                par = library.parameter(entry["deviation"]["parameter"])
            except ValueError:
                continue
            if (gw, par) != (row.get("guide_word"), row.get("parameter")):
                continue
            out.append({"source": f"library: {kind}", "guide_word": gw, "parameter": par,
                        "cause": text(entry["cause"], lang), "consequence": text(entry["consequence"], lang),
                        "category": entry["consequence"].get("category", "people"),
                        "safeguards": "\n".join(text(s, lang) for s in entry.get("safeguards") or [])})
    return out


def hazop_suggestions(study, row: dict, lang: str, earlier: list[dict]) -> list[dict]:
    """Library and earlier-study suggestions for a worksheet row (``{column: text}``)."""
    found = _library(study, row, lang)
    probe = f"{row.get('deviation', '')} {row.get('cause', '')}"
    scored = []
    for candidate in earlier:
        score = similarity(probe, f"{candidate['deviation']} {candidate['cause']}")
        if (candidate["guide_word"], candidate["parameter"]) == (row.get("guide_word"), row.get("parameter")):
            score += 0.3
        if score >= MIN_SIMILARITY:
            scored.append((score, candidate))
    scored.sort(key=lambda item: -item[0])
    found += [{**c, "score": round(s, 2)} for s, c in scored]
    return found[:LIMIT]
