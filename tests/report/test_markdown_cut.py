"""report.html converts only the Markdown table rows it shows: the page is the same as converting every row and
cutting the HTML afterwards (main's way)."""

from __future__ import annotations

from types import SimpleNamespace

from pse.report.budget import cap_html_tables
from pse.report.page import _strip_heading, scrolled, section_parts
from pse.report.safe import markdown_to_html


def _converted_whole(markdown: str, limit: int, note) -> str:
    return scrolled(cap_html_tables(markdown_to_html(_strip_heading(markdown)), limit, note))


def _table(rows: int, columns=("ID", "頻率 (/yr)", "Note")) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join(":---" for _ in columns) + "|"]
    lines += [f"| S-{i} | {i}.00E-05 | a \\| b *{i}* |" for i in range(rows)]
    return "\n".join(lines)


def test_cut_tables_give_the_page_of_the_whole_conversion():
    from pse.report.budget import full_table_files, more_note

    markdown = ("## LOPA\n\nIntro *text* with [a link](lopa/lopa.csv).\n\n" + _table(250) + "\n\nBetween.\n\n"
                + _table(3) + "\n\n### Next\n\n" + _table(201) + "\n\n| not | a table\n\nend\n")
    section = SimpleNamespace(module="lopa", title="LOPA", markdown=markdown, html=None, blocks=None,
                              files=["lopa/lopa.csv", "lopa/lopa.xlsx"])
    (part,) = section_parts(section, None, "zh-TW", limit=200)
    note = lambda shown, rows: more_note(shown, rows, full_table_files(section.files), "zh-TW")  # noqa: E731
    assert part.html == _converted_whole(markdown, 200, note)
    assert part.html.count("<tfoot>") == 2 and part.html.count("<tr>") == 3 + 200 + 3 + 200 + 2
