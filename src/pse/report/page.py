"""``report.html``: the page context built in plain steps, rendered with Jinja2 templates.

Steps (each a small function, nothing here builds HTML by hand):

1. :func:`summary_context` -- study metadata, the risk profile, open actions, lint grouped by rule;
2. :func:`section_context` -- each module section as content parts (Markdown made safe, module HTML
   sanitised, worksheets as tables built from data);
3. :func:`trace_context` -- the traceability table;
4. :func:`render` -- the templates in ``pse/report/templates`` (autoescaping on).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pse.i18n import enum_label, label


@dataclass
class Cell:
    """One table cell: its lines as safe HTML (several lines become a list in the cell) and colours."""

    lines: list[str]
    colour: str | None = None
    text_colour: str | None = None


@dataclass
class Table:
    """A table built from data: headers and rows of :class:`Cell` (no Markdown, so no ``|`` can shift it)."""

    headers: list[str]
    rows: list[list[Cell]]
    title: str = ""
    css_class: str = ""
    more: str = ""          # safe HTML under a shortened table: how many rows are shown, where the full table is


@dataclass
class Part:
    """One piece of a module section: ``html`` (already safe) or a ``table``."""

    html: str | None = None
    table: Table | None = None


@dataclass
class SectionView:
    module: str
    anchor: str
    title: str
    figures: list = field(default_factory=list)    # (caption, svg markup)
    parts: list[Part] = field(default_factory=list)


def cell(value, colour: str | None = None, out_dir=None) -> Cell:
    """A cell of ``value`` (None and NaN blank; newlines split into lines; each line safe inline Markdown)."""
    from pse.report.contrast import text_colour_for
    from pse.report.safe import inline_markdown

    if value is None or (isinstance(value, float) and value != value):
        text = ""
    else:
        text = str(value)
    lines = [inline_markdown(line, out_dir) for line in text.split("\n")] if text else [""]
    return Cell(lines, colour, text_colour_for(colour) if colour else None)


def table(headers, rows, title: str = "", css_class: str = "") -> Table:
    """A :class:`Table` of plain values."""
    return Table([str(h) for h in headers], [[cell(v) for v in row] for row in rows], title, css_class)


def sheet_table(sheet, out_dir=None, limit: int | None = None, more=None) -> Table:
    """A :class:`pse.tables.Sheet` as a :class:`Table`, cell colours kept (text contrast set per cell).

    Only the first ``limit`` rows are built (all when None); ``more(shown, rows)`` gives the note under a
    shortened table.  Built column by column (one ``tolist`` per column, no per-cell indexing).
    """
    import dataclasses

    from pse.tables import cell_colours, columns_of, display_table

    total = len(sheet.table)
    part = sheet if limit is None or total <= limit else dataclasses.replace(sheet, table=sheet.table.iloc[:limit])
    shown = display_table(part)
    colours = cell_colours(part)
    made: dict = {}            # a table repeats its values (levels, categories): each distinct cell made once

    def shared(value, colour):
        try:
            key = (type(value), repr(value) if isinstance(value, float) else value, colour)   # -0.0 kept
            if key not in made:
                made[key] = cell(value, colour, out_dir)
            return made[key]
        except TypeError:          # unhashable (a list)
            return cell(value, colour, out_dir)

    built = [[shared(value, colours[j][i] if colours else None) for i, value in enumerate(values)]
             for j, values in enumerate(columns_of(shown))]
    rows = [list(row) for row in zip(*built, strict=True)] if built else [[] for _ in range(len(shown))]
    note = more(len(shown), total) if more is not None and len(shown) < total else ""
    return Table([str(c) for c in shown.columns], rows, sheet.title, f"sheet-{sheet.name.lower()}", note)


def _strip_heading(text: str) -> str:
    """A section's Markdown without its leading ``## title`` line (the template writes the heading)."""
    stripped = text.lstrip()
    if stripped.startswith("## "):
        return stripped.split("\n", 1)[1] if "\n" in stripped else ""
    return text


def scrolled(fragment: str) -> str:
    """Every ``<table>`` of a (safe) fragment inside a horizontal-scroll container."""
    import re

    fragment = re.sub(r"<table(?=[\s>])", "<div class='scroll'><table", fragment)
    return fragment.replace("</table>", "</table></div>")


