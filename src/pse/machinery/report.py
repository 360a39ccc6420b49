"""Tables (pandas DataFrames -> pse.tables.Sheet) and the Markdown/HTML review report of the machinery module."""

from __future__ import annotations

from pathlib import Path

LABELS = str(Path(__file__).with_name("labels.yaml"))
RESULT_COLOURS = {"pass": "#C8E6C9", "fail": "#F4B6B6", "na": "#E0E0E0", None: "#FFF3C4"}
PLR_COLOURS = {"a": "#E8F5E9", "b": "#C8E6C9", "c": "#FFF3C4", "d": "#FFD8A8", "e": "#F4B6B6"}


def _l(key: str, lang: str) -> str:
    from pse.i18n import label

    return label(key, lang, LABELS)


def phase_label(phase: str | None, lang: str) -> str:
    """A life-cycle phase (ISO 12100:2010 5.4) in ``lang``; '' for none."""
    return _l(f"phase_{phase}", lang) if phase else ""


def _text(value, lang: str) -> str:
    if isinstance(value, dict):
        return value.get(lang) or value.get("en") or ""
    return "" if value is None else str(value)


def _cell(value, lang: str):
    """A table cell: a number as it is, a bilingual text in ``lang``."""
    return _text(value, lang) if isinstance(value, dict) else value


def header_lines(study, lang: str) -> list[str]:
    from pse.i18n import label

    meta = study.study
    return [f"{meta.title} - {meta.company or ''} {meta.site or ''}".strip(),
            f"{label('revision', lang)}: {meta.revision or '-'}  {label('date', lang)}: {meta.date or '-'}  "
            f"{label('assessors', lang)}: {', '.join(meta.assessors) or '-'}"]


def hazard_table(study, reviews, lang: str):
    """Hazard identification, risk estimation and the three-step risk reduction, one row per hazard."""
    import pandas as pd

    from pse.machinery.data import hazard_groups

    groups = hazard_groups()
    matrix = None
    rows = []
    for review in reviews:
        machine = review.machine
        for hazard in machine.hazards:
            group = groups.get(hazard.group, {})
            kind = group.get("kinds", {}).get(hazard.hazard or "", {})
            risk = residual = ""
            if hazard.severity is not None and hazard.likelihood is not None:
                from pse.model.validate import matrix_for

                matrix = matrix or matrix_for(study)
                risk = f"{hazard.severity}/{hazard.likelihood} -> {matrix.level(hazard.severity, hazard.likelihood)}"
            if hazard.residual_severity is not None and hazard.residual_likelihood is not None:
                from pse.model.validate import matrix_for

                matrix = matrix or matrix_for(study)
                residual = (f"{hazard.residual_severity}/{hazard.residual_likelihood} -> "
                            f"{matrix.level(hazard.residual_severity, hazard.residual_likelihood)}")
            if hazard.residual_risk:
                residual = f"{residual}; {hazard.residual_risk}" if residual else hazard.residual_risk
            measures = []
            for step in ("inherently_safe_design", "safeguarding", "information_for_use"):
                for m in hazard.measures:
                    if m.step == step:
                        extra = [x for x in (m.safety_function, m.recommendation) if x]
                        flag = "" if m.implemented else f" ({_l('proposed', lang)})"
                        measures.append(f"{_l(step, lang)}: {m.text}{flag}" +
                                        (f" [{', '.join(extra)}]" if extra else ""))
            graph = hazard.risk_graph
            rows.append({
                _l("machine", lang): machine.id,
                _l("hazard_id", lang): hazard.id,
                _l("group", lang): _text(group, lang) or hazard.group,
                _l("kind", lang): _text(kind, lang) or (hazard.hazard or ""),
                _l("description", lang): hazard.description,
                _l("origin", lang): hazard.origin or _text(kind.get("origin"), lang),
                _l("consequence", lang): hazard.consequence or _text(kind.get("consequences"), lang),
                _l("phase", lang): phase_label(hazard.phase, lang),
                _l("danger_zone", lang): hazard.danger_zone or "",
                _l("sfp", lang): (f"{graph.severity_of_injury} {graph.frequency_of_exposure} "
                                  f"{graph.possibility_of_avoidance}") if graph else "",
                _l("plr", lang): review.plr.get(hazard.id) or "",
                _l("risk", lang): risk,
                _l("measures", lang): "; ".join(measures),
                _l("residual", lang): residual,
                _l("recommendations", lang): ", ".join(hazard.recommendations),
            })
    return pd.DataFrame(rows, columns=_columns(lang, ("machine", "hazard_id", "group", "kind", "description",
                                                      "origin", "consequence", "phase", "danger_zone", "sfp",
                                                      "plr", "risk", "measures", "residual", "recommendations")))


