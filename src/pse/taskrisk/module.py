"""Task risk assessment in the pse registry: the `pse run` section, `pse taskrisk` and the checks."""

from __future__ import annotations

from pse.registry import Module, RunContext, Section


def _uses(study) -> bool:
    return bool(study.tasks)


def _check(study):
    from pse.taskrisk.lint import check

    return check(study)


def build(study, lang: str, version: str | None = None):
    """Everything the outputs need: the laid-out worksheet, summary tables, heat-map figure."""
    from pse.model.validate import matrix_for
    from pse.taskrisk.summary import heat_map, level_counts, unacceptable
    from pse.taskrisk.worksheet import assess, worksheet

    matrix = matrix_for(study)
    assessed = assess(study)
    sheet = worksheet(study, lang, version)
    counts = level_counts(assessed, matrix, lang)
    risks = unacceptable(assessed, matrix, study.task_risk, lang)
    figure = heat_map(assessed, matrix, lang, study=study)
    return sheet, counts, risks, figure


def section_markdown(study, sheet, counts, risks, lang: str, files=()) -> str:
    """The `pse run` summary section: version, counts before/after, heat map, unacceptable risks."""
    from pse.i18n import label
    from pse.tables import Sheet, to_markdown
    from pse.taskrisk.data import LABELS

    def tr(key):
        return label(key, lang, LABELS)

    lines = [f"## {tr('task_risk')}", "",
             f"- **{tr('version')}**: {tr('version_' + sheet.version)} ({sheet.reason}) - {sheet.title}",
             "- " + tr("run_counts").format(tasks=len(study.tasks), rows=len(sheet.table),
                                          matrix=study.risk_matrix), ""]
    if files:
        lines += ["- " + ", ".join(f"`{f}`" for f in files), ""]
    lines.append(to_markdown(Sheet("counts", counts, tr("count_by_level"))))
    if any(f.endswith("heatmap.png") for f in files):
        lines += [f"![{tr('heat_map')}](taskrisk/heatmap.png)", ""]
    if len(risks):
        lines.append(to_markdown(Sheet("risks", risks, tr("unacceptable"))))
    else:
        lines += [f"### {tr('unacceptable')}", "", tr("no_unacceptable"), ""]
    return "\n".join(lines)


def write_outputs(study, ctx: RunContext, version: str | None = None) -> tuple[list[str], str]:
    """Write the worksheet (xlsx, HTML, CSV, Markdown), the heat map (SVG, PNG) and the data view."""
    from pse.i18n import label
    from pse.tables import Sheet, to_csv, to_markdown
    from pse.taskrisk.data import LABELS
    from pse.taskrisk.export import to_html, workbook_builder
    from pse.taskrisk.summary import heat_map_files
    from pse.taskrisk.worksheet import dataframe

    sheet, counts, risks, figure = build(study, ctx.lang, version)
    images = heat_map_files(figure, study)
    files = []
    base = "taskrisk/task-risk"
    files.append(ctx.write_workbook(f"{base}.xlsx", workbook_builder(
        sheet, [(label("count_by_level", ctx.lang, LABELS), counts),
                (label("unacceptable", ctx.lang, LABELS), risks)], images["png"], study=study)))
    files.append(ctx.write_text(f"{base}.html", to_html(sheet)))
    files.append(ctx.write_text(f"{base}.csv", to_csv(sheet.table, ctx.lang)))
    files.append(ctx.write_text(f"{base}.md", to_markdown(Sheet("task-risk", sheet.table, sheet.title))))
    files.append(ctx.write_text("taskrisk/task-risk-data.csv", to_csv(dataframe(study, ctx.lang), ctx.lang)))
    files.append(ctx.write_bytes("taskrisk/heatmap.svg", images["svg"]))
    files.append(ctx.write_bytes("taskrisk/heatmap.png", images["png"]))
    files.append(ctx.write_text("taskrisk/summary.md", section_markdown(study, sheet, counts, risks, ctx.lang,
                                                                       files)))
    return files, section_markdown(study, sheet, counts, risks, ctx.lang, files)


def _run(study, ctx: RunContext) -> Section:
    from pse.i18n import label
    from pse.taskrisk.data import LABELS

    ctx.progress(label("progress_taskrisk", ctx.lang))
    files, markdown = write_outputs(study, ctx)
    return Section("taskrisk", label("task_risk", ctx.lang, LABELS), markdown, files)


def _cli(study, lang, ctx, version=None):
    from pse.i18n import problem_text
    from pse.model import warnings_of
    from pse.tables import Sheet, to_markdown

    sheet, counts, risks, figure = build(study, lang, version)
    if ctx is not None:
        write_outputs(study, ctx, version)
    lines = [problem_text(w, lang) for w in warnings_of(study) if w.rule and w.rule.startswith("TR-")]
    return "\n".join([to_markdown(Sheet("task-risk", sheet.table, f"{sheet.title} ({sheet.reason})")),
                      section_markdown(study, sheet, counts, risks, lang)] + lines)


def _commands():
    import click

    from pse.commands import study_command

    version = click.option("--version", "version", type=click.Choice(["basic", "standard", "system"]), default=None,
                           help="Worksheet version (default: declared in the study or chosen from study.headcount).")
    return [study_command("taskrisk", "Taiwan OSHA task risk assessment of STUDY (危害辨識及風險評估表): worksheet "
                                      "and summary.", _cli,
                          "Also write the worksheet (xlsx, HTML, CSV, Markdown) and heat map to DIR.", (version,))]


MODULE = Module(
    name="taskrisk",
    title={"en": "Task risk assessment", "zh-TW": "危害辨識及風險評估"},
    order=20,
    uses=_uses,
    run=_run,
    commands=_commands,
    check=_check,
    command_names=("taskrisk",),
)
