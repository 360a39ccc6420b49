"""The machinery library as a list: checklist items with citations, typical components, distance tables.

Each entry has ``id``, ``kind``, ``text`` (en / zh-TW), ``citation``, ``source``, ``edition`` and ``checked``,
the shape ``pse library`` lists; ``pse machinery-items`` prints the checklist items until then.
"""

from __future__ import annotations


def library_entries(study=None) -> list[dict]:
    """Every checklist item (package and study), typical component and table of the machinery module."""
    from pse.machinery.citation import bilingual_citations
    from pse.machinery.data import checklists, load

    entries = []
    for checklist in checklists(study).values():
        for item in checklist.items:
            entries.append({"id": item.id, "kind": f"checklist:{checklist.id}", "text": item.question,
                            "citation": bilingual_citations(item.citation), "source": item.source or checklist.source,
                            "edition": item.edition, "checked": item.checked})
    data = load("iso13849.yaml")
    for key, comp in data["components"].items():
        value = f"B10d {comp['b10d_cycles']:g} cycles" if "b10d_cycles" in comp else f"MTTFd {comp['mttfd_years']} y"
        entries.append({"id": key, "kind": "component", "text": {k: f"{v}: {value}" for k, v in comp["name"].items()},
                        "citation": "", "source": comp["source"], "edition": data["edition"],
                        "checked": comp["checked"]})
    entries += _annex_k_entries(data)
    for key, measure in data["ccf"]["measures"].items():
        entries.append({"id": f"ccf:{key}", "kind": "table",
                        "text": {k: f"{v}: {measure['points']}" for k, v in measure["name"].items()},
                        "citation": "", "source": "ISO 13849-1:2015 Annex F, Table F.1 (2023: regrouped)",
                        "edition": data["edition"],
                        "checked": measure["checked"]})
    rule = data["category_2_test"]
    for key, checked in (("category_2_test", rule["checked"]), ("category_2_factor", rule["factor_checked"])):
        entries.append({"id": key, "kind": "rule", "text": _bilingual(f"library_{key}", **rule), "citation": "",
                        "source": rule["source"], "edition": data["edition"], "checked": checked})
    for name, key in (("iso13857.yaml", "reaching_over_high_risk"), ("iso13857.yaml", "openings"),
                      ("iso13857.yaml", "reaching_upwards"), ("iso13855.yaml", "reach_over_espe")):
        table = load(name)[key]
        entries.append({"id": key, "kind": "table", "text": _bilingual(f"table_{key}"), "citation": "",
                        "source": table["source"], "edition": load(name)["edition"], "checked": table["checked"]})
    return entries


def _bilingual(key: str, **values) -> dict:
    from pse.i18n import label
    from pse.machinery.report import LABELS

    return {lang: label(key, lang, LABELS).format(**values) for lang in ("en", "zh-TW")}


def _annex_k_entries(data: dict) -> list[dict]:
    """One entry per Annex K column (its recalled or hand-calculated rows) and one per verified row."""
    entries = []
    for column, cell in data["annex_k"]["columns"].items():
        verified = {float(k): text for k, text in (cell.get("verified") or {}).items()}
        rows = {float(k): v for k, v in cell["rows"].items()}
        rest = {k: v for k, v in rows.items() if k not in verified}
        if rest:
            shown = ", ".join(f"{k:g}: {v:.3g}" for k, v in rest.items())
            entries.append({"id": f"annex_k:{column}", "kind": "table", "text": _bilingual("library_annex_k",
                            column=column, rows=shown), "citation": "", "source": data["annex_k"]["source"],
                            "edition": data["edition"], "checked": cell["checked"] is True})
        for years, text in verified.items():
            entries.append({"id": f"annex_k:{column}@{years:g}", "kind": "table",
                            "text": _bilingual("library_annex_k", column=column, rows=f"{years:g}: {rows[years]:.3g}"),
                            "citation": "", "source": f"{data['annex_k']['source']}; {text}",
                            "edition": data["edition"], "checked": True})
    return entries


def items_text(study=None, lang: str = "en", checklist: str | None = None) -> str:
    """Markdown table of the checklist items (ID, checklist, question, citation, source, checked)."""
    from pse.i18n import label
    from pse.machinery.report import LABELS

    rows = [e for e in library_entries(study) if e["kind"].startswith("checklist:")
            and (checklist is None or e["kind"] == f"checklist:{checklist}")]
    head = [label(k, lang, LABELS) for k in ("item", "checklist_name", "question", "citation", "source", "checked")]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for e in rows:
        text = e["text"].get(lang) or e["text"].get("en", "")
        checked = {True: "yes", False: "no"}.get(e["checked"], str(e["checked"] or "-"))
        shown = label("checked_" + checked, lang, LABELS) if checked in ("yes", "no", "partly") else checked
        lines.append(f"| {e['id']} | {e['kind'].split(':', 1)[1]} | {text} | {e['citation']} | {e['source']} | "
                     f"{shown} |")
    return "\n".join(lines) + "\n"
