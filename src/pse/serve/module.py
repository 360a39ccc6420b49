"""`pse serve` in the pse registry."""

from __future__ import annotations

from pse.registry import Module


def _commands():
    from pse.serve.cli import serve_command

    return [serve_command]


MODULE = Module(
    name="serve",
    title={"en": "Worksheets in the browser", "zh-TW": "瀏覽器工作表"},
    order=95,
    commands=_commands,
    command_names=("serve",),
)
