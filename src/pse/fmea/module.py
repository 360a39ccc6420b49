"""FMEA in the pse registry: the `pse run` section (files under fmea/) and the `pse fmea` command."""

from __future__ import annotations

from pse.registry import Module, RunContext, Section


def _uses(study) -> bool:
    return bool(study.failure_modes)


def _check(study):
    from pse.fmea.analysis import check

    return check(study)


def _sheets(study, lang: str):
    """The FMEA worksheet, the re-ranking and the rating scale as exportable sheets."""
    from pse.fmea.analysis import analyse
    from pse.fmea.views import _l, colour, ranking_table, scale_table, worksheet
    from pse.tables import Sheet

    result = analyse(study)
    meta = study.study
    ranked_by = _l(f"by_{result.ranking}", lang)
    header = [f"{meta.title} - {meta.company or ''} {meta.site or ''}".strip(),
              f"{_l('scale_title', lang)}: {result.scale.title} ({result.scale.source})",
              f"{_l('ranked_by', lang)}: {ranked_by}"]
    ap_columns = (_l("ap", lang), _l("ap_after", lang))
    ratings = list(range(1, 11))
    validations = {_l(k, lang): ratings for k in ("severity", "occurrence", "detection", "severity_after",
                                                  "occurrence_after", "detection_after")}
    widths = {_l(k, lang): 30 for k in ("failure_mode", "effect", "cause", "prevention_controls",
                                        "detection_controls")}
    widths[_l("actions", lang)] = 45
    sheets = [
        Sheet("FMEA", worksheet(study, lang, result), _l("fmea", lang), header, colour=colour(ap_columns),
              widths=widths, validations=validations),
        Sheet("Ranking", ranking_table(study, lang, result), _l("ranking_title", lang), header,
              colour=colour(ap_columns)),
        Sheet("Scale", scale_table(study, lang, result), f"{_l('scale_title', lang)}: {result.scale.title}",
              [f"{result.scale.source} - {result.scale.edition}"],
              widths={_l(k, lang): 55 for k in ("severity", "occurrence", "detection")}),
    ]
    return result, sheets


def _run(study, ctx: RunContext) -> Section:
    from pse.i18n import label as catalogue_label

    ctx.progress(catalogue_label("progress_fmea", ctx.lang))
    result, sheets = _sheets(study, ctx.lang)
    return _write(study, ctx, result, sheets)[0]


def _write_tables(ctx: RunContext, sheets) -> tuple[list[str], list[str]]:
    """The worksheet and the ranking as CSV, Markdown and HTML: returns the files and the two Markdown tables
    (each table is made into Markdown once, for its file and for the section)."""
    from pse.tables import to_markdown, write_all

    files, markdown = [], []
    for sheet, base in zip(sheets[:2], ("fmea/fmea-worksheet", "fmea/fmea-ranking"), strict=False):
        written = write_all(ctx, base, sheet, formats=("csv",))
        markdown.append(to_markdown(sheet))
        written.append(ctx.write_text(f"{base}.md", markdown[-1]))
        written += write_all(ctx, base, sheet, formats=("html",))
        sheet.files = written
        files += written
    return files, markdown


def _write(study, ctx: RunContext, result, sheets) -> tuple[Section, list[str]]:
    """Every FMEA output of ``pse run`` (and ``pse fmea --out``): the report section and the two Markdown
    tables."""
    from pse.fmea.charts import CHART_FORMATS, matrix_chart, pareto_chart, save

    files, tables = _write_tables(ctx, sheets)
    ctx.write_workbook("fmea/fmea.xlsx", sheets)
    files.append("fmea/fmea.xlsx")
    figures = [(pareto_chart(result, ctx.lang, study=study), "fmea/fmea-pareto"),
               (matrix_chart(result, ctx.lang, study=study), "fmea/fmea-matrix")]
    names = [f"{base}.{fmt}" for _, base in figures for fmt in CHART_FORMATS]
    files += ctx.in_background("fmea charts", names,                    # rendered beside the pipeline
                               lambda: [save(fig, ctx.out, base, study) for fig, base in figures])
    charts = "![Pareto](fmea/fmea-pareto.svg)\n\n![S x O](fmea/fmea-matrix.svg)\n"
    markdown = tables[0] + "\n" + tables[1] + "\n" + charts
    return Section("fmea", sheets[0].title, f"## {sheets[0].title}\n\n{markdown}", files,
                   blocks=[sheets[0], sheets[1], charts]), tables


def _cli(study, lang, ctx, rank_by=None):
    from pse.tables import to_markdown

    if rank_by:
        study.fmea.ranking = rank_by
    result, sheets = _sheets(study, lang)
    tables = _write(study, ctx, result, sheets)[1] if ctx is not None else [to_markdown(s) for s in sheets[:2]]
    return tables[0] + "\n" + tables[1]


def _commands():
    import click

    from pse.commands import study_command

    rank = click.option("--rank-by", "rank_by", type=click.Choice(["action_priority", "rpn", "criticality"]),
                        default=None, help="Ranking (default: the study's fmea.ranking, AIAG-VDA Action Priority).")
    return [study_command("fmea", "FMEA worksheet of STUDY: RPN, AIAG-VDA Action Priority, ranking before and "
                                  "after actions.", _cli,
                          "Also write the workbook, CSV/Markdown/HTML and the charts to DIR/fmea/.", (rank,))]


MODULE = Module(
    name="fmea",
    title={"en": "FMEA", "zh-TW": "失效模式與影響分析"},
    order=40,
    uses=_uses,
    run=_run,
    commands=_commands,
    check=_check,
    command_names=("fmea",),
)
