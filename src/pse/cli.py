"""The ``pse`` command.

The core knows four commands (``check``, ``schema``, ``run`` and ``modules``);
every other sub-command comes from a module registered in :mod:`pse.registry`
and is imported only when it is called, so ``pse --help`` starts fast.

Bad input never produces a traceback: problems are printed as
``file:line: field: message`` and the command exits with status 1.
"""

from __future__ import annotations

import sys

import click

from pse import __version__
from pse.commands import LANG_OPTION, errors_reported, report_problems


class PseGroup(click.Group):
    """A click group that adds module sub-commands lazily from the registry."""

    def list_commands(self, ctx):
        from pse.registry import modules

        names = set(super().list_commands(ctx))
        for module in modules():
            names.update(module.command_names)
        return sorted(names)

    def get_command(self, ctx, name):
        command = super().get_command(ctx, name)
        if command is not None:
            return command
        from pse.registry import module_for_command

        module = module_for_command(name)
        if module is None or module.commands is None:
            return None
        for cmd in module.commands():
            if cmd.name == name:
                return cmd
        return None

    def invoke(self, ctx):
        from pse.model.errors import StudyError

        try:
            return super().invoke(ctx)
        except StudyError as exc:
            report_problems(exc.problems)
            ctx.exit(1)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BrokenPipeError:  # output piped into `head` and closed early: keep the error status
            import os

            devnull = os.open(os.devnull, os.O_WRONLY)
            for stream in (sys.stdout, sys.stderr):
                try:
                    os.dup2(devnull, stream.fileno())
                except (OSError, ValueError):
                    pass
            ctx.exit(1 if errors_reported() else 0)
        except KeyboardInterrupt:
            click.echo("pse: interrupted; no output was published", err=True)
            ctx.exit(130)
        except Exception as exc:  # pragma: no cover - last-resort guard, tested via --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"pse: internal error: {type(exc).__name__}: {exc}\n"
                       f"pse: this is a bug in pse; rerun with --debug for the traceback "
                       f"and report it", err=True)
            ctx.exit(2)




