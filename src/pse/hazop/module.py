"""HAZOP in the pse registry: the `pse run` section and the `pse hazop` command group."""

from __future__ import annotations

from pse.registry import Module, RunContext, Section


def _uses(study) -> bool:
    return bool(study.nodes or study.deviations)


def _check(study):
    from pse.hazop.check import check

    return check(study)


def _run(study, ctx: RunContext) -> Section:
    """The `pse run` section (:func:`pse.hazop.section.run_section`)."""
    from pse.hazop.section import run_section

    return run_section(study, ctx)


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