def achieved_pl(review, function) -> tuple[str | None, str]:
    """(PL achieved, 'computed' or 'declared'): the ISO 13849-1 calculation when it ran, else the declared PL."""
    result = review.pl_results.get(function.id)
    if result is not None and result.pl:
        return result.pl, "computed"
    return function.pl_achieved, "declared" if function.pl_achieved else ""


def safety_function_table(reviews, lang: str):
    import pandas as pd

    from pse.machinery.plr import pl_at_least

    rows = []
    for review in reviews:
        for function in review.machine.safety_functions:
            graph, used = review.function_plr[function.id]
            level, origin = achieved_pl(review, function)
            result = review.pl_results.get(function.id)
            verdict = ""
            if level and used:
                verdict = _l("meets" if pl_at_least(level, used) else "does_not_meet", lang)
            rows.append({
                _l("machine", lang): review.machine.id, _l("safety_function", lang): function.id,
                _l("description", lang): function.description, _l("hazard_ids", lang): ", ".join(function.hazards),
                _l("plr_graph", lang): graph or "", _l("plr_used", lang): used or "",
                _l("pl_achieved", lang): level or "",
                _l("pfhd", lang): f"{result.pfhd_per_hour:.3g}" if result and result.pfhd_per_hour else "",
                _l("pl_source", lang): _l(f"pl_{origin}", lang) if origin else "",
                _l("category", lang): function.category or "",
                _l("device", lang): function.device or "", _l("verdict", lang): verdict})
    return pd.DataFrame(rows, columns=_columns(lang, ("machine", "safety_function", "description", "hazard_ids",
                                                      "plr_graph", "plr_used", "pl_achieved", "pfhd", "pl_source",
                                                      "category", "device", "verdict")))


def pl_calculation_lines(reviews, lang: str) -> list[str]:
    """Markdown of every PL calculation: each subsystem's steps, the series sum and the verdict against PLr."""
    from pse.machinery.verify import render_step

    lines = []
    for review in reviews:
        for fid, result in review.pl_results.items():
            lines.append(f"#### {review.machine.id} {fid}")
            for sub in result.subsystems:
                lines.append(f"- **{_l('subsystem', lang)} {sub.name}**")
                lines += [f"  - {render_step(step, lang)}" for step in sub.steps]
                if sub.error:
                    lines.append(f"  - {_l('calc_error', lang)}: {sub.error}")
            if result.error is None:
                verdict = "" if result.meets is None else \
                    f" (PLr {result.plr}: {_l('meets' if result.meets else 'does_not_meet', lang)})"
                lines.append(f"- **{_l('series_sum', lang)}**: " + "; ".join(render_step(x, lang) for x in result.steps)
                             + verdict)
            lines.append("")
    return lines


def acceptance_rows(study) -> list[dict]:
    """Every recorded acceptance of a residual risk: machine hazards and task-risk rows."""
    rows = []
    for machine in study.machines:
        for hazard in machine.hazards:
            if hazard.acceptance is not None:
                rows.append({"row": f"{machine.id} {hazard.id}", "text": hazard.description,
                             "acceptance": hazard.acceptance})
    for task in study.tasks:
        for row in task.rows:
            if row.acceptance is not None:
                rows.append({"row": f"{task.id} {row.id}", "text": row.scenario, "acceptance": row.acceptance})
    return rows


