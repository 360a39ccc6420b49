"""The HAZOP section of a run: worksheet files, the workbook and the summary (for `pse run` and `pse hazop export`).

A floor below both :mod:`pse.hazop.module` (the registry entry) and :mod:`pse.hazop.cli` (the
commands), so neither imports the other.  The worksheet rows are built once per run and shared
by the CSV/Markdown/HTML views, the summary counts and the workbook.
"""

from __future__ import annotations

from pse.registry import RunContext, Section


def run_section(study, ctx: RunContext) -> Section:
    """Write ``hazop/hazop-worksheet.{csv,md,html}`` and ``hazop/hazop.xlsx``; return the report section."""
    from pse.hazop.excel_write import node_groups, workbook_builder
    from pse.hazop.worksheet import _l, rows, sheet, summary
    from pse.i18n import label as catalogue_label
    from pse.tables import to_csv, to_html, to_markdown

    ctx.progress(catalogue_label("progress_hazop", ctx.lang))
    memo: dict = {}                      # scenario rows shared by both calls
    counted = rows(study, ctx.lang, memo=memo)
    ws = sheet(study, ctx.lang, counted)
    table_md = to_markdown(ws)
    base = "hazop/hazop-worksheet"
    files = [ctx.write_text(f"{base}.csv", to_csv(ws.table, ws.lang)), ctx.write_text(f"{base}.md", table_md),
             ctx.write_text(f"{base}.html", to_html(ws))]
    groups = node_groups(study, ctx.lang, rows(study, ctx.lang, include_suggestions=True, memo=memo))
    files.append(ctx.write_workbook("hazop/hazop.xlsx", workbook_builder(study, ctx.lang, groups)))
    counts = summary(study, ctx.lang, counted)
    lines = "\n".join(f"- {_l(k, ctx.lang)}: {v}" for k, v in counts.items())
    markdown = "\n".join([f"## {ws.title}", "", lines, "", table_md])
    return Section("hazop", ws.title, markdown, files, blocks=[lines, ws])
