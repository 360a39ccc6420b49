"""Proposed safeguards apart from existing ones (issue 13 point 3): worksheet column, workbook round trip."""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from conftest import WORKSHEETS
from pse.hazop.excel import HEADER_ROW, SHEET_KEYS, WorkbookError, import_workbook, write_workbook
from pse.hazop.merge import merged_safeguards
from pse.hazop.worksheet import KEYS, rows, worksheet
from pse.model import load_study

COL = {k: i + 1 for i, k in enumerate(SHEET_KEYS)}
SIF_LINE = "SG-SIF-01: SIF-01 high-high level trip (LSHH-403 A/B -> SIS -> close XV-401 and stop P-202) (R-05)"


def _bundled(tmp_path):
    for item in WORKSHEETS.glob("electronics-plant*"):
        (shutil.copytree if item.is_dir() else shutil.copy)(item, tmp_path / item.name)
    return tmp_path / "electronics-plant.yaml"


def _row(study, row_id, lang="en"):
    return next(r for r in rows(study, lang) if r.row_id == row_id)


def test_proposed_safeguard_has_its_own_column_with_its_recommendation():
    study = load_study(WORKSHEETS / "electronics-plant.yaml")
    row = _row(study, "S-2.1")
    # SG-SIF-01 is status: proposed, recommendation R-05 (solvent-tank-lopa.yaml); the other four exist
    assert row.values["proposed_safeguards"] == SIF_LINE
    assert [line.split(":")[0] for line in row.values["safeguards"].split("\n")] == \
        ["SG-LAH-401", "SG-LSHH-402", "SG-SOP-UNLOAD", "SG-DIKE-401"]
    assert KEYS.index("proposed_safeguards") == KEYS.index("safeguards") + 1      # next to the existing ones
    assert _row(study, "S-1.1").values["proposed_safeguards"] == ""


@pytest.mark.parametrize("lang, header", [("en", "Proposed safeguards (recommendation)"),
                                          ("zh-TW", "擬增設之防護措施（建議事項）")])
def test_proposed_column_is_labelled_in_both_languages(lang, header):
    table = worksheet(load_study(WORKSHEETS / "electronics-plant.yaml"), lang)
    assert header in table.columns
    assert table.columns.get_loc(header) == table.columns.get_loc({"en": "Safeguards", "zh-TW": "防護措施"}[lang]) + 1


def test_a_safeguard_crediting_a_proposed_sif_is_proposed(tmp_path):
    """An existing-status safeguard whose ipl.sif is a proposed SIF is listed as proposed, with the SIF's R-05."""
    study_path = _bundled(tmp_path)
    part = tmp_path / "electronics-plant" / "solvent-tank-lopa.yaml"
    text = part.read_text(encoding="utf-8")
    proposed = "    tag: SIF-01\n    status: proposed\n    recommendation: R-05\n"
    part.write_text(text.replace(proposed, "    tag: SIF-01\n"), encoding="utf-8")
    study = load_study(study_path)
    assert study.get("SG-SIF-01").status == "existing"
    assert _row(study, "S-2.1").values["proposed_safeguards"] == SIF_LINE


def _export(tmp_path, lang="en"):
    study_path = _bundled(tmp_path)
    book_path = tmp_path / "hazop.xlsx"
    write_workbook(load_study(study_path), book_path, lang)
    return study_path, book_path


def _set(book_path, row_id, key, value, sheet="N-02"):
    book = openpyxl.load_workbook(book_path)
    ws = book[sheet]
    row = next(r for r in range(HEADER_ROW + 1, ws.max_row + 1) if ws.cell(r, COL["row_id"]).value == row_id)
    ws.cell(row, COL[key]).value = value
    book.save(book_path)


def test_workbook_shows_the_proposed_column_read_only(tmp_path):
    _, book_path = _export(tmp_path, "zh-TW")
    ws = openpyxl.load_workbook(book_path)["N-02"]
    assert ws.cell(HEADER_ROW, COL["proposed_safeguards"]).value == "擬增設之防護措施（建議事項）"
    row = next(r for r in range(HEADER_ROW + 1, ws.max_row + 1) if ws.cell(r, COL["row_id"]).value == "S-2.1")
    cell = ws.cell(row, COL["proposed_safeguards"])
    assert cell.value == SIF_LINE and cell.font.i          # computed columns: grey italics


def test_editing_existing_safeguards_keeps_proposed_ones_and_their_links(tmp_path):
    study_path, book_path = _export(tmp_path)
    # the engineer drops the dike, adds a new line, and scribbles in the computed column
    _set(book_path, "S-2.1", "safeguards", "SG-LAH-401: High-level alarm\nSG-LSHH-402\nSG-SOP-UNLOAD\n"
                                           "Break-away coupling on the unloading hose")
    _set(book_path, "S-2.1", "proposed_safeguards", "")
    result = import_workbook(study_path, book_path)
    assert result.conflicts == [] and result.updated == ["S-2.1"]
    study = load_study(study_path)
    scenario = study.get("S-2.1")
    new = [s for s in scenario.safeguards if s not in ("SG-LAH-401", "SG-LSHH-402", "SG-SOP-UNLOAD", "SG-SIF-01")]
    assert scenario.safeguards == ["SG-LAH-401", "SG-LSHH-402", "SG-SOP-UNLOAD", *new, "SG-SIF-01"]
    assert study.get(new[0]).description == "Break-away coupling on the unloading hose"
    assert study.get(new[0]).status == "existing"
    sif_guard = study.get("SG-SIF-01")
    assert (sif_guard.status, sif_guard.recommendation) == ("proposed", "R-05")
    assert (study.get("SIF-01").status, study.get("SIF-01").recommendation) == ("proposed", "R-05")
    assert _row(study, "S-2.1").values["proposed_safeguards"] == SIF_LINE


def test_a_proposed_safeguard_typed_as_existing_is_refused(tmp_path):
    study_path, book_path = _export(tmp_path)
    _set(book_path, "S-2.1", "safeguards", "SG-LAH-401\nSG-SIF-01")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.yaml")}
    with pytest.raises(WorkbookError) as err:
        import_workbook(study_path, book_path)
    assert len(err.value.messages) == 1
    assert "safeguard 'SG-SIF-01' is proposed (installed by R-05)" in err.value.messages[0]
    assert err.value.messages[0].startswith("sheet 'N-02', row 7, column K (Safeguards): ")
    assert "stays in the column 'Proposed safeguards (recommendation)'" in err.value.messages[0]
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.yaml")} == before


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_unedited_workbook_imports_as_no_change(tmp_path, lang):
    """zh-TW cells show guide words and parameters by their Chinese names; read back they are the same IDs."""
    study_path, book_path = _export(tmp_path, lang)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.yaml")}
    result = import_workbook(study_path, book_path)
    assert (result.added, result.updated, result.conflicts) == ([], [], [])
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.yaml")} == before


def test_merge_rule_keeps_proposed_after_the_edited_existing_ones():
    assert merged_safeguards(["SG-1", "SG-9"], ["SG-1", "SG-P", "SG-2", "SG-Q"], {"SG-P", "SG-Q"}) == \
        ["SG-1", "SG-9", "SG-P", "SG-Q"]
    assert merged_safeguards([], ["SG-P"], {"SG-P"}) == ["SG-P"]            # "None identified" keeps SG-P
    assert merged_safeguards(["SG-P", "SG-1"], ["SG-P"], {"SG-P"}) == ["SG-1", "SG-P"]   # never doubled
