"""``pse run``: validate a study, run every module it uses, publish outputs atomically."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class RunResult:
    """What a run produced: published files, sections and lint warnings."""

    out: Path
    files: list[str] = field(default_factory=list)
    sections: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    lang: str = "en"


def run_study(study_path, out_dir, *, lang: str | None = None, jobs: int | None = None,
              progress: Callable[[str], None] = lambda message: None) -> RunResult:
    """Run every module the study uses; write ``summary.md`` and the modules' outputs.

    Nothing is written to ``out_dir`` unless every module succeeds.  ``progress`` receives one line
    per stage: the check, each module (its start, its sub-steps from :meth:`RunContext.step`, its end
    with the seconds it took), the report and the total time.  ``jobs`` processes work at once (default
    :func:`pse.jobs.default_jobs`, the cores available): output writers that need nothing back (drawings,
    ``study.xlsx``) run in forked children beside the pipeline (:mod:`pse.jobs`); the files are the same
    with any number of jobs.
    """
    from pse.i18n import message
    from pse.jobs import Jobs, default_jobs
    from pse.model.unchanged import unchanged_during
    from pse.output import StagedOutput
    from pse.registry import RunContext
    from pse.report.workbook import start_traceability_parts

    start = time.perf_counter()
    progress(message("checking", lang or "en", path=study_path))
    background = Jobs(jobs or default_jobs())
    study = _load(study_path, apart=background.jobs > 1)
    from pse.model.validate import warnings_of

    lang = lang or study.study.language
    result = RunResult(out=Path(out_dir), warnings=warnings_of(study), lang=lang)
    with StagedOutput(out_dir) as stage:
        ctx = RunContext(out=stage.path, lang=lang, progress=progress, study=study, defer_workbooks=True,
                         jobs=background)
        try:
            with unchanged_during(study), background.refilling():    # no stage edits the study; a freed core
                #                                                      takes the next job at once
                result.sections = _run_modules(study, ctx)
                start_traceability_parts(ctx)
                background.join(report_reads_only=True)     # the report embeds the drawings the jobs wrote
                _write_report(study, ctx, result, background)
        except BaseException:
            background.abandon()
            raise
        finally:
            ctx.close()
        result.files = list(ctx.files)
    progress(message("run_total", lang, seconds=time.perf_counter() - start))
    return result


#: imported while a child reads the study file: the workbook writers and ctypes that every job's child would
#: otherwise import again for itself (a site of 100 objects of each kind: 0.41 s of imports were made twice,
#: once in a child and once in the main process)
IMPORTED_WHILE_READING = ("pse.workbook", "pse.workbook_print", "pse.workbook_save", "pse.workbook_parts",
                          "openpyxl.worksheet._writer", "openpyxl.writer.excel", "ctypes")


def _load(study_path, apart: bool):
    """The validated study; with more than one job the file is read in a forked child, so the reading's
    garbage (~0.5 GB at 10^4 objects of each kind) is not the run's memory (:mod:`pse.model.read_apart`)."""
    if apart:
        from pse.model.read_apart import load_study_apart

        return load_study_apart(study_path, imports=IMPORTED_WHILE_READING)
    from pse.model.validate import load_study

    return load_study(study_path)


def _run_modules(study, ctx) -> list:
    """Each module the study uses, in report order, with a progress line at its start and end."""
    from pse.i18n import message
    from pse.registry import modules

    used = [(m, m.run) for m in modules() if m.run is not None and m.uses(study)]
    sections = []
    for i, (module, run) in enumerate(used, start=1):
        name = module.label(ctx.lang)
        ctx.progress(f"[{i}/{len(used)}] {name}")
        ctx.begin(name)
        sections.append(run(study, ctx))
        ctx.progress(message("run_module_done", ctx.lang, module=f"[{i}/{len(used)}] {name}",
                             seconds=ctx.elapsed_s()))
    return sections


def _write_report(study, ctx, result: RunResult, background) -> None:
    """report.html (a job: it is written beside study.xlsx), study.xlsx from the modules' workbooks and
    summary.md, timed like a module.

    The report is the short job and runs in the child: a child copies the pages it reads while it lives, so the
    long study.xlsx build stays in the parent, which shares its pages only while the report is being written.
    """
    from pse.i18n import label, message
    from pse.report import build_report
    from pse.report.workbook import write_run_workbooks

    name = label("writing_report", ctx.lang)
    ctx.progress(name)
    ctx.begin(name)
    ctx.path("study.xlsx")
    report = ctx.path("report.html")

    def write_report() -> None:
        report.write_text(build_report(study, result.sections, result.warnings, ctx.lang, out_dir=ctx.out),
                          encoding="utf-8")

    background.start("report.html", write_report)
    if write_run_workbooks(ctx, ctx.out) is False:
        ctx.files.remove("study.xlsx")
    ctx.step("study.xlsx")
    background.join()
    ctx.step("report.html")
    ctx.write_text("summary.md", _summary(result.sections, ctx.files, ctx.lang))
    ctx.progress(message("run_module_done", ctx.lang, module=name, seconds=ctx.elapsed_s()))


def _summary(sections, files, lang: str) -> str:
    from pse.i18n import label

    parts = [s.markdown.rstrip() for s in sections]
    parts.append(f"## {label('files_written', lang)}\n\n" + "\n".join(f"- `{f}`" for f in sorted(files)
                                                                      + ["summary.md"]))
    return "\n\n".join(parts) + "\n"
