"""Occupational health in the pse registry: `pse run` section, `pse health`, risk profile and register lines."""

from __future__ import annotations

from pse.registry import Module, RunContext, Section


def _uses(study) -> bool:
    return bool(study.exposure_assessments or study.manual_handling or study.thermography)


def _check(study):
    """Errors: a KIM row without load points or kg+sex, or without a time rating or count; threshold order.

    Lint: a high SQRA level (>= 4) or KIM range >= 3 with no recommendation.
    """
    from pse.health.banding import sqra_exposure_rating, sqra_level, sqra_risk
    from pse.health.kim import assess
    from pse.health.views import message

    smap, out = study.source_map, []
    spec = study.health.thermography
    if spec is not None and not spec.attention_c < spec.improve_c < spec.immediate_c:
        out.append(smap.problem(("health", "thermography"), message("err_thresholds")))
    for i, task in enumerate(study.manual_handling):
        path = ("manual_handling", i)
        if task.load_points is None and (task.load_kg is None or task.sex is None):
            out.append(smap.problem(path + ("load_points",), message("err_load")))
            continue
        if task.time_rating is None and task.operations_per_day is None:
            out.append(smap.problem(path + ("time_rating",), message("err_time")))
            continue
        band = assess(task)["band"]["range"]
        if band >= 3 and not task.recommendations:
            out.append(smap.problem(path, message("lint_kim", range=band), severity="warning", rule="HEALTH-KIM"))
    for i, a in enumerate(study.exposure_assessments):
        er = sqra_exposure_rating(a.vapour_pressure_rating, a.quantity_rating, a.control_rating, a.time_rating)
        level = sqra_level(sqra_risk(a.hazard_rating, er))
        if level >= 4 and not a.recommendations:
            out.append(smap.problem(("exposure_assessments", i), message("lint_sqra", level=level),
                                    severity="warning", rule="HEALTH-SQRA"))
    return out


def _actions(study, today, lang="en"):
    """Register lines: thermography findings to improve or act on now, with the seed's deadlines."""
    from pse.health.thermography import assess_finding, levels, thresholds
    from pse.health.views import _l
    from pse.register import Action, overdue_days

    limits, table, out = thresholds(study), levels(), []
    for f in study.thermography:
        a = assess_finding(f, limits)
        if a.deadline is None or f.recommendation:
            continue
        text = (f"{_l('thermo_action', lang)}: {f.component} {f.location or ''} {a.temperature_c:g} °C - "
                f"{table[a.level][lang]}")
        out.append(Action(f"THERMO-{f.id}", text, None, a.deadline, "open", None, [f.id],
                          overdue_days(a.deadline, "open", today)))
    return out


def _profile(study, lang):
    """Risk-profile tables: SQRA levels, KIM ranges, thermography levels (first vs latest measurement)."""
    from collections import Counter

    from pse.health.banding import sqra_exposure_rating, sqra_level, sqra_risk
    from pse.health.kim import assess
    from pse.health.thermography import assess_finding, levels, thresholds
    from pse.health.views import _bands_sqra, _kim_bands, _l

    tables = []
    if study.exposure_assessments:
        counts = Counter(sqra_level(sqra_risk(a.hazard_rating, sqra_exposure_rating(
            a.vapour_pressure_rating, a.quantity_rating, a.control_rating, a.time_rating)))
            for a in study.exposure_assessments)
        tables.append((_l("profile_sqra", lang), [(f"{b['level']} {b[lang]}", b["colour"], counts[b["level"]],
                                                   counts[b["level"]], counts[b["level"]])
                                                  for b in reversed(_bands_sqra())]))
    if study.manual_handling:
        counts = Counter(assess(t)["band"]["range"] for t in study.manual_handling)
        tables.append((_l("profile_kim", lang), [(f"{b['range']} {b['short'][lang]}", b["colour"], counts[b["range"]],
                                                  counts[b["range"]], counts[b["range"]])
                                                 for b in reversed(_kim_bands())]))
    if study.thermography:
        limits = thresholds(study)
        graded = [assess_finding(f, limits) for f in study.thermography]
        first, now = Counter(a.first_level for a in graded), Counter(a.level for a in graded)
        table = sorted(levels().values(), key=lambda v: -v["rank"])
        tables.append((_l("profile_thermo", lang), [(f"{v['category'][lang]} - {v['short'][lang]}",
                                                     v["colour"], first[v["id"]], now[v["id"]], now[v["id"]])
                                                    for v in table]))
    return tables


def _run(study, ctx: RunContext) -> Section:
    from pse.health.views import markdown_section, sheets
    from pse.i18n import label
    from pse.tables import to_markdown, write_all

    ctx.progress(label("progress_health", ctx.lang))
    files, tables = [], []
    for sheet in sheets(study, ctx.lang):
        base = f"health/{sheet.name.lower()}"
        written = write_all(ctx, base, sheet, formats=("csv",))
        tables.append((sheet, to_markdown(sheet)))      # made once: for its file and for the section
        written.append(ctx.write_text(f"{base}.md", tables[-1][1]))
        written += write_all(ctx, base, sheet, formats=("html",))
        sheet.files = written
        files += written
    ctx.write_workbook("health/health.xlsx", [sheet for sheet, _ in tables])
    files.append("health/health.xlsx")
    title = MODULE.label(ctx.lang)
    text = markdown_section(study, title, ctx.lang, tables)
    files.append(ctx.write_text("health/health.md", text))
    return Section("health", title, text, files)


def _cli(study, lang, ctx):
    import click

    from pse.health.views import markdown_section

    if not _uses(study):
        raise click.ClickException("the study has no exposure_assessments, manual_handling or thermography")
    if ctx is not None:
        return _run(study, ctx).markdown
    return markdown_section(study, MODULE.label(lang), lang)


def _commands():
    from pse.commands import study_command

    return [study_command("health", "Occupational-health assessments of STUDY: SQRA control banding, KIM-LHC, "
                                    "infrared thermography.", _cli,
                          "Also write the worksheets and health.xlsx to DIR/health/.")]


MODULE = Module(
    name="health",
    title={"en": "Occupational health: control banding, KIM-LHC, thermography",
           "zh-TW": "職業衛生：化學品暴露分級、人工物料處理、紅外線熱影像"},
    order=65,
    uses=_uses,
    run=_run,
    commands=_commands,
    check=_check,
    command_names=("health",),
    actions=_actions,
    profile=_profile,
)
