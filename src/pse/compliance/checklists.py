"""Self-check checklists (seed 003 layout: item | question | yes/no): package data plus company checklists.

Every answer 'no' is a finding: it points at a study recommendation, or pse proposes the item's
improvement as a register action (:func:`findings`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    id: str
    checklist: str
    question: dict
    citation: str
    improvement: dict
    origin: str = "package"


def checklists(study=None) -> dict[str, dict]:
    """Checklist ID -> ``{"title": {...}, "source": str, "items": {id: Item}}``; the study's own add or override."""
    from pse.compliance.data import package_checklists

    found = {}
    for cid, raw in package_checklists().items():
        found[cid] = {"title": raw["title"], "source": raw.get("source", ""), "items": {
            i["id"]: Item(i["id"], cid, i["question"], i["citation"], i["improvement"]) for i in raw["items"]}}
    for spec in (study.compliance.checklists if study is not None else []):
        target = found.setdefault(spec.id, {"title": spec.title.model_dump(by_alias=True), "source": "study",
                                            "items": {}})
        for i in spec.items:
            target["items"][i.id] = Item(i.id, spec.id, i.question.model_dump(by_alias=True), i.citation,
                                         i.improvement.model_dump(by_alias=True), origin="study")
    return found


def _text(value: dict, lang: str) -> str:
    return value.get(lang) or value.get("en", "")


def self_check_rows(study, check, lang: str = "en") -> list[dict]:
    """The worksheet rows of one self-check: every item of its checklist, answered or not."""
    from pse.machinery.citation import format_citations

    items = checklists(study)[check.checklist]["items"]
    answers = {a.item: a for a in check.answers}
    rows = []
    for number, item in enumerate(items.values(), start=1):
        answer = answers.get(item.id)
        rows.append({"no": number, "item": item.id, "question": _text(item.question, lang),
                     "answer": answer.answer if answer else None,
                     "citation": format_citations(item.citation, lang),
                     "improvement": _text(item.improvement, lang) if answer and answer.answer == "no" else "",
                     "recommendation": answer.recommendation if answer else None,
                     "note": (answer.note or "") if answer else ""})
    return rows


@dataclass
class Finding:
    """A 'no' answer: what to do, by whom, by when."""

    id: str
    check: str
    item: Item
    recommendation: str | None
    owner: str | None
    due: object


def findings(study) -> list[Finding]:
    """Every 'no' answer of the study's self-checks."""
    lists = checklists(study)
    out = []
    for check in study.self_checks:
        items = lists[check.checklist]["items"]
        for answer in check.answers:
            if answer.answer == "no":
                out.append(Finding(f"CMP-{check.id}-{answer.item}", check.id, items[answer.item],
                                   answer.recommendation, answer.owner, answer.due))
    return out


def problems(study) -> list:
    """Errors: unknown checklist or item, an item answered twice, a citation that does not resolve."""
    from pse.compliance.views import message
    from pse.machinery.citation import CitationError, parse_citations

    smap = study.source_map
    lists = checklists(study)
    out = []
    for i, spec in enumerate(study.compliance.checklists):
        for j, item in enumerate(spec.items):
            try:
                parse_citations(item.citation)
            except CitationError as exc:
                out.append(smap.problem(("compliance", "checklists", i, "items", j, "citation"),
                                        message("err_citation", error=str(exc))))
    for i, check in enumerate(study.self_checks):
        path = ("self_checks", i)
        if check.checklist not in lists:
            out.append(smap.problem(path + ("checklist",), message("err_checklist", checklist=check.checklist,
                                                                   known=", ".join(sorted(lists)))))
            continue
        items, seen = lists[check.checklist]["items"], set()
        for j, answer in enumerate(check.answers):
            where = path + ("answers", j, "item")
            if answer.item not in items:
                out.append(smap.problem(where, message("err_item", item=answer.item, checklist=check.checklist,
                                                       known=", ".join(items))))
            elif answer.item in seen:
                out.append(smap.problem(where, message("err_item_twice", item=answer.item)))
            seen.add(answer.item)
    return out
