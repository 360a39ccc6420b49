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
    figure = heat_map(assessed, matrix, lang)
    return sheet, counts, risks, figure


def section_markdown(study, sheet, counts, risks, lang: str, files=()) -> str:
    """The `pse run` summary section: version, counts before/after, heat map, unacceptable risks."""
    from pse.i18n import label
    from pse.taskrisk.data import LABELS
    from pse.tables import Sheet, to_markdown

    def l(key):
        return label(key, lang, LABELS)

    lines = [f"## {l('task_risk')}", "",
             f"- **{l('version')}**: {l('version_' + sheet.version)} ({sheet.reason}) - {sheet.title}",
             f"- {len(study.tasks)} tasks, {len(sheet.table)} rows; risk matrix `{study.risk_matrix}`", ""]
    if files:
        lines += ["- " + ", ".join(f"`{f}`" for f in files), ""]
    lines.append(to_markdown(Sheet("counts", counts, l("count_by_level"))))
    if any(f.endswith("heatmap.png") for f in files):
        lines += [f"![{l('heat_map')}](taskrisk/heatmap.png)", ""]
    if len(risks):
        lines.append(to_markdown(Sheet("risks", risks, l("unacceptable"))))
    else:
        lines += [f"### {l('unacceptable')}", "", l("no_unacceptable"), ""]
    return "\n".join(lines)


def write_outputs(study, ctx: RunContext, version: str | None = None) -> list[str]:
    """Write the worksheet (xlsx, HTML, CSV, Markdown), the heat map (SVG, PNG) and the data view."""
    from pse.i18n import label
    from pse.taskrisk.data import LABELS
    from pse.taskrisk.export import to_html, write_workbook
    from pse.taskrisk.summary import heat_map_files
    from pse.taskrisk.worksheet import dataframe
    from pse.tables import Sheet, to_markdown

    sheet, counts, risks, figure = build(study, ctx.lang, version)
    images = heat_map_files(figure)
    files = []
    base = "taskrisk/task-risk"
    write_workbook(ctx.path(f"{base}.xlsx"), sheet,
                   [(label("count_by_level", ctx.lang, LABELS), counts),
                    (label("unacceptable", ctx.lang, LABELS), risks)], images["png"])
    files.append(f"{base}.xlsx")
    files.append(ctx.write_text(f"{base}.html", to_html(sheet)))
    files.append(ctx.write_text(f"{base}.csv", sheet.table.to_csv(index=False)))
    files.append(ctx.write_text(f"{base}.md", to_markdown(Sheet("task-risk", sheet.table, sheet.title))))
    files.append(ctx.write_text("taskrisk/task-risk-data.csv", dataframe(study, ctx.lang).to_csv(index=False)))
    files.append(ctx.write_bytes("taskrisk/heatmap.svg", images["svg"]))
    files.append(ctx.write_bytes("taskrisk/heatmap.png", images["png"]))
    files.append(ctx.write_text("taskrisk/summary.md", section_markdown(study, sheet, counts, risks, ctx.lang,
                                                                       files)))
    return files, section_markdown(study, sheet, counts, risks, ctx.lang, files)


def _run(study, ctx: RunContext) -> Section:
    from pse.i18n import label
    from pse.taskrisk.data import LABELS

    ctx.progress("  task risk: worksheet, summary, heat map")
    files, markdown = write_outputs(study, ctx)
    return Section("taskrisk", label("task_risk", ctx.lang, LABELS), markdown, files)


def _commands():
    import click

    @click.command(name="taskrisk")
    @click.argument("study_path", metavar="STUDY", type=click.Path(dir_okay=False))
    @click.option("--version", "version", type=click.Choice(["basic", "standard", "system"]), default=None,
                  help="Worksheet version (default: declared in the study or chosen from study.headcount).")
    @click.option("--lang", type=click.Choice(["zh-TW", "en"]), default=None)
    @click.option("--out", type=click.Path(file_okay=False), default=None,
                  help="Also write the worksheet (xlsx, HTML, CSV, Markdown) and heat map to this directory.")
    def taskrisk_command(study_path, version, lang, out):
        """Taiwan OSHA task risk assessment of STUDY (危害辨識及風險評估表): worksheet and summary."""
        from pse.model import load_study, warnings_of
        from pse.tables import Sheet, to_markdown

        study = load_study(study_path)
        lang = lang or study.study.language
        sheet, counts, risks, figure = build(study, lang, version)
        import matplotlib.pyplot as plt

        plt.close(figure)
        click.echo(to_markdown(Sheet("task-risk", sheet.table, f"{sheet.title} ({sheet.reason})")))
        click.echo(section_markdown(study, sheet, counts, risks, lang))
        for warning in warnings_of(study):
            if warning.rule and warning.rule.startswith("TR-"):
                click.echo(str(warning), err=True)
        if out:
            from pse.output import StagedOutput

            with StagedOutput(out) as stage:
                write_outputs(study, RunContext(out=stage.path, lang=lang), version)
            click.echo(f"written to {out}")

    return [taskrisk_command]


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
