"""Hazardous-area classification in the pse registry: the `pse run` section and `pse zones`."""

from __future__ import annotations

from pse.registry import Module, RunContext, Section


def _uses(study) -> bool:
    return bool(study.release_sources)


def _check(study):
    """Zoning problems and lint of ``study``: the sources are classified once (the classification the run then
    reuses); only a study whose classification fails is checked source by source for every problem."""
    from pse.zoning.area import classify_area
    from pse.zoning.classify import ClassificationError, check, check_substances
    from pse.zoning.findings import lint

    smap = study.source_map
    problems = [smap.problem(path, message) for path, message in check_substances(study)]
    if problems:
        return problems
    try:
        area = classify_area(study)
    except (ClassificationError, ValueError):
        problems = [smap.problem(path, message) for path, message in check(study)]
        if not problems:
            raise
        return problems
    return lint(study, area.findings)


def _recommendations(study) -> list[dict]:
    """Generated recommendations (Ex-check failures) for the register: see :mod:`pse.zoning.findings`."""
    from pse.zoning.findings import generated_recommendations

    return generated_recommendations(study)


def write_outputs(area, ctx: RunContext, prefix: str = "zones/") -> list[str]:
    """Drawings (SVG/PDF/PNG, DXF, GeoJSON) and data sheets (xlsx/CSV/MD/HTML) of a classification."""
    return _publish(area, ctx, prefix)[0]


def _publish(area, ctx: RunContext, prefix: str) -> tuple[list[str], list, list[str]]:
    """:func:`write_outputs`, also returning the sheets and their Markdown (built once, for the section).

    Python's cyclic garbage collector is paused meanwhile (:func:`pse.model.validate.gc_paused`): the
    drawings, the DXF and the GeoJSON allocate hundreds of thousands of small objects while the run holds
    millions (the study, every module's results), and each full collection walked all of them (N = 1,000:
    ~20 % of this stage).  The figures' cycles are collected once the collector is back on."""
    from pse.model.validate import gc_paused

    with gc_paused():
        return _write(area, ctx, prefix)


def _write(area, ctx: RunContext, prefix: str) -> tuple[list[str], list, list[str]]:
    from pse.tables import to_markdown, write_all
    from pse.zoning.drawing import elevation_figure, plan_figure, save_figure
    from pse.zoning.dxf import geojson_text, write_dxf
    from pse.zoning.sheets import sheets

    files: list[str] = []
    lang = ctx.lang
    plan = plan_figure(area, lang)
    stem = ctx.path(f"{prefix}plan.png").with_suffix("")
    dxf, geo = f"{prefix}plan.dxf", f"{prefix}zones.geojson"

    def vector_files() -> None:          # needs nothing back and the report reads neither: a job (pse.jobs)
        write_dxf(area, ctx.out / dxf, lang)
        (ctx.out / geo).write_text(geojson_text(area), encoding="utf-8")

    ctx.in_background("zones/plan.dxf", [dxf, geo], vector_files, report_reads=False)
    for path in save_figure(plan, stem, study=area.study):
        ctx.path(f"{prefix}{path.name}")          # registers the file with the run
        files.append(f"{prefix}{path.name}")
    if area.section is not None and area.section_pieces:
        for path in save_figure(elevation_figure(area, lang), stem.with_name("elevation"), study=area.study):
            ctx.path(f"{prefix}{path.name}")
            files.append(f"{prefix}{path.name}")
    files += [dxf, geo]
    tabs = sheets(area, lang)
    markdowns = [to_markdown(t) for t in tabs]
    for sheet, base, markdown in zip(tabs, ("substance-list", "source-schedule", "ex-check"), markdowns,
                                     strict=False):
        files += write_all(ctx, f"{prefix}{base}", sheet, formats=("csv",))
        files.append(ctx.write_text(f"{prefix}{base}.md", markdown))
        files += write_all(ctx, f"{prefix}{base}", sheet, formats=("html",))
        sheet.files = files[-3:]
    ctx.write_workbook(f"{prefix}zoning.xlsx", tabs)
    files.append(f"{prefix}zoning.xlsx")
    return files, tabs, markdowns


def _markdown(area, lang, markdowns: list[str]) -> str:
    from pse.zoning.sheet import label, zone_name
    from pse.zoning.sheets import _l

    zones = ", ".join(f"{zone_name(z, lang)}: {g.area:.1f} m²" for z, g in area.zones.items() if not g.is_empty) or "-"
    failing = [f for f in area.findings if not f.ok]
    lines = [f"## {_l('zoning', lang)}", "", "![plan](zones/plan.png)", "",
             "- " + label("summary_sources", lang, n=len(area.results), zones=zones),
             "- " + label("summary_ex_check", lang, check=_l("ex_check", lang), n=len(area.findings),
                          failing=len(failing)), ""]
    for f in failing:
        lines.append(f"  - **{f.recommendation}**")
    lines.append("")
    lines += markdowns
    return "\n".join(lines)


def _run(study, ctx: RunContext) -> Section:
    from pse.i18n import label as catalogue_label
    from pse.zoning.area import classify_area
    from pse.zoning.sheets import _l

    ctx.progress(catalogue_label("progress_zoning", ctx.lang))
    area = classify_area(study)
    files, _, markdowns = _publish(area, ctx, "zones/")
    return Section("zoning", _l("zoning", ctx.lang), _markdown(area, ctx.lang, markdowns), files)


def _cli(study, lang, ctx):
    from pse.tables import to_markdown
    from pse.zoning.area import classify_area
    from pse.zoning.sheets import sheets

    area = classify_area(study)
    markdowns: list[str] = []
    if ctx is not None:
        _, _, markdowns = _publish(area, ctx, "")
    if ctx is None or ctx.lang != lang:
        markdowns = [to_markdown(t) for t in sheets(area, lang)]
    return markdowns[1] + "\n" + markdowns[2]


def _commands():
    from pse.commands import study_command

    return [study_command("zones", "Hazardous-area classification of STUDY (IEC 60079-10-1): zones, drawings, "
                                   "Ex check.", _cli,
                          "Write drawings (SVG, PDF, PNG, DXF, GeoJSON) and data sheets to DIR.")]


def _diff(old, new):
    """`pse diff` lines: zone areas in plan grown or shrunk between two revisions."""
    from pse.diff import Change
    from pse.i18n import catalogue_message
    from pse.zoning.area import classify_area

    def areas(study):
        if not study.release_sources:
            return {}
        return {zone: geometry.area for zone, geometry in classify_area(study).zones.items()}

    before, after = areas(old), areas(new)
    changes = []
    for zone in sorted(set(before) | set(after)):
        a, b = before.get(zone, 0.0), after.get(zone, 0.0)
        if abs(a - b) > 0.01:
            changes.append(Change("zone", zone, "grown" if b > a else "shrunk",
                                  catalogue_message("diff_zone_area", before=f"{a:.1f}", after=f"{b:.1f}")))
    return changes


MODULE = Module(
    name="zoning",
    title={"en": "Hazardous-area classification", "zh-TW": "危險區域劃分"},
    order=60,
    uses=_uses,
    run=_run,
    commands=_commands,
    check=_check,
    diff=_diff,
    command_names=("zones",),
    recommendations=_recommendations,
)
