"""Compliance in the pse registry: `pse run` section, `pse compliance`, check rules and register findings."""

from __future__ import annotations

from pse.registry import Module, RunContext, Section


def _uses(study) -> bool:
    return bool(study.self_checks or study.chemical_inventory or study.inspections)


def _check(study):
    from pse.compliance.checklists import problems as checklist_problems
    from pse.compliance.inspection import problems as inspection_problems
    from pse.compliance.thresholds import problems as inventory_problems

    return checklist_problems(study) + inventory_problems(study) + inspection_problems(study)


def _actions(study, today, lang="en"):
    """Register lines: each 'no' without a study recommendation, each overdue statutory inspection."""
    from pse.compliance.checklists import findings
    from pse.compliance.inspection import schedule
    from pse.compliance.views import _l
    from pse.machinery.citation import format_citations
    from pse.register import Action, overdue_days

    out = []
    for f in findings(study):
        if f.recommendation:
            continue   # the study's recommendation is in the register already, sourced to the self-check
        out.append(Action(f.id, f.item.improvement[lang], f.owner, f.due, "open", None,
                          [f"{f.check} {f.item.id}"], overdue_days(f.due, "open", today)))
    for row in schedule(study, today):
        if row.overdue:
            text = (f"{_l('overdue_text', lang)}: {row.tag} {row.title[lang]} "
                    f"({format_citations(row.citation, lang)})")
            out.append(Action(f"INSP-{row.item}-{row.interval}", text, row.owner, row.due, "open", None,
                              [row.item], row.overdue_days))
    return out


def write_outputs(study, ctx: RunContext, today=None) -> tuple[list[str], dict]:
    """Self-check worksheets and workbook, inventory, schedule and its .ics under ``compliance/``; returns the
    files and what the section reuses (the ``inventory`` verdicts, the schedule's Markdown ``schedule_md``)."""
    from pse.compliance.ical import to_icalendar
    from pse.compliance.inspection import schedule
    from pse.compliance.thresholds import evaluate_inventory
    from pse.compliance.views import (
        _l,
        inventory_sheet,
        schedule_sheet,
        self_check_sheets,
    )
    from pse.tables import write_all

    lang, files, sheets, made = ctx.lang, [], [], {}
    for sheet in self_check_sheets(study, lang):
        files += write_all(ctx, f"compliance/self-check-{sheet.name}", sheet, formats=("csv", "md", "html"))
        sheets.append(sheet)
    if study.chemical_inventory:
        made["inventory"] = evaluate_inventory(study)
        sheet = inventory_sheet(study, made["inventory"], lang)
        files += write_all(ctx, "compliance/inventory", sheet, formats=("csv", "md", "html"))
        sheets.append(sheet)
    if study.inspections:
        rows = schedule(study, today)
        sheet = schedule_sheet(rows, lang)
        files += _write_schedule(ctx, sheet, made)
        sheets.append(sheet)
        title = f"{study.study.site or study.study.title} - {_l('calendar', lang)}"
        files.append(ctx.write_text("compliance/inspections.ics", to_icalendar(rows, title, lang, today)))
    ctx.write_workbook("compliance/compliance.xlsx", sheets)
    files.append("compliance/compliance.xlsx")
    return files, made


def _write_schedule(ctx: RunContext, sheet, made: dict) -> list[str]:
    """The inspection schedule as CSV, Markdown (kept in ``made`` for the section: made once) and HTML."""
    from pse.tables import to_markdown, write_all

    written = write_all(ctx, "compliance/inspections", sheet, formats=("csv",))
    made["schedule_md"] = to_markdown(sheet)
    written.append(ctx.write_text("compliance/inspections.md", made["schedule_md"]))
    written += write_all(ctx, "compliance/inspections", sheet, formats=("html",))
    sheet.files = written
    return written


def _run(study, ctx: RunContext) -> Section:
    from pse.compliance.views import markdown_section
    from pse.i18n import label

    ctx.progress(label("progress_compliance", ctx.lang))
    files, made = write_outputs(study, ctx)
    title = MODULE.label(ctx.lang)
    text = markdown_section(study, title, ctx.lang, made=made)
    files.append(ctx.write_text("compliance/compliance.md", text))
    return Section("compliance", title, text, files)


def _cli(study, lang, ctx, today=None):
    import click

    from pse.compliance.views import markdown_section

    if not _uses(study):
        raise click.ClickException("the study has no self_checks, chemical_inventory or inspections")
    today = today.date() if today else None
    made = write_outputs(study, ctx, today)[1] if ctx is not None else None
    return markdown_section(study, MODULE.label(lang), lang, today, made)


def _commands():
    import click

    from pse.commands import study_command

    return [study_command("compliance", "Seed 003 compliance of STUDY: self-check tables, chemical control "
                                        "quantities, statutory inspection schedule (with .ics).", _cli,
                          "Also write the worksheets, compliance.xlsx and inspections.ics to DIR/compliance/.",
                          options=(click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
                                                help="Date for due/overdue (default: today)."),))]


MODULE = Module(
    name="compliance",
    title={"en": "Compliance: self-checks, chemical thresholds, inspections",
           "zh-TW": "法規符合性：自我檢核、化學品管制量、自動檢查"},
    order=60,
    uses=_uses,
    run=_run,
    commands=_commands,
    check=_check,
    command_names=("compliance",),
    actions=_actions,
)