def section_parts(section, out_dir, lang: str = "en", limit: int | None = None) -> list[Part]:
    """The content of a module section, made safe, each table cut to its first ``limit`` rows
    (:mod:`pse.report.budget`: the note under it names the CSV and workbooks with the full table).

    ``section.blocks`` (Markdown strings and :class:`pse.tables.Sheet` objects)
    is preferred: tables then come from data.  Otherwise the module's own HTML is
    sanitised, or its Markdown rendered safely.
    """
    from pse.report import budget
    from pse.report.budget import ROWS_SHOWN, cap_html_tables, full_table_files, more_note
    from pse.report.safe import markdown_to_html, sanitize_html
    from pse.tables import Sheet

    limit = ROWS_SHOWN if limit is None else limit
    files = list(getattr(section, "files", None) or [])

    def more(sheet_files=()):
        return lambda shown, rows: more_note(shown, rows, full_table_files(files, sheet_files), lang)

    def safe(fragment: str) -> str:
        return scrolled(cap_html_tables(fragment, limit, more()))

    def converted(text: str) -> str:
        """Markdown as safe HTML, its tables cut to ``limit`` rows before converting (same page as cutting after)."""
        cut, counts = budget.cut_markdown_tables(_strip_heading(text), limit)
        noted = budget.note_cut_tables(markdown_to_html(cut, out_dir), counts, limit, more())
        return scrolled(noted) if noted is not None else safe(markdown_to_html(_strip_heading(text), out_dir))

    blocks = getattr(section, "blocks", None)
    if blocks:
        return [Part(table=sheet_table(block, out_dir, limit, more(block.files))) if isinstance(block, Sheet)
                else Part(html=converted(str(block))) for block in blocks]
    if section.html is not None:
        cut, counts = cut_html_tables(section.html, limit)
        noted = budget.note_cut_tables(sanitize_html(cut, out_dir), counts, limit, more())
        return [Part(html=scrolled(noted) if noted is not None else safe(sanitize_html(section.html, out_dir)))]
    return [Part(html=converted(section.markdown))]


_TBODY = re.compile(r"<tbody>(.*?)</tbody>", re.DOTALL)


def cut_html_tables(fragment: str, limit: int) -> tuple[str, list[int]]:
    """Module HTML with every ``<tbody>`` cut to its first ``limit`` rows before it is sanitised (rows the page
    does not show are never parsed), and the row count of each body, in order.

    :func:`pse.report.budget.note_cut_tables` then writes the note under each cut table from these counts, or
    refuses when the sanitised fragment's bodies do not match them (the whole fragment is then sanitised and
    cut after, :func:`pse.report.budget.cap_html_tables`): the page is the same either way.

    >>> cut_html_tables("<table><tbody><tr><td>1</td></tr><tr><td>2</td></tr></tbody></table>", 1)
    ('<table><tbody><tr><td>1</td></tr></tbody></table>', [2])
    """
    counts: list[int] = []

    def cut(match) -> str:
        rows = match.group(1).split("</tr>")
        counts.append(len(rows) - 1)
        if len(rows) - 1 <= limit:
            return match.group(0)
        return "<tbody>" + "</tr>".join(rows[:limit]) + "</tr></tbody>"

    return _TBODY.sub(cut, fragment), counts


def section_context(sections, out_dir, lang: str = "en", limit: int | None = None) -> list[SectionView]:
    """Every module section except the study's own, in run order."""
    views = []
    for section in sections:
        if section.module == "study":
            continue
        figures = [(caption, sanitize_svg(svg)) for caption, svg in section.figures]
        views.append(SectionView(section.module, f"m-{section.module}", section.title, figures,
                                 section_parts(section, out_dir, lang, limit)))
    return views


def sanitize_svg(svg: str) -> str:
    """A drawing made by pse (matplotlib SVG): kept, without scripts or event handlers."""
    import re

    svg = re.sub(r"<script\b.*?</script\s*>", "", svg, flags=re.IGNORECASE | re.DOTALL)
    return re.sub(r"\son\w+\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", "", svg, flags=re.IGNORECASE)


