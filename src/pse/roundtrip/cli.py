"""`pse export STUDY KIND --out FILE` and `pse import STUDY WORKBOOK [--dry-run]` for every workbook."""

from __future__ import annotations

import click

KIND_NAMES = ("hazop", "taskrisk", "fmea", "machinery", "lopa", "register")


def _fail(problems) -> None:
    from pse.commands import report_problems

    report_problems(problems)
    raise SystemExit(1)


@click.command(name="export")
@click.argument("study_path", metavar="STUDY", type=click.Path(dir_okay=False, exists=True))
@click.argument("kind", type=click.Choice(KIND_NAMES))
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="Workbook to write (.xlsx).")
@click.option("--lang", type=click.Choice(["zh-TW", "en"]), default=None)
def export_command(study_path, kind, out, lang):
    """Write the editable workbook of KIND (fill it in Excel, then `pse import`)."""
    from pse.model import load_study

    lang = lang or load_study(study_path).study.language
    if kind == "hazop":
        from pse.roundtrip.hazop import write_workbook

        write_workbook(study_path, out, lang)
    else:
        from pse.roundtrip.kinds import kind as kind_named
        from pse.roundtrip.workbook import write_workbook

        write_workbook(study_path, kind_named(kind), out, lang)
    click.echo(f"wrote {out}")


@click.command(name="import")
@click.argument("study_path", metavar="STUDY", type=click.Path(dir_okay=False, exists=True))
@click.argument("workbook", type=click.Path(dir_okay=False, exists=True))
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
def import_command(study_path, workbook, dry_run):
    """Merge WORKBOOK (any workbook pse exports; its hidden sheet names its kind) into STUDY by row ID."""
    from pse.commands import print_import_result
    from pse.roundtrip import hazop
    from pse.roundtrip.merge import WorkbookError, import_workbook
    from pse.roundtrip.workbook import workbook_kind

    try:
        fmt, kind = workbook_kind(workbook)
    except (OSError, ValueError, KeyError) as exc:
        click.echo(f"{workbook}: cannot read the workbook: {exc}", err=True)
        raise SystemExit(1) from None
    if not kind:
        click.echo(f"{workbook}: sheet '_pse' names no workbook kind ({fmt or 'missing'}): this is not a workbook "
                   "written by `pse export` or `pse hazop export`", err=True)
        raise SystemExit(1)
    try:
        result = (hazop.import_workbook if kind == "hazop" else import_workbook)(study_path, workbook, dry_run)
    except (WorkbookError, hazop.workbook_error()) as exc:
        _fail(exc.problems)
    print_import_result(study_path, workbook, result, dry_run, kind=kind)
