"""HAZOP in the pse registry: the `pse run` section and the `pse hazop` command group."""

from __future__ import annotations

from pse.registry import Module, RunContext, Section


def _uses(study) -> bool:
    return bool(study.nodes or study.deviations)


def _check(study):
    from pse.hazop.check import check

    return check(study)


def _run(study, ctx: RunContext) -> Section:
    from pse.hazop.excel import workbook_builder
    from pse.hazop.worksheet import _l, sheet, summary
    from pse.i18n import label as catalogue_label
    from pse.tables import to_markdown, write_all

    ctx.progress(catalogue_label("progress_hazop", ctx.lang))
    ws = sheet(study, ctx.lang)
    files = write_all(ctx, "hazop/hazop-worksheet", ws, formats=("csv", "md", "html"))
    files.append(ctx.write_workbook("hazop/hazop.xlsx", workbook_builder(study, ctx.lang)))
    counts = summary(study, ctx.lang)
    counted = "\n".join(f"- {_l(k, ctx.lang)}: {v}" for k, v in counts.items())
    markdown = "\n".join([f"## {ws.title}", "", counted, "", to_markdown(ws)])
    return Section("hazop", ws.title, markdown, files, blocks=[counted, ws])


def _commands():
    from pse.hazop.cli import hazop_group

    return [hazop_group]


MODULE = Module(
    name="hazop",
    title={"en": "HAZOP worksheet", "zh-TW": "危害與可操作性分析"},
    order=20,
    uses=_uses,
    run=_run,
    commands=_commands,
    check=_check,
    command_names=("hazop",),
)
