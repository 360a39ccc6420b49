"""Machinery in the pse registry: the `pse run` section, `pse machinery` and the `pse check` rules."""

from __future__ import annotations

from pse.registry import Module, RunContext, Section


def _uses(study) -> bool:
    return bool(study.machines)


def _check(study):
    from pse.machinery.check import check

    return check(study)


def _run(study, ctx: RunContext) -> Section:
    from pse.i18n import label as catalogue_label
    from pse.machinery.report import html_report, markdown_report, sheets
    from pse.machinery.review import review_study
    from pse.tables import write_all

    ctx.progress(catalogue_label("progress_machinery", ctx.lang))
    reviews = review_study(study)
    tables = sheets(study, reviews, ctx.lang)
    files = []
    for sheet, base in zip(tables, ("hazards", "safety-functions", "checklist", "calculations",
                                    "recommendations"), strict=False):
        files += write_all(ctx, f"machinery/{base}", sheet, formats=("csv", "md", "html"))
    ctx.write_workbook("machinery/machinery.xlsx", tables)
    files.append("machinery/machinery.xlsx")
    report = markdown_report(study, reviews, ctx.lang)
    files.append(ctx.write_text("machinery/review.md", report))
    files.append(ctx.write_text("machinery/review.html", html_report(study, reviews, ctx.lang)))
    title = MODULE.label(ctx.lang)
    body = report.split("\n", 1)[1] if report.startswith("# ") else report
    return Section("machinery", title, f"## {title}\n{body}", files)


def _cli(study, lang, ctx):
    import click

    from pse.machinery.report import markdown_report
    from pse.machinery.review import review_study

    if not study.machines:
        raise click.ClickException("the study has no machines")
    if ctx is not None:
        _run(study, ctx)
    return markdown_report(study, review_study(study), lang)


def _items_command():
    import click

    @click.command("machinery-items", help="List the machinery checklist items with their citations, source and "
                                           "checked flag (package items, plus a study's own with --study).")
    @click.option("--checklist", default=None, help="Only this checklist (e.g. power_press).")
    @click.option("--study", "study_path", type=click.Path(dir_okay=False), default=None,
                  help="Also list the study's own items (machinery.items).")
    @click.option("--lang", type=click.Choice(["zh-TW", "en"]), default="zh-TW", help="Label language.")
    def command(checklist, study_path, lang):
        from pse.machinery.data import checklists
        from pse.machinery.library import items_text

        study = None
        if study_path:
            from pse.model import load_study

            study = load_study(study_path)
        if checklist is not None and checklist not in checklists(study):
            known = ", ".join(sorted(checklists(study)))
            raise click.ClickException(f"unknown checklist '{checklist}' (known: {known})")
        click.echo(items_text(study, lang, checklist))

    return command


def _commands():
    from pse.commands import study_command

    return [_items_command(),
            study_command("machinery", "ISO 12100 review of the machines of STUDY: hazards, PLr, checklists with "
                          "citations, distances.", _cli,
                          "Also write the review and checklist (xlsx, CSV, Markdown, HTML) to DIR/machinery/.")]


MODULE = Module(
    name="machinery",
    title={"en": "Machinery review (ISO 12100)", "zh-TW": "機械安全評估（ISO 12100）"},
    order=50,
    uses=_uses,
    run=_run,
    commands=_commands,
    check=_check,
    command_names=("machinery", "machinery-items"),
)
