"""pse.workbook_parts: study.xlsx merged from module workbooks serialised apart is the one-workbook build's file."""

from __future__ import annotations

import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from conftest import fill_style_grid
from pse.jobs import Jobs, can_fork
from pse.workbook import build_study_book, new_book, save_book, write_workbook
from pse.workbook_parts import OWN_WORKBOOK, merge_parts, module_parts

STYLES = [
    {},
    {"font": Font(bold=True)},
    {"fill": PatternFill("solid", fgColor="FFC7CE")},
    {"alignment": Alignment(wrap_text=True, vertical="top")},
    {"number_format": "0.00E+00"},
    {"number_format": "0.0%"},
    {"border": Border(bottom=Side(style="thin"))},
    {"font": Font(italic=True, size=9), "fill": PatternFill("solid", fgColor="C6EFCE")},
]


def _builder(sheets: list[tuple[str, list[list[int]]]], comment: bool = False):
    """A module builder: one sheet per (title, grid); each cell takes the style numbered in the grid."""

    def build(target) -> None:
        for title, grid in sheets:
            ws = target.create_sheet(title)
            fill_style_grid(ws, grid, STYLES, text="=r{r}c{c}")      # text that openpyxl would take as formulas
            ws.auto_filter.ref = "A1:B2"
            if comment:
                ws["A1"].comment = Comment("checked by the team", "pse")

    return build


def _parts(path_or_buffer) -> dict[str, bytes]:
    with zipfile.ZipFile(path_or_buffer) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}     # its save time


def _one_book(modules, tmp_path) -> dict[str, bytes]:
    book, _ = build_study_book([(stem, builder) for stem, builder in modules])
    save_book(book, tmp_path / "one-book.xlsx")
    return _parts(tmp_path / "one-book.xlsx")


def _merged(modules, tmp_path) -> tuple[dict[str, bytes], list[bool]]:
    """study.xlsx as pse run assembles it: each module from its parts where it can be, else built in place."""
    from pse.workbook import WorkbookTarget
    from pse.workbook_save import register_styles

    book, files, from_parts = new_book(), {}, []
    for i, (stem, builder) in enumerate(modules):
        folder = tmp_path / f"m{i}"
        folder.mkdir()
        parts = module_parts(builder, stem, str(folder))
        merged = merge_parts(book, stem, parts) if parts is not None else None
        from_parts.append(merged is not None)
        if merged is None:
            target = WorkbookTarget(book, stem)
            builder(target)
            register_styles(book, target.sheets)
        else:
            files.update(merged)
    book.active = 0
    save_book(book, tmp_path / "merged.xlsx", 1, files)
    return _parts(tmp_path / "merged.xlsx"), from_parts


grid = st.lists(st.lists(st.integers(0, len(STYLES) - 1), min_size=1, max_size=5), min_size=1, max_size=6)
module = st.lists(st.tuples(st.sampled_from(["Summary", "LOPA", "Sheet", "N-01"]), grid), min_size=1, max_size=3)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(module, st.booleans()), min_size=1, max_size=4))
def test_merged_study_workbook_is_the_one_workbook_build(tmp_path_factory, modules):
    """Any mix of modules (clashing titles, images or comments: built in place) gives the one-book file."""
    tmp_path = tmp_path_factory.mktemp("merge")
    pairs = [(f"m{i}", _builder(sheets, comment)) for i, (sheets, comment) in enumerate(modules)]
    merged, _ = _merged(pairs, tmp_path)
    assert merged == _one_book(pairs, tmp_path)


def test_plain_modules_are_merged_and_the_others_built_in_place(tmp_path):
    pairs = [("hazop", _builder([("N-01", [[1, 2], [3, 0]])])),
             ("taskrisk", _builder([("Summary", [[4, 1]])], comment=True)),     # a comment: built in place
             ("lopa", _builder([("LOPA", [[5, 6], [7, 1]]), ("Summary", [[2]])])),   # clashes with taskrisk's
             ("fmea", _builder([("FMEA", [[7, 3, 5]])]))]
    merged, from_parts = _merged(pairs, tmp_path)
    assert from_parts == [True, False, False, True]
    assert merged == _one_book(pairs, tmp_path)


def test_the_module_workbook_written_from_the_parts_is_its_own_build(tmp_path):
    builder = _builder([("LOPA", [[5, 6], [7, 1]]), ("SIF", [[2, 4]])])
    parts = module_parts(builder, "lopa", str(tmp_path))
    write_workbook(tmp_path / "own-build.xlsx", builder)
    assert parts is not None and _parts(tmp_path / OWN_WORKBOOK) == _parts(tmp_path / "own-build.xlsx")
    assert [s.title for s in parts.sheets] == ["LOPA", "SIF"]


def test_a_clash_adds_nothing_to_the_study_book(tmp_path):
    book = new_book()
    book.create_sheet("Summary")
    parts = module_parts(_builder([("Summary", [[1]])]), "fmea", str(tmp_path))
    assert merge_parts(book, "fmea", parts) is None
    assert book.sheetnames == ["Summary"] and len(book._cell_styles) == 1


@pytest.mark.skipif(not can_fork(), reason="fork not available")
def test_run_workbooks_with_jobs_are_those_without(tmp_path):
    """write_run_workbooks from jobs' parts (pse run) and from builders alone give the same files."""
    from pse.registry import RunContext
    from pse.report.workbook import write_run_workbooks

    modules = [("a/hazop.xlsx", _builder([("N-01", [[1, 2], [3, 4]])])),
               ("b/task-risk.xlsx", _builder([("Summary", [[4, 1]])], comment=True)),
               ("c/lopa.xlsx", _builder([("LOPA", [[5, 6], [7, 1]]), ("Summary", [[2]])])),
               ("d/fmea.xlsx", _builder([("FMEA", [[7, 3, 5]])]))]
    outputs = {}
    for jobs in (None, 2):
        out = tmp_path / f"jobs-{jobs}"
        ctx = RunContext(out=out, defer_workbooks=True, jobs=Jobs(jobs) if jobs else None)
        try:
            for name, builder in modules:
                ctx.write_workbook(name, builder)
            assert write_run_workbooks(ctx, out)
        finally:
            ctx.close()
        assert ctx.parts_folder is None
        outputs[jobs] = {p.relative_to(out).as_posix(): _parts(p) for p in sorted(out.rglob("*.xlsx"))}
    assert list(outputs[2]) == ["a/hazop.xlsx", "b/task-risk.xlsx", "c/lopa.xlsx", "d/fmea.xlsx", "study.xlsx"]
    assert outputs[2]["study.xlsx"] == outputs[None]["study.xlsx"]
    for name in outputs[2]:         # a cut workbook keeps study.xlsx's style ids, the module's own build its own
        assert _same_cells(tmp_path / "jobs-2" / name, tmp_path / "jobs-None" / name), name


def _same_cells(a, b) -> bool:
    """The same sheets, values and cell formats."""
    import openpyxl

    def facts(path):
        return [(ws.title, [(c.coordinate, c.value, c.number_format, repr(c.font), repr(c.fill), repr(c.border),
                             repr(c.alignment)) for row in ws.iter_rows() for c in row])
                for ws in openpyxl.load_workbook(path).worksheets]

    return facts(a) == facts(b)
