"""`pse hazop` sub-commands: generate, worksheet, export, import, accept."""

from __future__ import annotations

import click


def _fail(problems) -> None:
    from pse.commands import report_problems

    report_problems(problems)
    raise SystemExit(1)


@click.group(name="hazop")
def hazop_group():
    """HAZOP worksheets: generate deviations, export/import the Excel workbook, accept suggestions."""


@hazop_group.command(name="generate")
@click.argument("study_path", metavar="STUDY", type=click.Path(dir_okay=False, exists=True))
@click.option("--suggest", is_flag=True, help="Also add suggested rows by equipment type (origin: suggested).")
@click.option("--dry-run", is_flag=True, help="Print what would be added; write nothing.")
@click.option("--lang", type=click.Choice(["zh-TW", "en"]), default=None, help="Language of suggestion texts.")
def generate_command(study_path, suggest, dry_run, lang):
    """Add the meaningful deviations of each node's parameters to STUDY (idempotent)."""
    from pse.hazop.generate import generate

    result = generate(study_path, suggest=suggest, lang=lang, dry_run=dry_run)
    for d in result.deviations:
        click.echo(f"+ deviation {d['id']}: {d['node']} {d['guide_word']} {d['parameter']}")
    for s in result.suggestions:
        click.echo(f"+ suggested row {s.scenario['id']} ({s.scenario['deviation']}): {s.cause['description']}")
    if not result.deviations and not result.suggestions:
        click.echo(f"{study_path}: nothing to add (every meaningful deviation is already in the study)")
    for path in result.files:
        click.echo(f"wrote {path}")


@hazop_group.command(name="worksheet")
@click.argument("study_path", metavar="STUDY", type=click.Path(dir_okay=False))
@click.option("--lang", type=click.Choice(["zh-TW", "en"]), default=None)
def worksheet_command(study_path, lang):
    """Print the HAZOP worksheet of STUDY as Markdown."""
    from pse.hazop.worksheet import sheet
    from pse.model import load_study
    from pse.tables import to_markdown

    study = load_study(study_path)
    click.echo(to_markdown(sheet(study, lang or study.study.language)))


@hazop_group.command(name="export")
@click.argument("study_path", metavar="STUDY", type=click.Path(dir_okay=False))
@click.option("--out", type=click.Path(file_okay=False), required=True, help="Output directory.")
@click.option("--lang", type=click.Choice(["zh-TW", "en"]), default=None)
def export_command(study_path, out, lang):
    """Write the HAZOP workbook (hazop.xlsx) and the worksheet as CSV, Markdown and HTML to --out."""
    from pse.hazop.section import run_section
    from pse.model import load_study
    from pse.output import StagedOutput
    from pse.registry import RunContext

    study = load_study(study_path)
    with StagedOutput(out) as stage:
        ctx = RunContext(out=stage.path, lang=lang or study.study.language)
        section = run_section(study, ctx)
    for name in section.files:
        click.echo(f"wrote {out}/{name}")


@hazop_group.command(name="import")
@click.argument("study_path", metavar="STUDY", type=click.Path(dir_okay=False))
@click.argument("workbook", type=click.Path(dir_okay=False, exists=True))
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
def import_command(study_path, workbook, dry_run):
    """Merge the rows edited in WORKBOOK back into STUDY by row ID (conflicts are reported, not guessed)."""
    from pse.commands import print_import_result
    from pse.hazop.excel import WorkbookError, import_workbook

    try:
        result = import_workbook(study_path, workbook, dry_run=dry_run)
    except WorkbookError as exc:
        _fail(exc.problems)
    print_import_result(study_path, workbook, result, dry_run, deleted=result.deleted)


@hazop_group.command(name="accept")
@click.argument("study_path", metavar="STUDY", type=click.Path(dir_okay=False))
@click.argument("rows", nargs=-1, required=True)
@click.option("--by", "by", required=True, help="Name of the reviewer who accepts the suggested rows.")
@click.option("--on", "on", default=None, help="Date of acceptance (YYYY-MM-DD, default today).")
def accept_command(study_path, rows, by, on):
    """Accept suggested ROWS (scenario IDs): record who and when, so that they count in results."""
    import datetime as dt

    from pse.hazop.generate import accept
    from pse.hazop.yamledit import StudyFiles
    from pse.model import load_study

    try:
        date = dt.date.fromisoformat(on) if on else dt.date.today()
    except ValueError:
        raise click.BadParameter(f"{on!r} is not a date (YYYY-MM-DD)", param_hint="--on") from None
    study = load_study(study_path)
    files = StudyFiles(study_path)
    for row in rows:
        try:
            done = accept(files, study, row, by, date)
        except KeyError:
            raise click.BadParameter(f"'{row}' is not a scenario of the study", param_hint="ROWS") from None
        click.echo(f"{row}: accepted by {by} on {date} ({', '.join(done) or 'already accepted'})")
    for path in files.save():
        click.echo(f"wrote {path}")