def summary_context(study, warnings, lang: str, today: dt.date | None) -> dict:
    """Metadata lines, risk profile tables, open actions and lint grouped by rule."""
    from pse.register import actions
    from pse.report.profile import profile_tables

    meta = study.study
    meta_rows = [(label(k, lang), str(getattr(meta, k))) for k in
                 ("company", "site", "department", "date", "revision", "reviewer") if getattr(meta, k)]
    if meta.assessors:
        meta_rows.append((label("assessors", lang), ", ".join(meta.assessors)))
    open_actions = [a for a in actions(study, today, lang) if a.status in ("open", "in_progress")]
    actions_table = table(["ID", label("recommendations", lang), label("owner", lang), label("due", lang),
                           label("status", lang), label("overdue_days", lang), label("from_rows", lang)],
                          [[a.id, a.text, a.owner or "", a.due or "", enum_label(a.status, lang),
                            a.overdue_days or "", ", ".join(a.sources)] for a in open_actions])
    by_rule: dict[str, list] = {}
    for warning in warnings:
        by_rule.setdefault(warning.rule or "-", []).append(warning)
    return {"title": meta.title, "meta_rows": meta_rows, "profile": profile_tables(study, lang),
            "open_count": len(open_actions), "overdue_count": sum(1 for a in open_actions if a.overdue),
            "actions": actions_table, "warning_count": len(warnings),
            "lint": [(rule, items[0].message, [str(w) for w in items[:LINT_SHOWN]], len(items),
                      _more_findings(len(items), lang))
                     for rule, items in sorted(by_rule.items())]}


#: findings of one lint rule listed in the page (``pse check`` lists them all)
LINT_SHOWN = 50


def _more_findings(count: int, lang: str) -> str:
    """The line under a rule's first :data:`LINT_SHOWN` findings ("" when all are listed)."""
    from pathlib import Path

    if count <= LINT_SHOWN:
        return ""
    return label("report_more_findings", lang, str(Path(__file__).with_name("labels.yaml"))).format(
        more=count - LINT_SHOWN)


def trace_context(study, lang: str, limit: int | None = None) -> Table:
    """The traceability table (its first ``limit`` rows; the whole table is the Traceability sheet of
    ``study.xlsx``, :func:`pse.report.trace.traceability_sheet`)."""
    from pse.report.budget import ROWS_SHOWN, more_note
    from pse.report.trace import trace_headers, traced_rows

    limit = ROWS_SHOWN if limit is None else limit
    rows = traced_rows(study)
    shown = table(trace_headers(lang), rows[:limit])
    if len(rows) > limit:
        shown.more = more_note(limit, len(rows), ["study.xlsx"], lang)
    return shown


def environment():
    """The Jinja2 environment of the report templates (package data, autoescaping on)."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("pse.report", "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.globals["row_html"] = row_html
    return env


def row_html(row: list[Cell]):
    """The ``<td>`` cells of one table row, as the ``cell_content`` macro of ``_macros.html.j2`` writes a cell
    (its lines are safe HTML already; colours escaped as Jinja2's autoescaping does): one call a row instead of
    a macro call a cell.

    >>> str(row_html([Cell(["a"]), Cell(["b", "c"], "#FF0000", "#000000")]))
    "<td>a</td><td style='background:#FF0000;color:#000000'><ul class='in-cell'><li>b</li><li>c</li></ul></td>"
    """
    from markupsafe import Markup, escape

    tds = []
    for c in row:
        content = ("<ul class='in-cell'>" + "".join(f"<li>{line}</li>" for line in c.lines) + "</ul>"
                   if len(c.lines) > 1 else c.lines[0])
        style = f" style='background:{escape(c.colour)};color:{escape(c.text_colour)}'" if c.colour else ""
        tds.append(f"<td{style}>{content}</td>")
    return Markup("".join(tds))


def render(context: dict) -> str:
    """``report.html`` from its context."""
    from markupsafe import Markup

    env = environment()
    loader = env.loader
    assert loader is not None
    context = dict(context, css=Markup(loader.get_source(env, "report.css")[0]),
                   print_css=Markup(loader.get_source(env, "print.css")[0]),
                   sort_js=Markup(loader.get_source(env, "sort.js")[0]))
    return env.get_template("report.html.j2").render(context)


def build_report(study, sections, warnings, lang: str, today: dt.date | None = None, out_dir=None) -> str:
    """The self-contained ``report.html`` page (drawings in ``out_dir`` are embedded)."""
    from pse import __version__

    summary = summary_context(study, warnings, lang, today)
    views = section_context(sections, out_dir, lang)
    nav = ([("summary", label("summary", lang))] + [(v.anchor, v.title) for v in views]
           + [("trace", label("traceability", lang))])
    labels = {k: label(k, lang) for k in ("summary", "risk_profile", "open_recommendations", "overdue", "lint",
                                          "no_warnings", "traceability", "risk_matrix", "risk_level", "before",
                                          "now", "planned")}
    return render({"lang_attr": "zh-Hant-TW" if lang == "zh-TW" else "en", "summary": summary, "sections": views,
                   "nav": nav, "trace": trace_context(study, lang), "labels": labels, "version": __version__,
                   "generated": dt.date.today().isoformat()})
