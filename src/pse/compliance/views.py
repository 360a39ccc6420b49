"""Worksheets of the compliance module (pandas DataFrames for pse.tables) and the Markdown section."""

from __future__ import annotations

from pathlib import Path

LABELS = str(Path(__file__).with_name("labels.yaml"))


def _l(key: str, lang: str) -> str:
    from pse.i18n import label

    return label(key, lang, LABELS)


def message(key: str, /, **values):
    """The catalogue message ``key`` of this module in every language (:class:`pse.i18n.Message`)."""
    from pse.i18n import catalogue_message

    return catalogue_message(key, LABELS, **values)


def answer_text(answer, lang: str) -> str:
    """'是' / '否' / '不適用' (or '未填答') as the seed's yes/no column prints it."""
    return _l(f"answer_{answer}", lang) if answer else _l("unanswered", lang)


def _answer_colour(no: str):
    """Colour of a self-check cell: the "no" answer in the seed's orange."""
    def colour(column: str, value: object, row: int) -> str | None:
        return "#F8CBAD" if value == no else None

    return colour


def self_check_sheets(study, lang: str) -> list:
    """One sheet per self-check in the seed's layout: item | question | yes/no, then basis and improvement."""
    import pandas as pd

    from pse.compliance.checklists import checklists, self_check_rows
    from pse.tables import Sheet

    lists = checklists(study)
    sheets = []
    for check in study.self_checks:
        rows = self_check_rows(study, check, lang)
        table = pd.DataFrame([{
            _l("row_no", lang): r["no"], _l("item", lang): r["item"], _l("question", lang): r["question"],
            _l("answer", lang): answer_text(r["answer"], lang), _l("citation", lang): r["citation"],
            _l("improvement", lang): r["improvement"], _l("recommendation", lang): r["recommendation"] or "",
            _l("note", lang): r["note"]} for r in rows])
        title = lists[check.checklist]["title"][lang]
        head = [f"{_l('area', lang)}: {check.area or ''}", f"{_l('date', lang)}: {check.date or ''}",
                f"{_l('checked_by', lang)}: {check.checked_by or ''}"]
        answers = [answer_text(a, lang) for a in ("yes", "no", "na")]
        sheets.append(Sheet(check.id, table, f"{title} ({check.id})", head,
                            colour=_answer_colour(answers[1]),
                            validations={_l("answer", lang): answers},
                            widths={_l("question", lang): 60, _l("improvement", lang): 50, _l("citation", lang): 34,
                                    _l("note", lang): 36, _l("recommendation", lang): 22, _l("item", lang): 10}))
    return sheets


def inventory_sheet(study, results, lang: str):
    """The inventory with each rule's q / Q terms and combined index."""
    import pandas as pd

    from pse.tables import Sheet

    rows = []
    for result in results:
        for term in result.terms:
            rows.append({_l("rule", lang): result.title[lang], "ID": term.stock,
                         _l("substance", lang): term.name[lang], _l("quantity", lang): round(term.quantity, 6),
                         _l("control_quantity", lang): term.control_quantity, _l("unit", lang): term.unit,
                         _l("ratio", lang): round(term.ratio, 4), _l("index", lang): round(result.index, 4)})
    return Sheet("Inventory", pd.DataFrame(rows), _l("inventory", lang), widths={_l("rule", lang): 30})


def schedule_sheet(rows, lang: str):
    import pandas as pd

    from pse.compliance.data import inspection_types
    from pse.machinery.citation import format_citations
    from pse.tables import Sheet

    types = inspection_types()
    table = pd.DataFrame([{
        "ID": r.item, _l("tag", lang): r.tag, _l("equipment_type", lang): types[r.type][lang],
        _l("interval", lang): r.title[lang], _l("citation", lang): format_citations(r.citation, lang),
        _l("last_inspected", lang): r.last.isoformat() if r.last else ("" if r.per_use else _l("never", lang)),
        _l("next_due", lang): r.due.isoformat() if r.due else _l("per_use", lang),
        _l("overdue_days", lang): r.overdue_days or "", _l("owner", lang): r.owner or ""} for r in rows])
    overdue = _l("overdue_days", lang)
    return Sheet("Inspections", table, _l("schedule", lang),
                 colour=lambda c, v, i: "#F8CBAD" if c == overdue and v not in ("", None) else None)


def markdown_section(study, title: str, lang: str, today=None, made: dict | None = None) -> str:
    """The section of report/summary: self-check findings, threshold verdicts, overdue inspections.  ``made``:
    what :func:`pse.compliance.module.write_outputs` already computed (inventory verdicts, schedule and its
    Markdown), so nothing is evaluated twice."""
    from pse.compliance.checklists import checklists, findings
    from pse.compliance.inspection import schedule
    from pse.compliance.thresholds import evaluate_inventory, explain
    from pse.tables import Sheet, to_markdown

    lists = checklists(study)
    lines = [f"## {title}", ""]
    if study.self_checks:
        lines += [f"### {_l('self_checks', lang)}", ""]
        for check in study.self_checks:
            counts = {a: sum(1 for x in check.answers if x.answer == a) for a in ("yes", "no", "na")}
            lines.append(f"- {check.id} {lists[check.checklist]['title'][lang]} ({check.area or ''}, "
                         f"{check.date or ''}): " + ", ".join(f"{answer_text(a, lang)} {n}"
                                                           for a, n in counts.items()))
        rows = [{_l("item", lang): f"{f.check} {f.item.id}", _l("question", lang): f.item.question[lang],
                 _l("improvement", lang): f.item.improvement[lang],
                 _l("recommendation", lang): f.recommendation or f.id} for f in findings(study)]
        if rows:
            import pandas as pd

            lines += ["", to_markdown(Sheet("findings", pd.DataFrame(rows), _l("findings", lang)))]
    if study.chemical_inventory:
        lines += [f"### {_l('inventory', lang)}", ""]
        inventory = made["inventory"] if made and "inventory" in made else evaluate_inventory(study)
        lines += [f"- {explain(r, lang)}" for r in inventory if r.terms or r.always]
        lines.append("")
    if study.inspections:
        lines += [made["schedule_md"] if made and "schedule_md" in made
                  else to_markdown(schedule_sheet(schedule(study, today), lang))]
    return "\n".join(lines) + "\n"

