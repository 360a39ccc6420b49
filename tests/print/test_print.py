"""Files that open right and workbooks that print as forms (LibreOffice headless), one zh-TW run shared."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import WORKSHEETS, bundled_studies
from pse.i18n import catalogue, label_files
from pse.workbook_print import apply_print_setup, lines_needed

PLANT = WORKSHEETS / "electronics-plant.yaml"

# English still printed in zh-TW by modules other than the house's, reported on issue 16 to their owners. The
# integrator empties this set as their fixes land (then both language tests below allow no English at all).
# Entries are output cells (CSV/Markdown text equal to a catalogue English text) or lint rule IDs.
KNOWN_LEAKS_LEFT_TO_OTHER_MODULES: set[str] = set()


@pytest.fixture(scope="module")
def run_zh(tmp_path_factory):
    import warnings

    from pse.run import run_study

    out = tmp_path_factory.mktemp("zh") / "out"
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r"(?s).*Glyph .* missing")
        run_study(PLANT, out, lang="zh-TW")
    return out


def test_every_catalogue_key_has_both_languages():
    assert len(label_files()) >= 7
    missing = [(f, k) for f, k, entry in catalogue() if not (entry or {}).get("en") or not entry.get("zh-TW")]
    assert not missing


# Codes printed as they are in the study (IDs, units, EPL "none", Y/N flags).
ALLOWED = {"ID", "none", "m", "FMEA", "RPN", "LOPA", "HAZOP", "SIL", "PFD", "AP", "PLr", "Ex", "S", "O", "D", "Y", "N"}


def test_zh_run_has_no_english_catalogue_text(run_zh):
    english = {e["en"] for _, _, e in catalogue() if e.get("en") != e.get("zh-TW")} - ALLOWED
    leaks = set()
    for path in run_zh.rglob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle):
                leaks |= {(path.name, cell) for cell in row if cell.strip() in english}
    for path in run_zh.rglob("*.md"):
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip("|").split("|")] if line.startswith("|") else [line.strip("#_ ")]
            leaks |= {(path.name, c) for c in cells if c in english}
    assert {cell for _, cell in leaks} <= KNOWN_LEAKS_LEFT_TO_OTHER_MODULES, sorted(leaks)


_WARNING = re.compile(r"^(?P<where>\S+?)(?::\d+)?: (?P<tag>警告|warning): (?:(?P<field>[\w\[\].]+): )?"
                      r"(?P<message>.*?)(?: \[(?P<rule>[A-Z0-9-]+)\])?$")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|「[^」]*」|`[^`]*`|\([^()]*\)(?=\s*$)")
_CODE = re.compile(r"^(?:[A-Z0-9]+|\S*[\d_.\-/]\S*)$")        # IDs, acronyms, keys: A-01, SQRA, load_kg, S4
# symbols of the standards, written the same in zh-TW texts (ISO 13849-1, IEC 61508)
_SYMBOLS = {"PLr", "PFHd", "MTTFd", "DCavg", "PFDavg", "PFH", "SIL", "RRF"}
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def language_leak(message: str, lang: str) -> str | None:
    """What in a lint ``message`` is not in ``lang``: an English word in zh-TW, a Chinese character in English.

    Quoted text ('...', 「...」) is the study's own (names, IDs) and is not judged; IDs, acronyms and study keys
    (``A-01``, ``SQRA``, ``load_kg``) are codes, the same in both languages.

    >>> language_leak("作業 A-01 未評估「Tank」之危害", "zh-TW"), language_leak("作業 A-01 has no rows", "zh-TW")
    (None, 'has')
    >>> language_leak("step 'A' is not in task 「塔槽」", "en"), language_leak("風險等級 3", "en")
    (None, '風')
    """
    text = _QUOTED.sub(" ", message)
    if lang == "en":
        found = _CJK.search(text)
        return found.group() if found else None
    if not _CJK.search(text):
        return text.strip() or message
    words = re.findall(r"[A-Za-z][\w.\-/]*", text)
    return next((w for w in words if not _CODE.match(w) and w not in _SYMBOLS and len(w) > 1), None)


def lint_lines(lang: str) -> list[str]:
    """``pse lint --lang LANG`` of every bundled study, its warning lines."""
    from click.testing import CliRunner

    from pse.cli import cli

    result = CliRunner().invoke(cli, ["lint", "--lang", lang, *map(str, bundled_studies())])
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    return [line for line in result.output.splitlines() if _WARNING.match(line)]


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_lint_prints_one_language(lang):
    """Issue 16: `pse lint --lang zh-TW` prints only Chinese, `--lang en` only English, for every bundled study."""
    lines = lint_lines(lang)
    assert lines and all((" 警告: " in line) == (lang == "zh-TW") for line in lines)
    leaks = {}
    for line in lines:
        match = _WARNING.match(line)
        leak = language_leak(match["message"], lang)
        if leak and match["rule"] not in KNOWN_LEAKS_LEFT_TO_OTHER_MODULES:
            leaks[match["rule"]] = (leak, line)
    assert not leaks, leaks


def test_lint_messages_of_the_house_modules_follow_the_language(write_study):
    """Task risk, health: every message is a catalogue Message with both languages, none of them mixed."""
    from pse.i18n import Message, problem_text
    from pse.model import load_study, warnings_of

    study = load_study(PLANT)
    mine = [w for w in warnings_of(study) if w.rule and w.rule.split("-")[0] in ("TR", "HEALTH")]
    assert mine and all(isinstance(w.message, Message) for w in mine)
    for w in mine:
        assert language_leak(problem_text(w, "zh-TW").split(": ", 3)[-1], "zh-TW") is None
        assert language_leak(problem_text(w, "en").split(": ", 3)[-1], "en") is None


def test_csv_has_byte_order_mark_and_umask_permissions(run_zh):
    import os

    mask = os.umask(0)
    os.umask(mask)
    for path in list(run_zh.rglob("*.csv")) + list(run_zh.rglob("*.xlsx")):
        if path.suffix == ".csv":
            assert path.read_bytes().startswith(b"\xef\xbb\xbf"), path
        if path.name != "study.xlsx":      # study.xlsx: written by report.py
            assert path.stat().st_mode & 0o777 == 0o666 & ~mask, path


def test_no_package_provenance_in_client_columns(run_zh):
    import re

    for path in run_zh.rglob("*.csv"):
        assert not re.search(r"\b[Ss]eed \d{3}\b", path.read_text(encoding="utf-8-sig")), path


def test_dxf_text_style_cjk_and_paper_space_layout(run_zh):
    import ezdxf

    doc = ezdxf.readfile(run_zh / "zones" / "plan.dxf")
    style = doc.styles.get("PSE-ZH")
    assert style.dxf.font == "msjh.ttc"
    assert {t.dxf.style for t in doc.modelspace().query("TEXT")} == {"PSE-ZH"}
    layout = doc.layouts.get("A3")
    assert (layout.dxf.paper_width, layout.dxf.paper_height) == (420, 297)
    assert len(layout.query("VIEWPORT")) >= 1
    texts = " ".join(t.dxf.text for t in layout.query("TEXT"))
    assert "圖號" in texts and "圖例" in texts and "0 區" in texts


def test_geojson_marks_its_local_crs(run_zh):
    data = json.loads((run_zh / "zones" / "zones.geojson").read_text(encoding="utf-8"))
    assert "LOCAL_CS" in data["crs"]["properties"]["name"]


def test_lines_needed_counts_cjk_double():
    assert lines_needed("危" * 20, 11) == 4 and lines_needed("a" * 20, 11) == 2


_TEXT = st.text(alphabet=st.sampled_from("aZ9 -_.\n危險儲槽ａＡ한글㐀\u3000é\u0301\U00020000\U0001F600"), max_size=60)
_VALUES = st.one_of(_TEXT, st.none(), st.integers(-10**6, 10**6), st.floats(allow_nan=False), st.booleans())


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(_VALUES, max_size=12), width=st.floats(0.0, 60.0))
def test_column_lines_equal_lines_needed_cell_by_cell(texts, width):
    """The lines of a whole column (numpy, distinct texts once) are the per-cell count, wide characters and
    line breaks included; 1, 1.0 and True are three texts."""
    from pse.workbook_print import column_lines

    assert column_lines(texts, width) == [lines_needed(text, width) for text in texts]


def _row_lines_cell_by_cell(ws, first_row):
    """The row lines and font sizes counted one cell at a time (the reference of ``_row_lines``)."""
    from openpyxl.utils import get_column_letter

    from pse.workbook_print import _merged_cells

    merged, rows = _merged_cells(ws), {}
    for (row, column), cell in ws._cells.items():
        if row < first_row or cell.value is None or (row, column) in merged:
            continue
        width = ws.column_dimensions[get_column_letter(column)].width or 8.43
        lines = lines_needed(cell.value, width) if cell.alignment.wrap_text else 1
        before = rows.get(row, (1, 0.0))
        rows[row] = (max(before[0], lines), max(before[1], float(cell.font.sz or 11.0)))
    return rows


def test_row_lines_of_the_run_workbooks_equal_the_cell_by_cell_count(run_zh):
    from openpyxl import load_workbook

    from pse.workbook_print import _row_lines

    books = sorted(run_zh.rglob("*.xlsx"))
    assert len(books) >= 3
    for path in books:
        for ws in load_workbook(path).worksheets:
            assert _row_lines(ws, 1) == _row_lines_cell_by_cell(ws, 1), (path.name, ws.title)


def test_print_setup_of_a_sheet():
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    from pse.model import load_study

    ws = Workbook().active
    ws.append(["ID", "說明"])
    ws.append(["R-1", "很長的說明文字" * 10])
    ws["B2"].alignment = Alignment(wrap_text=True)
    ws.column_dimensions["B"].width = 30
    apply_print_setup(ws, load_study(PLANT), header_rows=(1, 1), title="Sheet")
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$1:$1" and ws.print_area
    assert ws.row_dimensions[2].height >= 15 * 5          # 140 wide characters in a 30-wide column
    assert "&P" in ws.oddFooter.right.text and ws.oddHeader.left.text


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"),
                    reason="LibreOffice (soffice) and poppler (pdftotext) are needed to print the workbooks")
def test_workbooks_print_one_page_wide(run_zh, tmp_path):
    """Every printed page of every workbook holds the first column of its sheet: one column of pages wide."""
    from openpyxl import load_workbook

    books = [p for p in run_zh.rglob("*.xlsx") if p.name != "study.xlsx"]
    for book in books:
        shutil.copy(book, tmp_path / book.name)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path)]
                   + [str(tmp_path / b.name) for b in books], check=True, capture_output=True, timeout=240)
    for book in books:
        wb = load_workbook(book)
        firsts = set()
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            assert ws.page_setup.fitToHeight == 0 and ws.page_setup.paperSize in ("8", "9", 8, 9), ws.title
            if ws.cell(row=1, column=1).value:      # sheets without repeated rows start with their title
                firsts.add(str(ws.cell(row=1, column=1).value).split("\n")[0][:6])
            if ws.print_title_rows:
                row = int(ws.print_title_rows.split(":")[0].lstrip("$"))
                firsts.add(str(ws.cell(row=row, column=1).value).split("\n")[0][:6])
        pdf = tmp_path / (book.stem + ".pdf")
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        pages = [p for p in text.split("\f") if p.strip()]
        assert pages, book
        for page in pages:
            if firsts and "/" in page:
                assert any(f in page for f in firsts) or len(page) < 400, (book.name, page[:200])


def test_a_sheet_printed_two_pages_wide_repeats_its_id_column_and_reads_across(run_zh):
    """The LOPA audit table (32 columns) prints two A3 pages wide: scenario ID on both, a band of rows across
    consecutive pages (overThenDown) before the next band; other sheets stay one page wide."""
    import openpyxl

    book = openpyxl.load_workbook(run_zh / "lopa" / "lopa.xlsx")
    wide, sif = book["LOPA"], book["SIF"]
    assert wide.page_setup.fitToWidth == 2 and wide.page_setup.fitToHeight == 0
    assert wide.print_title_cols == "$A:$A" and wide.page_setup.pageOrder == "overThenDown"
    assert wide.max_column >= 30 and wide.cell(row=5, column=1).value == "情境編號"
    assert sif.page_setup.fitToWidth == 1 and sif.print_title_cols is None
    # the title lines start in column B: the repeated column A would print them cut to its width on page 2
    header_row = next(r for r in range(1, 10) if wide.cell(row=r, column=1).value == "情境編號")
    assert all(wide.cell(row=r, column=1).value is None for r in range(1, header_row))
    assert wide["B1"].value and sif["A1"].value
