"""Helpers for command-line commands, one floor below :mod:`pse.cli`.

Module code builds its ``pse`` sub-commands with :func:`study_command` and prints problems with
:func:`report_problems`; it never imports :mod:`pse.cli`, which stands above every module.
"""

from __future__ import annotations

from collections.abc import Callable

import click

LANG_OPTION = click.option("--lang", type=click.Choice(["zh-TW", "en"]), default=None,
                           help="Label language (default: the study's language).")


_ERRORS_REPORTED = False   # set once an error was printed: a broken pipe then still exits 1

#: lint warnings ``pse run`` prints in full; the rest are counted by rule (``pse lint`` prints every one): a
#: site of 10^4 rows has tens of thousands, which would bury the run's own messages
RUN_WARNINGS_SHOWN = 50


def report_problems(problems) -> None:
    """Print every problem, one line each; errors on stderr, a count at the end."""
    global _ERRORS_REPORTED
    errors = [p for p in problems if p.severity == "error"]
    _ERRORS_REPORTED = _ERRORS_REPORTED or bool(errors)
    for problem in problems:
        click.echo(str(problem), err=True)
    if errors:
        click.echo(f"{len(errors)} error{'s' if len(errors) != 1 else ''}", err=True)


def print_run_warnings(warnings, study_path, lang: str) -> None:
    """The lint warnings of a run on stderr: the first :data:`RUN_WARNINGS_SHOWN` in full, then one line counting
    the others by rule and naming the command that lists them all."""
    from collections import Counter

    from pse.i18n import message, problem_text

    for warning in warnings[:RUN_WARNINGS_SHOWN]:
        click.echo(problem_text(warning, lang), err=True)
    rest = warnings[RUN_WARNINGS_SHOWN:]
    if rest:
        counts = Counter(w.rule or "-" for w in rest).most_common()
        rules = ("、" if lang == "zh-TW" else ", ").join(f"{rule} {n:,}" for rule, n in counts)
        click.echo(message("run_more_warnings", lang, n=f"{len(rest):,}", rules=rules, study=study_path), err=True)


def print_import_result(study_path, workbook, result, dry_run: bool, kind: str | None = None,
                        deleted: tuple | list = ()) -> None:
    """What a workbook import did, as `pse hazop import` and `pse import` print it.

    Conflicts go to stderr and exit 1 with nothing written; otherwise one summary line, then ``+ ID`` for each
    added row, ``~ ID`` for each updated one and ``wrote PATH`` for each file written.
    """
    if result.conflicts:
        for line in result.conflicts:
            click.echo(f"{workbook}: conflict: {line}", err=True)
        click.echo(f"{len(result.conflicts)} conflict(s): nothing written; resolve them in the workbook or the "
                   "study and import again", err=True)
        raise SystemExit(1)
    for line in deleted:
        click.echo(f"{workbook}: {line}", err=True)
    what = f"{kind}: " if kind else ""
    click.echo(f"{study_path}: {what}{len(result.added)} row(s) added, {len(result.updated)} row(s) updated"
               + (" (dry run)" if dry_run else ""))
    for row_id in result.added:
        click.echo(f"+ {row_id}")
    for row_id in result.updated:
        click.echo(f"~ {row_id}")
    for path in result.files:
        click.echo(f"wrote {path}")


def errors_reported() -> bool:
    """Whether an error was printed in this process (a broken pipe then still exits 1)."""
    return _ERRORS_REPORTED


def study_command(name: str, help_text: str, action: Callable, out_help: str = "Also write the outputs to DIR.",
                  options: tuple = (), writes: bool = True):
    """A click command ``pse NAME STUDY [--out DIR] [--lang zh-TW|en] [options]`` for a module.

    ``action(study, lang, ctx, **options) -> str`` computes the module's view,
    writes its files into ``ctx`` when ``ctx`` is not None (a staging directory,
    published only if the action succeeds) and returns the text to print.
    Every module command loads the study, picks the language and stages its
    outputs the same way; this is the one place that does it.
    """
    def command(study_path, lang, out=None, **kwargs):
        from pse.model import load_study
        from pse.output import StagedOutput
        from pse.registry import RunContext

        study = load_study(study_path)
        lang = lang or study.study.language
        if not out:
            click.echo(action(study, lang, None, **kwargs))
            return
        with StagedOutput(out) as stage:
            text = action(study, lang, RunContext(out=stage.path, lang=lang), **kwargs)
        click.echo(text)
        click.echo(f"written to {out}", err=True)

    decorators = [click.command(name=name, help=help_text),
                  click.argument("study_path", metavar="STUDY", type=click.Path(dir_okay=False)),
                  LANG_OPTION]
    if writes:
        decorators.append(click.option("--out", type=click.Path(file_okay=False), default=None, help=out_help))
    decorators.extend(options)
    for decorator in reversed(decorators):
        command = decorator(command)
    return command
