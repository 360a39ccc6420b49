"""`pse library` in the pse registry: a command, no study section."""

from __future__ import annotations

from pathlib import Path

from pse.registry import Module

LABELS = str(Path(__file__).with_name("labels.yaml"))
MODULES = ("lopa", "hazop", "zoning", "machinery", "fmea", "taskrisk", "compliance", "health")


def table(module=None, word=None, library=None, lang: str = "en") -> str:
    """The matching library rows as a Markdown table in ``lang``."""
    from pse.i18n import label
    from pse.library.catalogue import select

    def lab(key):
        return label(key, lang, LABELS)

    selected = select(module, word, library)
    if not selected:
        return lab("none_found")
    head = [lab(k) for k in ("module", "library", "key", "value", "name", "source", "edition", "checked")]

    def cell(text) -> str:
        return str(text).replace("|", "\\|").replace("\n", " ")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in selected:
        checked = lab(row.checked) if row.checked in ("yes", "no", "partly") else row.checked
        lines.append("| " + " | ".join(cell(x) for x in (row.module, row.library, row.key, row.value, row.text(lang),
                                                          row.source, row.edition, checked)) + " |")
    return "\n".join(lines) + f"\n\n{len(selected)} {lab('count')}"


def _commands():
    import click

    @click.command(name="library", help="List the reference libraries of every module (key, value, source, "
                                        "edition, checked). MODULE: lopa, hazop, zoning, machinery, fmea, "
                                        "taskrisk, compliance, health.")
    @click.argument("module", required=False, type=click.Choice(MODULES))
    @click.option("--search", "word", default=None,
                  help="Only entries containing this word (key, value, name, source).")
    @click.option("--library", default=None, help="Only this library (ipl_pfds, guide_words, substances...).")
    @click.option("--lang", type=click.Choice(["zh-TW", "en"]), default="zh-TW", help="Label language.")
    def library(module, word, library, lang):
        click.echo(table(module, word, library, lang))

    return [library]


MODULE = Module(
    name="library",
    title={"en": "Reference libraries", "zh-TW": "參考資料庫"},
    order=99,
    commands=_commands,
    command_names=("library",),
)
