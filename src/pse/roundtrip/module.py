"""The round trip in the pse registry: `pse export` and `pse import`."""

from __future__ import annotations

from pse.registry import Module


def _commands():
    from pse.roundtrip.cli import export_command, import_command

    return [export_command, import_command]


MODULE = Module(
    name="roundtrip",
    title={"en": "Workbook round trip", "zh-TW": "活頁簿往返編輯"},
    order=90,
    commands=_commands,
    command_names=("export", "import"),
)
