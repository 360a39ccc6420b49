"""One study, one report: ``report.html`` and ``study.xlsx`` written by ``pse run``.

``report.html`` is a single self-contained page (inline CSS, inline SVG, a few
lines of inline JavaScript to sort tables; nothing is fetched from a network):
a summary (risk profile before and after, open actions, lint results), a
section per module, and a traceability table (HAZOP scenario -> LOPA result ->
SIF -> verification -> FMEA rows; task and machine rows -> recommendations).
``study.xlsx`` holds every module's sheets in one workbook.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter

from pse.i18n import label

CSS = """
body{font-family:"Noto Sans TC","Microsoft JhengHei",Arial,sans-serif;margin:0;color:#222;font-size:14px}
nav{position:fixed;top:0;left:0;width:220px;height:100%;overflow:auto;background:#1f3b57;color:#fff;padding:12px}
nav a{color:#dfe9f3;text-decoration:none;display:block;padding:3px 0}nav a:hover{color:#fff}
nav h1{font-size:15px;margin:0 0 10px}
main{margin-left:250px;padding:16px 24px;max-width:1500px}
h1{font-size:22px}h2{border-bottom:2px solid #1f3b57;padding-bottom:3px;margin-top:32px}
table{border-collapse:collapse;margin:8px 0 16px;font-size:12px}
th,td{border:1px solid #aab;padding:3px 6px;vertical-align:top;text-align:left}
th{background:#e8eef4;cursor:pointer;position:sticky;top:0}
th.sorted-asc::after{content:" \\25B2"}th.sorted-desc::after{content:" \\25BC"}
.meta td{border:none;padding:1px 8px}.warn{color:#8a5300}.ok{color:#1b5e20}
.fig{display:inline-block;margin:6px 12px 6px 0;vertical-align:top}.fig svg{max-width:620px;height:auto}
.lvl{display:inline-block;min-width:18px;text-align:center;border-radius:3px;padding:0 4px}
"""

SORT_JS = """
document.querySelectorAll('table').forEach(function(t){
  t.querySelectorAll('th').forEach(function(th,i){th.addEventListener('click',function(){
    var body=t.tBodies[0]; if(!body) return; var rows=Array.from(body.rows);
    var asc=!th.classList.contains('sorted-asc');
    t.querySelectorAll('th').forEach(function(h){h.classList.remove('sorted-asc','sorted-desc')});
    th.classList.add(asc?'sorted-asc':'sorted-desc');
    rows.sort(function(a,b){var x=a.cells[i].innerText,y=b.cells[i].innerText;
      var nx=parseFloat(x),ny=parseFloat(y);
      var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y,undefined,{numeric:true});return asc?c:-c;});
    rows.forEach(function(r){body.appendChild(r)});});});});
"""


def _e(text) -> str:
    return html.escape("" if text is None else str(text))


def _table(headers: list[str], rows: list[list], raw_columns: tuple[int, ...] = ()) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c if i in raw_columns else _e(c)}</td>" for i, c in enumerate(row))
                   + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def rated_rows(study):
    """Every rated row: (kind, id, matrix, before (S, L), planned after (S, L), recommendation IDs)."""
    from pse.model.validate import iter_objects

    out = []
    for obj, _ in iter_objects(study):
        fields = type(obj).model_fields
        if "severity" not in fields or "likelihood" not in fields or type(obj).kind == "failure_mode":
            continue
        before = (obj.severity, obj.likelihood)
        after_fields = ("severity_after", "likelihood_after") if "severity_after" in fields else (
            ("residual_severity", "residual_likelihood") if "residual_severity" in fields else None)
        after = tuple(getattr(obj, f) for f in after_fields) if after_fields else (None, None)
        if None in before or not getattr(obj, "id", None):
            continue
        recs = list(getattr(obj, "recommendations", None) or [])
        recs += [m.recommendation for m in getattr(obj, "measures", None) or [] if m.recommendation]
        out.append((type(obj).kind, obj.id, getattr(obj, "risk_matrix", None) or study.risk_matrix, before, after,
                    recs))
    return out


def risk_profile(study) -> dict[str, tuple[Counter, Counter, Counter]]:
    """Per matrix: rows per risk level before, now, and planned after.

    *Now* is the planned rating only for rows whose recommendations are all closed
    (with evidence), else the rating before (:func:`pse.register.current_rating`);
    *planned* assumes every recommendation is done.
    """
    from pse.model import matrix_for
    from pse.register import current_rating

    profile: dict[str, tuple[Counter, Counter, Counter]] = {}
    for _, _, matrix_name, before, after, recs in rated_rows(study):
        matrix = matrix_for(study, matrix_name)
        counts = profile.setdefault(matrix_name, (Counter(), Counter(), Counter()))
        level_before = matrix.level(*before)
        counts[0][level_before] += 1
        severity, likelihood, _ = current_rating(study, *before, *after, recs)
        counts[1][matrix.level(severity, likelihood)] += 1
        counts[2][matrix.level(*after) if None not in after else level_before] += 1
    return profile


def _profile_html(study, lang: str) -> str:
    from pse.model import matrix_for

    parts = []
    for matrix_name, (before, now, after) in risk_profile(study).items():
        matrix = matrix_for(study, matrix_name)
        rows = []
        for level in sorted(set(matrix.level_values), reverse=matrix.spec.level_worst == "high"):
            info = matrix.describe(level)
            chip = f'<span class="lvl" style="background:{info.colour}">{level}</span> {_e(matrix.label(level, lang))}'
            rows.append([chip, before.get(level, 0), now.get(level, 0), after.get(level, 0)])
        parts.append(f"<h3>{_e(label('risk_matrix', lang))}: {_e(matrix_name)}</h3>"
                     + _table([label("risk_level", lang), label("before", lang), label("now", lang),
                               label("planned", lang)], rows, (0,)))
    from pse.registry import modules

    for module in modules():   # ratings not on a study matrix (health bands...): Module.profile
        if module.profile is not None and module.uses(study):
            for title, rows in module.profile(study, lang):
                cells = [[f'<span class="lvl" style="background:{colour}">{_e(level)}</span>', before, now, after]
                         for level, colour, before, now, after in rows]
                parts.append(f"<h3>{_e(title)}</h3>" + _table([label("risk_level", lang), label("before", lang),
                                                                 label("now", lang), label("planned", lang)],
                                                                cells, (0,)))
    return "".join(parts) or "<p>-</p>"


def traceability_rows(study, lopa_result=None, verifications=None) -> list[list]:
    """Rows of the traceability table: scenario -> LOPA -> SIF -> verification -> FMEA; rows -> recommendations."""
    from pse.model.trace import recommendation_sources

    lopa_by_scenario = {r.scenario: r for r in (lopa_result.scenarios if lopa_result else [])}
    verif_by_sif = {v.sif: v for v in (verifications or [])}
    component_tags = {}
    for sif in study.sifs:
        tags = set()
        for name in ("sensors", "logic_solver", "final_elements"):
            sub = getattr(sif, name)
            if sub is not None:
                tags.update(sub.components)
        component_tags[sif.id] = tags
    equipment_tag = {e.id: e.tag for e in study.equipment}
    rows = []
    for scenario in study.scenarios:
        result = lopa_by_scenario.get(scenario.id)
        sifs = result.sifs if result else []
        fmea = [fm.id for fm in study.failure_modes
                if fm.equipment and any(equipment_tag.get(fm.equipment) in component_tags.get(s, ()) for s in sifs)]
        verification = "; ".join(
            f"{s}: PFD {verif_by_sif[s].pfd_avg:.2e}, SIL {verif_by_sif[s].achieved_sil}"
            if s in verif_by_sif and verif_by_sif[s].complete else s for s in sifs)
        rows.append([scenario.id, "HAZOP" if scenario.origin == "manual" else "HAZOP (suggested)",
                     (f"{result.mitigated_frequency_per_yr:.2e}/yr vs {result.tolerable_frequency_per_yr:.0e}; "
                      f"{result.sil_label}") if result else "-",
                     ", ".join(sifs) or "-", verification or "-", ", ".join(fmea) or "-",
                     ", ".join(scenario.recommendations) or "-"])
    sources = recommendation_sources(study)
    by_row: dict[str, list[str]] = {}
    for rec, rows_of in sources.items():
        for row in rows_of:
            by_row.setdefault(row, []).append(rec)
    for kind, collection in (("task", [r for t in study.tasks for r in t.rows]),
                             ("machine", [h for m in study.machines for h in m.hazards]),
                             ("FMEA", study.failure_modes)):
        for row in collection:
            if row.id in by_row:
                rows.append([row.id, kind, "-", "-", "-", "-", ", ".join(by_row[row.id])])
    return rows


def build_report(study, sections, warnings, lang: str, today: dt.date | None = None, out_dir=None) -> str:
    """The self-contained ``report.html`` page (drawings in ``out_dir`` are embedded)."""
    import markdown as md

    from pse.register import actions

    meta = study.study
    lopa_result = verifications = None
    if study.sifs or any(s.lopa for s in study.scenarios):
        from pse.lopa.views import analyse

        lopa_result, verifications = analyse(study)
    nav = [("summary", label("summary", lang))]
    body = []
    meta_rows = "".join(f"<tr><td><b>{_e(label(k, lang))}</b></td><td>{_e(getattr(meta, k))}</td></tr>"
                        for k in ("company", "site", "department", "date", "revision", "reviewer")
                        if getattr(meta, k))
    if meta.assessors:
        meta_rows += f"<tr><td><b>{_e(label('assessors', lang))}</b></td><td>{_e(', '.join(meta.assessors))}</td></tr>"
    register = actions(study, today, lang)
    open_actions = [a for a in register if a.status in ("open", "in_progress")]
    overdue = [a for a in open_actions if a.overdue]
    body.append(f"<h1>{_e(meta.title)}</h1><table class='meta'>{meta_rows}</table>")
    body.append(f"<h2 id='summary'>{_e(label('summary', lang))}</h2>")
    body.append(f"<h3>{_e(label('risk_profile', lang))}</h3>" + _profile_html(study, lang))
    body.append(f"<h3>{_e(label('open_recommendations', lang))}: {len(open_actions)} "
                f"({_e(label('overdue', lang))}: {len(overdue)})</h3>")
    body.append(_table(["ID", label("recommendations", lang), label("owner", lang), label("due", lang),
                        label("status", lang), label("overdue_days", lang), label("from_rows", lang)],
                       [[a.id, a.text, a.owner or "", a.due or "", a.status, a.overdue_days or "",
                         ", ".join(a.sources)] for a in open_actions]))
    body.append(f"<h3>{_e(label('lint', lang))}: {len(warnings)}</h3>")
    if warnings:
        by_rule: dict[str, list] = {}
        for warning in warnings:
            by_rule.setdefault(warning.rule or "-", []).append(warning)
        for rule, items in sorted(by_rule.items()):
            body.append(f"<details><summary class='warn'><b>{_e(rule)}</b>: {len(items)} - "
                        f"{_e(items[0].message)}</summary><ul>"
                        + "".join(f"<li>{_e(w)}</li>" for w in items) + "</ul></details>")
    else:
        body.append(f"<p class='ok'>{_e(label('no_warnings', lang))}</p>")
    for section in sections:
        if section.module == "study":
            continue
        anchor = f"m-{section.module}"
        nav.append((anchor, section.title))
        figures = "".join(f"<div class='fig'>{svg}<div>{_e(caption)}</div></div>" for caption, svg in section.figures)
        text = section.markdown
        if text.lstrip().startswith("## "):
            text = text.lstrip().split("\n", 1)[1] if "\n" in text.lstrip() else ""
        rendered = section.html if section.html is not None else md.markdown(text, extensions=["tables"])
        if out_dir is not None:
            rendered = inline_images(rendered, out_dir)
        body.append(f"<h2 id='{anchor}'>{_e(section.title)}</h2>{figures}{rendered}")
    nav.append(("trace", label("traceability", lang)))
    body.append(f"<h2 id='trace'>{_e(label('traceability', lang))}</h2>")
    body.append(_table([label("row", lang), label("origin", lang), "LOPA", "SIF", label("verification", lang),
                        "FMEA", label("recommendations", lang)], traceability_rows(study, lopa_result, verifications)))
    nav_html = "".join(f"<a href='#{a}'>{_e(t)}</a>" for a, t in nav)
    return ("<!DOCTYPE html><html lang='" + ("zh-Hant-TW" if lang == "zh-TW" else "en") + "'><head>"
            "<meta charset='utf-8'><meta name='viewport' content='width=device-width'>"
            f"<title>{_e(meta.title)}</title><style>{CSS}</style></head><body>"
            f"<nav><h1>{_e(meta.title)}</h1>{nav_html}</nav><main>{''.join(body)}"
            f"<p style='color:#777;font-size:11px'>pse {_e(_version())} - {_e(dt.date.today())}</p></main>"
            f"<script>{SORT_JS}</script></body></html>\n")


def _version() -> str:
    from pse import __version__

    return __version__


def write_study_workbook(path, workbooks) -> bool:
    """``study.xlsx``: the sheets of every module's workbook copied into one, formats kept.

    Each module writes its own workbook in its own layout (bilingual header rows,
    merged cells, colours, dropdowns, frozen panes); copying cell by cell with
    their styles keeps that layout identical in the study workbook.  Sheet names
    that clash get the workbook's name as prefix.  Embedded images are not copied
    (they stay in the module's own workbook and in report.html).  False if none.
    """
    import copy
    import io

    from openpyxl import Workbook, load_workbook

    from pse.output import atomic_write_bytes

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for source_path in workbooks:
        source = load_workbook(source_path)
        for ws in source.worksheets:
            name = ws.title[:31]
            if name in used:
                name = f"{source_path.stem}-{ws.title}"[:31]
            used.add(name)
            target = book.create_sheet(name)
            for row in ws.iter_rows():
                for cell in row:
                    new = target.cell(row=cell.row, column=cell.column, value=cell.value)
                    if cell.has_style:
                        new.font, new.fill = copy.copy(cell.font), copy.copy(cell.fill)
                        new.border, new.alignment = copy.copy(cell.border), copy.copy(cell.alignment)
                        new.number_format, new.protection = cell.number_format, copy.copy(cell.protection)
                    if cell.comment is not None:
                        new.comment = copy.copy(cell.comment)
            for merged in ws.merged_cells.ranges:
                target.merge_cells(str(merged))
            for key, dim in ws.column_dimensions.items():
                target.column_dimensions[key].width = dim.width
                target.column_dimensions[key].hidden = dim.hidden
            for key, dim in ws.row_dimensions.items():
                target.row_dimensions[key].height = dim.height
            target.freeze_panes = ws.freeze_panes
            for validation in ws.data_validations.dataValidation:
                target.add_data_validation(copy.copy(validation))
            target.sheet_state = ws.sheet_state
    if not book.worksheets:
        return False
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write_bytes(path, buffer.getvalue())
    return True


def inline_images(page_html: str, out_dir) -> str:
    """Replace ``<img src="x.svg|png">`` of files in the output directory by inline SVG or data URIs.

    Module sections refer to their drawings by relative path (Markdown images);
    the report must stand alone, so the files are embedded.
    """
    import base64
    import re
    from pathlib import Path

    def embed(match):
        src = match.group(2)
        path = Path(out_dir) / src
        if not path.is_file():
            return match.group(0)
        if path.suffix == ".svg":
            svg = path.read_text(encoding="utf-8")
            svg = svg[svg.find("<svg"):] if "<svg" in svg else svg
            return f"<div class='fig'>{svg}</div>"
        if path.suffix == ".png":
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            return f"{match.group(1)}data:image/png;base64,{data}{match.group(3)}"
        return match.group(0)

    return re.sub(r'(<img[^>]*?src=")([^"]+)("[^>]*>)', embed, page_html)