@click.group(cls=PseGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pse")
@click.option("--debug", is_flag=True, hidden=True, help="Show tracebacks of internal errors.")
@click.option("--allow-include-outside", is_flag=True,
              help="Let a study include files outside its own folder (refused by default).")
@click.pass_context
def cli(ctx, debug, allow_include_outside):
    """pse - process-safety engineering from one study file.

    HAZOP, task risk assessment (Taiwan OSHA), LOPA/SIL, FMEA, ISO 12100 machinery
    reviews and hazardous-area zoning, all views of one YAML study.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    if allow_include_outside:
        import os

        os.environ["PSE_ALLOW_INCLUDE_OUTSIDE"] = "1"


def _each_study(studies, report) -> bool:
    """Load each study; print its errors, or call ``report(path, study, warnings)``. True if any failed.

    ``report`` returns True when the study should count as failed (e.g. warnings under --strict).
    """
    from pse.model import StudyError, load_study, warnings_of

    failed = False
    for path in studies:
        try:
            study = load_study(path)
        except StudyError as exc:
            report_problems(exc.problems)
            failed = True
            continue
        failed = report(path, study, warnings_of(study)) or failed
    return failed


@cli.command()
@click.argument("studies", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--strict", is_flag=True, help="Treat lint warnings as errors.")
@LANG_OPTION
def check(studies, strict, lang):
    """Validate STUDY files; print every problem as file:line: field: message."""
    from pse.i18n import problem_text

    def report(path, study, warnings):
        for warning in warnings:
            click.echo(problem_text(warning, lang) if lang else str(warning), err=True)
        count = sum(len(getattr(study, name)) for name in study.modules_used())
        click.echo(f"{path}: ok ({count} objects, {len(warnings)} warnings)")
        return strict and bool(warnings)

    sys.exit(1 if _each_study(studies, report) else 0)


@cli.command()
@click.argument("studies", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--strict", is_flag=True, help="Exit 1 when there are warnings.")
@LANG_OPTION
def lint(studies, strict, lang):
    """Review STUDY files the way a reviewer would: every lint warning with its rule ID.

    Lint rules come from the modules (e.g. the task-risk rules of the Taiwan OSHA
    coaches); `pse check` prints the same warnings after its errors.
    """

    from pse.i18n import problem_text

    def report(path, study, warnings):
        for warning in warnings:
            click.echo(problem_text(warning, lang) if lang else str(warning))
        click.echo(f"{path}: {len(warnings)} warning{'s' if len(warnings) != 1 else ''}")
        return strict and bool(warnings)

    sys.exit(1 if _each_study(studies, report) else 0)


@cli.command()
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None,
              help="Write the schema to this file instead of standard output.")
def schema(out):
    """Print the JSON Schema of the study file (for editor autocompletion)."""
    from pse.model.jsonschema import study_schema_json

    text = study_schema_json()
    if out:
        from pse.output import atomic_write_text

        atomic_write_text(out, text)
        click.echo(f"wrote {out}", err=True)
    else:
        click.echo(text, nl=False)


@cli.command()
@click.argument("study_path", metavar="STUDY", type=click.Path(dir_okay=False))
@click.option("--out", "out", type=click.Path(file_okay=False), required=True, help="Output directory.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes working at once (default: PSE_JOBS, else the cores available).")
@LANG_OPTION
def run(study_path, out, jobs, lang):
    """Validate STUDY and run every module it uses, writing outputs to --out.

    Outputs are staged and published only when every module succeeds.  Writers of drawings and workbooks run
    beside the pipeline on the other cores (--jobs 1: all in one process); the files are the same either way.
    """
    from pse.jobs import default_jobs
    from pse.run import run_study

    try:
        jobs = jobs or default_jobs()
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    result = run_study(study_path, out, lang=lang, jobs=jobs,
                       progress=lambda message: click.echo(message, err=True))
    from pse.commands import print_run_warnings
    from pse.i18n import message

    print_run_warnings(result.warnings, study_path, result.lang)
    click.echo(message("wrote_files", result.lang, n=len(result.files), out=out))
    _FINISHED.append(True)


@cli.command()
@click.argument("study_path", metavar="STUDY", type=click.Path(dir_okay=False))
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Reference date for overdue (default: today).")
@click.option("--open-only", is_flag=True, help="Only open and in-progress recommendations.")
@LANG_OPTION
def actions(study_path, today, open_only, lang):
    """Recommendations register of STUDY across modules, overdue first."""
    from pse.model import load_study
    from pse.register import OPEN_STATUSES, register_table
    from pse.tables import Sheet, to_markdown

    study = load_study(study_path)
    lang = lang or study.study.language
    table = register_table(study, today.date() if today else None, lang)
    if open_only and len(table):
        from pse.i18n import label

        table = table[table[label("status", lang)].isin(OPEN_STATUSES)]
    click.echo(to_markdown(Sheet("actions", table)))


@cli.command()
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@LANG_OPTION
def diff(old, new, lang):
    """What changed from revision OLD to revision NEW of a study (matched by ID)."""
    from pse.diff import diff_lines

    click.echo("\n".join(diff_lines(old, new, lang)))


@cli.command(name="modules")
def list_modules():
    """List the registered modules and their sub-commands."""
    from pse.registry import modules

    for module in modules():
        commands = ", ".join(module.command_names) or "-"
        click.echo(f"{module.name:10s} {module.label('en')} / {module.label('zh-TW')}  commands: {commands}")


_FINISHED: list[bool] = []     # set by a command whose outputs are published and whose last line is printed (pse run)


def main(argv=None):
    """Console-script entry point.

    Once ``pse run`` has published its outputs and printed its last line, the process ends with ``os._exit``
    after flushing its streams, instead of letting CPython free the study's millions of objects one by one
    (measured after a 10^4-object site: ~5 s of wall time; 1.8 s at 3,000): every output is written, closed and
    renamed into place by then, the jobs are joined and the staging folders gone, so no exit handler has work
    left.  Any other command, and a run that fails, exits as usual.
    """
    _FINISHED.clear()
    try:
        return cli.main(args=argv, prog_name="pse")
    except SystemExit as exc:
        if not _FINISHED:
            raise
        _exit_without_teardown(exc.code)


def _exit_without_teardown(code) -> None:
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):      # a closed pipe: nothing more can be said
            pass
    os._exit(code if isinstance(code, int) else (0 if code is None else 1))


if __name__ == "__main__":  # pragma: no cover
    main()