def acceptance_lines(study, lang: str) -> list[str]:
    """Markdown table of the accepted residual risks (empty when there are none)."""
    rows = acceptance_rows(study)
    if not rows:
        return []
    head = [_l(k, lang) for k in ("row", "description", "accepted_by", "accepted_on", "reason")]
    lines = [f"## {_l('acceptances', lang)}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        a = r["acceptance"]
        lines.append(f"| {r['row']} | {r['text']} | {a.accepted_by} | {a.accepted_on} | {a.reason} |")
    return lines + [""]


def checklist_table(reviews, lang: str):
    """Every checklist item of every machine with its result; citations in English and Chinese."""
    import pandas as pd

    from pse.machinery.citation import bilingual_citations
    from pse.machinery.data import package_checklists

    titles = {key: c.title for key, c in package_checklists().items()}
    rows = []
    for review in reviews:
        for row in review.checklist:
            item = row.item
            note = "; ".join(x for x in (row.note, item.note) if x)
            recommendation = row.recommendation or next(
                (g.id for g in review.generated if g.item == item.id), "")
            rows.append({
                _l("machine", lang): review.machine.id,
                # the checklist's title in the run language (the key for a study checklist without a title)
                _l("checklist_name", lang): _text(titles.get(item.checklist), lang) or item.checklist,
                _l("item", lang): item.id,
                _l("question", lang): _text(item.question, lang),
                _l("method", lang): _l(item.method, lang),
                _l("citation", lang): bilingual_citations(item.citation),
                _l("result", lang): _l(row.result or "not_checked", lang),
                _l("evidence", lang): row.evidence or "",
                _l("note", lang): note,
                _l("recommendation", lang): recommendation,
            })
    return pd.DataFrame(rows, columns=_columns(lang, ("machine", "checklist_name", "item", "question", "method",
                                                      "citation", "result", "evidence", "note",
                                                      "recommendation")))


def calculation_table(reviews, lang: str):
    import pandas as pd

    rows = []
    for review in reviews:
        for calc in review.calculations:
            verdict = _l("cannot_evaluate" if calc.meets is None else ("meets" if calc.meets else "does_not_meet"),
                         lang)
            rows.append({
                _l("machine", lang): review.machine.id, _l("check", lang): _text(calc.title, lang),
                _l("equation", lang): _text(calc.equation, lang) + (f" ({calc.note})" if calc.note else ""),
                _l("value", lang): "" if calc.value is None else _cell(calc.value, lang),
                _l("installed", lang): "" if calc.installed is None else _cell(calc.installed, lang),
                _l("verdict", lang): verdict, _l("source", lang): _text(calc.source, lang),
                _l("item", lang): calc.item or ""})
    return pd.DataFrame(rows, columns=_columns(lang, ("machine", "check", "equation", "value", "installed",
                                                      "verdict", "source", "item")))


def register_table(study, reviews, lang: str):
    import pandas as pd

    from pse.machinery.review import register

    rows = []
    for entry in register(study, reviews):
        status = entry["status"] + (f" - {_l('generated', lang)}" if entry["generated"] else "")
        rows.append({_l("rec_id", lang): entry["id"], _l("text", lang): _text(entry["text"], lang),
                     _l("owner", lang): entry["owner"] or "", _l("due", lang): str(entry["due"] or ""),
                     _l("status", lang): status, _l("from_item", lang): ", ".join(entry["sources"])})
    return pd.DataFrame(rows, columns=_columns(lang, ("rec_id", "text", "owner", "due", "status", "from_item")))


def _columns(lang, keys):
    return [_l(k, lang) for k in keys]


def sheets(study, reviews, lang: str):
    """The five sheets of the review: hazards, safety functions, checklist, calculations, recommendations."""
    from pse.tables import Sheet

    head = header_lines(study, lang)
    result_col, plr_col, verdict_col = _l("result", lang), _l("plr", lang), _l("verdict", lang)
    by_label = {_l(k, lang): k for k in ("pass", "fail", "na", "not_checked")}
    good, bad = _l("meets", lang), _l("does_not_meet", lang)

    def colour(column, value, row):
        if column == result_col:
            key = by_label.get(value)
            return RESULT_COLOURS.get(None if key == "not_checked" else key)
        if column in (plr_col, _l("plr_used", lang)):
            return PLR_COLOURS.get(value)
        if column == verdict_col:
            return {good: "#C8E6C9", bad: "#F4B6B6"}.get(value)
        return None

    wide = {_l(k, lang): 50 for k in ("question", "measures", "description", "equation", "text")}
    wide.update({_l("citation", lang): 40})
    return [
        Sheet("Hazards", hazard_table(study, reviews, lang), _l("hazards", lang), head, colour=colour, widths=wide),
        Sheet("Safety functions", safety_function_table(reviews, lang), _l("safety_functions", lang), head,
              colour=colour, widths=wide),
        Sheet("Checklist", checklist_table(reviews, lang), _l("checklist", lang), head, colour=colour, widths=wide,
              validations={result_col: [_l(k, lang) for k in ("pass", "fail", "na", "not_checked")]}),
        Sheet("Calculations", calculation_table(reviews, lang), _l("calculations", lang), head, colour=colour,
              widths=wide),
        Sheet("Recommendations", register_table(study, reviews, lang), _l("register", lang), head, widths=wide),
    ]


def machine_summary(study, review, lang: str) -> str:
    """Markdown block describing one machine: type, designated status, phases, tasks, zones, counts."""
    machine = review.machine
    yes, no = _l("answer_yes", lang), _l("answer_no", lang)
    label_text = " / ".join(x for x in (machine.safety_label, machine.type_approval_no) if x) or "-"
    lines = [f"### {machine.id} {machine.name}", "",
             f"- **{_l('machine_type', lang)}**: {_text(review.type_info, lang)} (`{machine.type}`)",
             f"- **{_l('designated_product', lang)}**: {yes if review.designated else no}; "
             f"**{_l('safety_label', lang)}**: {label_text}"]
    if machine.operators or machine.operating_stations is not None:
        lines.append(f"- **{_l('operators', lang)}**: {machine.operators or '-'} / "
                     f"{'-' if machine.operating_stations is None else machine.operating_stations}")
    if machine.life_cycle_phases:
        phases = ", ".join(phase_label(p, lang) for p in machine.life_cycle_phases)
        lines.append(f"- **{_l('life_cycle_phases', lang)}**: {phases}")
    if machine.danger_zones:
        lines.append(f"- **{_l('danger_zones', lang)}**: " +
                     "; ".join(f"{z.id} {z.description}" for z in machine.danger_zones))
    if machine.tasks:
        lines.append(f"- **{_l('tasks', lang)}**: " +
                     "; ".join(f"{t.id} {t.name} ({phase_label(t.phase, lang)})" for t in machine.tasks))
    lines.append("- " + _l("summary_line", lang).format(**review.counts()))
    return "\n".join(lines) + "\n"


def markdown_report(study, reviews, lang: str) -> str:
    """The review report: header, each machine, then the five tables."""
    from pse.tables import to_markdown

    parts = [f"# {_l('machinery', lang)}", "", *[f"{line}  " for line in header_lines(study, lang)], ""]
    parts += [machine_summary(study, review, lang) for review in reviews]
    parts += [to_markdown(sheet) for sheet in sheets(study, reviews, lang)]
    calc = pl_calculation_lines(reviews, lang)
    if calc:
        parts += [f"## {_l('pl_calculation', lang)}", "", *calc]
    parts += acceptance_lines(study, lang)
    return "\n".join(parts)


def html_report(study, reviews, lang: str) -> str:
    """The review report as one self-contained HTML page (the tables of :func:`pse.tables.to_html`)."""
    import html
    import re

    from pse.tables import to_html

    body = [f"<h1>{html.escape(_l('machinery', lang))}</h1>"]
    body += [f"<p>{html.escape(line)}</p>" for line in header_lines(study, lang)]
    for review in reviews:
        block = machine_summary(study, review, lang).splitlines()
        body.append(f"<h3>{html.escape(block[0].lstrip('# '))}</h3><ul>")
        body += [f"<li>{html.escape(line[2:].replace('**', ''))}</li>" for line in block[2:] if line.startswith("- ")]
        body.append("</ul>")
    for sheet in sheets(study, reviews, lang):
        page = to_html(sheet)
        match = re.search(r"<table>.*</table>", page, re.S)
        body.append(f"<h2>{html.escape(sheet.title)}</h2>{match.group(0) if match else ''}")
    calc = pl_calculation_lines(reviews, lang)
    if calc:
        body.append(f"<h2>{html.escape(_l('pl_calculation', lang))}</h2>")
        for line in calc:
            if line.startswith("#### "):
                body.append(f"<h4>{html.escape(line[5:])}</h4>")
            elif line.strip().startswith("- "):
                indent = " style='margin-left:2em'" if line.startswith("  ") else ""
                body.append(f"<div{indent}>{html.escape(line.strip()[2:].replace('**', ''))}</div>")
    accepted = acceptance_rows(study)
    if accepted:
        body.append(f"<h2>{html.escape(_l('acceptances', lang))}</h2><table><tr>" + "".join(
            f"<th>{html.escape(_l(k, lang))}</th>" for k in ("row", "description", "accepted_by", "accepted_on",
                                                              "reason")) + "</tr>")
        for r in accepted:
            a = r["acceptance"]
            body.append("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in
                                         (r["row"], r["text"], a.accepted_by, a.accepted_on, a.reason)) + "</tr>")
        body.append("</table>")
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'>"
            f"<title>{html.escape(_l('machinery', lang))}</title><style>"
            "body{font-family:sans-serif;margin:1em}table{border-collapse:collapse;font-size:13px}"
            "th,td{border:1px solid #999;padding:3px 6px;vertical-align:top;white-space:pre-wrap}"
            "th{background:#e8eef4}</style></head><body>" + "".join(body) + "</body></html>\n")
