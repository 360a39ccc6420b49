"""``pse run``: validate a study, run every module it uses, publish outputs atomically."""

from __future__ import annotations

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


def run_study(study_path, out_dir, *, lang: str | None = None,
              progress: Callable[[str], None] = lambda message: None) -> RunResult:
    """Run every module the study uses; write ``summary.md`` and the modules' outputs.

    Nothing is written to ``out_dir`` unless every module succeeds.
    """
    from pse.i18n import label, message
    from pse.model import load_study, warnings_of
    from pse.output import StagedOutput
    from pse.registry import RunContext, modules

    progress(message("checking", lang or "en", path=study_path))
    study = load_study(study_path)
    lang = lang or study.study.language
    used = [m for m in modules() if m.run is not None and m.uses(study)]
    result = RunResult(out=Path(out_dir), warnings=warnings_of(study), lang=lang)
    with StagedOutput(out_dir) as stage:
        ctx = RunContext(out=stage.path, lang=lang, progress=progress, study=study)
        for i, module in enumerate(used, start=1):
            progress(f"[{i}/{len(used)}] {module.label(lang)}")
            result.sections.append(module.run(study, ctx))
        progress(label("writing_report", lang))
        from pse.report import build_report
        from pse.report.workbook import study_workbook_builders, write_study_workbook

        builders = study_workbook_builders(ctx, stage.path)
        if write_study_workbook(ctx.path("study.xlsx"), builders) is False:
            ctx.files.remove("study.xlsx")
        ctx.write_text("report.html", build_report(study, result.sections, result.warnings, lang,
                                                   out_dir=stage.path))
        ctx.write_text("summary.md", _summary(result.sections, ctx.files, lang))
        result.files = list(ctx.files)
    return result


def _summary(sections, files, lang: str) -> str:
    from pse.i18n import label

    parts = [s.markdown.rstrip() for s in sections]
    parts.append(f"## {label('files_written', lang)}\n\n" + "\n".join(f"- `{f}`" for f in sorted(files)
                                                                      + ["summary.md"]))
    return "\n\n".join(parts) + "\n"
