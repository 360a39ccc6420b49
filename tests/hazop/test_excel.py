"""The HAZOP workbook: layout, round trip by row ID, conflicts, bad input naming sheet/row/column."""

from __future__ import annotations

import json
import shutil

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import WORKSHEETS
from pse.cli import cli
from pse.hazop.excel import HEADER_ROW, SHEET_KEYS, WorkbookError, import_workbook, write_workbook
from pse.model import load_study

COL = {k: i + 1 for i, k in enumerate(SHEET_KEYS)}
SAFEGUARDS = {"SG-1": "Relief valve PSV-1", "SG-2": "High-pressure alarm PAH-2", "SG-3": "Dike"}
RECOMMENDATIONS = {"R-1": "Check the valve line-up", "R-2": "Add a SIF", "R-3": "Train operators"}


def _row_spec():
    text = st.text(alphabet="abcdefgh xyz0123456789.壓力過高火災", min_size=1, max_size=24).map(str.strip).filter(
        lambda s: s and s.casefold() not in ("none", "n/a") and s[0] not in "-")
    level = st.sampled_from([None, "S1", "S2", "S3", "S4"])
    likelihood = st.sampled_from([None, "P1", "P2", "P3", "P4"])
    items = st.lists(st.sampled_from(sorted(SAFEGUARDS)), unique=True, max_size=3)
    recs = st.lists(st.sampled_from(sorted(RECOMMENDATIONS)), unique=True, max_size=3)
    return st.fixed_dictionaries({
        "deviation": st.sampled_from(["D-1", "D-2"]), "cause": text, "consequence": text,
        "category": st.sampled_from(["people", "environment", "asset", "reputation"]),
        "safeguards": items, "none_sg": st.booleans(), "recommendations": recs, "none_rec": st.booleans(),
        "severity": level, "likelihood": likelihood, "severity_after": level, "likelihood_after": likelihood,
        "lopa": st.sampled_from([None, False]), "notes": st.one_of(st.none(), text),
    })


def _study_yaml(specs) -> str:
    doc = {
        "study": {"title": "round trip", "language": "en"},
        "lopa": {"criteria": [{"severity": s, "tolerable_frequency_per_yr": 1e-4}
                              for s in ("S1", "S2", "S3", "S4")]},
        "nodes": [{"id": "N-1", "name": "Reactor", "design_intent": "React at 5 bar",
                   "parameters": ["pressure", "flow"]}],
        "deviations": [{"id": "D-1", "node": "N-1", "guide_word": "more", "parameter": "pressure"},
                       {"id": "D-2", "node": "N-1", "guide_word": "no", "parameter": "flow"}],
        "safeguards": [{"id": k, "description": v} for k, v in SAFEGUARDS.items()],
        "recommendations": [{"id": k, "text": v} for k, v in RECOMMENDATIONS.items()],
        "causes": [], "consequences": [], "scenarios": [],
    }
    for i, spec in enumerate(specs, start=1):
        doc["causes"].append({"id": f"C-{i}", "description": spec["cause"], "node": "N-1",
                              "initiating_event": {"frequency_per_yr": 0.1}})
        doc["consequences"].append({"id": f"Q-{i}", "description": spec["consequence"], "category": spec["category"]})
        scenario = {"id": f"S-{i}", "node": "N-1", "deviation": spec["deviation"], "cause": f"C-{i}",
                    "consequence": f"Q-{i}"}
        none = []
        if spec["safeguards"]:
            scenario["safeguards"] = spec["safeguards"]
        elif spec["none_sg"]:
            none.append("safeguards")
        if spec["recommendations"]:
            scenario["recommendations"] = spec["recommendations"]
        elif spec["none_rec"]:
            none.append("recommendations")
        if none:
            scenario["none_identified"] = none
        for key in ("severity", "likelihood", "severity_after", "likelihood_after", "lopa", "notes"):
            if spec[key] is not None:
                scenario[key] = spec[key]
        doc["scenarios"].append(scenario)
    return json.dumps(doc, ensure_ascii=False, indent=1)   # JSON is YAML, with every string quoted


def _cells(spec) -> dict:
    """What an engineer types in the workbook for a row spec."""
    none = "None identified"
    return {
        "guide_word": {"D-1": "more", "D-2": "no"}[spec["deviation"]],
        "parameter": {"D-1": "pressure", "D-2": "flow"}[spec["deviation"]],
        "cause": spec["cause"], "consequence": spec["consequence"], "category": spec["category"],
        "safeguards": "\n".join(f"{k}: {SAFEGUARDS[k]}" for k in spec["safeguards"])
        or (none if spec["none_sg"] else None),
        "recommendations": "\n".join(f"{k}: {RECOMMENDATIONS[k]}" for k in spec["recommendations"])
        or (none if spec["none_rec"] else None),
        "severity": spec["severity"], "likelihood": spec["likelihood"], "severity_after": spec["severity_after"],
        "likelihood_after": spec["likelihood_after"], "lopa_by_hand": {None: None, False: "N"}[spec["lopa"]],
        "notes": spec["notes"],
    }


def _rows_by_id(ws) -> dict:
    return {ws.cell(r, COL["row_id"]).value: r for r in range(HEADER_ROW + 1, ws.max_row + 1)
            if ws.cell(r, COL["row_id"]).value}


def _dump(study) -> dict:
    keep = ("deviations", "causes", "consequences", "safeguards", "scenarios", "recommendations")
    return {k: v for k, v in study.model_dump(mode="json").items() if k in keep}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(1, 3).flatmap(lambda n: st.tuples(st.lists(_row_spec(), min_size=n, max_size=n),
                                                     st.lists(_row_spec(), min_size=n, max_size=n))))
def test_round_trip_study_workbook_import(tmp_path_factory, pair):
    before, after = pair
    tmp = tmp_path_factory.mktemp("rt")
    study_path = tmp / "study.yaml"
    study_path.write_text(_study_yaml(before), encoding="utf-8")
    book_path = tmp / "hazop.xlsx"
    write_workbook(load_study(study_path), book_path, "en")
    # 1. unedited: importing changes nothing, byte for byte
    original = study_path.read_bytes()
    result = import_workbook(study_path, book_path)
    assert (result.added, result.updated, result.conflicts) == ([], [], [])
    assert study_path.read_bytes() == original
    # 2. every field edited in the workbook: the study becomes the study of the edited rows
    book = openpyxl.load_workbook(book_path)
    ws = book["N-1"]
    rows = _rows_by_id(ws)
    for i, spec in enumerate(after, start=1):
        for key, value in _cells(spec).items():
            ws.cell(rows[f"S-{i}"], COL[key]).value = value
    book.save(book_path)
    result = import_workbook(study_path, book_path)
    assert result.conflicts == []
    expected_path = tmp / "expected.yaml"
    expected_path.write_text(_study_yaml(after), encoding="utf-8")
    assert _dump(load_study(study_path)) == _dump(load_study(expected_path))


def _spec(**changes) -> dict:
    spec = {"deviation": "D-1", "cause": "a", "consequence": "b", "category": "people", "safeguards": [],
            "none_sg": False, "recommendations": [], "none_rec": False, "severity": None, "likelihood": None,
            "severity_after": None, "likelihood_after": None, "lopa": None, "notes": None}
    return dict(spec, **changes)


def test_round_trip_none_identified_keeps_the_column_order(tmp_path_factory):
    """Regression (Hypothesis found it): a study with none_identified [recommendations] whose workbook row
    gains 'None identified' under safeguards came back as [recommendations, safeguards]; the expected
    study (and the worksheet's column order) is [safeguards, recommendations]."""
    test_round_trip_study_workbook_import.hypothesis.inner_test(
        tmp_path_factory, ([_spec(none_rec=True)], [_spec(none_sg=True, none_rec=True)]))


def _bundled(tmp_path):
    for item in WORKSHEETS.glob("electronics-plant*"):
        (shutil.copytree if item.is_dir() else shutil.copy)(item, tmp_path / item.name)
    return tmp_path / "electronics-plant.yaml"


def test_workbook_layout(tmp_path):
    study_path = _bundled(tmp_path)
    book_path = tmp_path / "hazop.xlsx"
    write_workbook(load_study(study_path), book_path, "en")
    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames[:2] == ["N-01", "N-02"] and "Legend" in book.sheetnames
    assert book["_pse"].sheet_state == "hidden"
    ws = book["N-01"]
    assert ws["A1"].value.endswith("N-01: Butadiene reactor")
    assert ws["A2"].value.startswith("Design intent: Polymerise butadiene")
    assert [c.value for c in ws[HEADER_ROW]][:8] == ["Row ID", "Deviation ID", "Guide word", "Parameter",
                                                     "Deviation", "Cause ID", "Cause", "Consequence ID"]
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    rows = _rows_by_id(ws)
    risk = ws.cell(rows["S-1.2"], COL["risk"])
    assert risk.value == 1 and risk.fill.fgColor.rgb.endswith("8B0000")          # seed001-hazop level 1 colour
    assert ws.cell(rows["S-1.1"], COL["risk"]).fill.fgColor.rgb.endswith("E65100")
    assert ws.cell(rows["S-1.1"], COL["cause"]).alignment.wrap_text
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    letter = openpyxl.utils.get_column_letter
    assert any('"S1,S2,S3,S4"' == f for f in lists.values())
    assert any(f.startswith('"no,more,less,as well as') for f in lists.values())
    covered = " ".join(str(dv.sqref) for dv in ws.data_validations.dataValidation)
    for key in ("severity", "likelihood", "guide_word"):
        assert letter(COL[key]) in covered
    assert ws.column_dimensions[letter(len(SHEET_KEYS) + 1)].hidden


def _export(tmp_path):
    study_path = _bundled(tmp_path)
    book_path = tmp_path / "hazop.xlsx"
    write_workbook(load_study(study_path), book_path, "en")
    return study_path, book_path


def _edit(book_path, row_id, key, value, sheet="N-01"):
    book = openpyxl.load_workbook(book_path)
    ws = book[sheet]
    row = _rows_by_id(ws)[row_id] if row_id else ws.max_row + 1
    ws.cell(row, COL[key]).value = value
    book.save(book_path)
    return row


@pytest.mark.parametrize("key, value, message", [
    ("severity", "high", "column M (Severity): 'high' is not a level of matrix 'seed001-hazop' (S1..S4)"),
    ("guide_word", "mroe", "column C (Guide word): unknown guide word 'mroe' (did you mean 'more'?)"),
    ("parameter", "presure", "column D (Parameter): unknown parameter 'presure' (did you mean 'pressure'?)"),
    ("row_id", "S-9.9", "column A (Row ID): row ID 'S-9.9' is not in the study (leave Row ID empty to add a new row)"),
])
def test_bad_cells_are_one_line_errors_naming_sheet_row_column(tmp_path, monkeypatch, key, value, message):
    study_path, book_path = _export(tmp_path)
    monkeypatch.chdir(tmp_path)
    row = _edit(book_path, "S-1.1", key, value)
    before = study_path.read_bytes()
    result = CliRunner().invoke(cli, ["hazop", "import", str(study_path), "hazop.xlsx"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == [f"hazop.xlsx: sheet 'N-01', row {row}, {message}", "1 error"]
    assert study_path.read_bytes() == before


def test_edited_header_row_is_refused(tmp_path):
    study_path, book_path = _export(tmp_path)
    book = openpyxl.load_workbook(book_path)
    book["N-02"].cell(HEADER_ROW, COL["cause"]).value = "Causes"
    book.save(book_path)
    with pytest.raises(WorkbookError) as err:
        import_workbook(study_path, book_path)
    assert err.value.messages == [f"sheet 'N-02', row {HEADER_ROW}, column G: the header row was edited "
                                  "(found 'Causes', expected 'Cause'); keep the exported headers"]


def test_conflicts_are_reported_not_guessed(tmp_path):
    study_path, book_path = _export(tmp_path)
    _edit(book_path, "S-1.1", "likelihood", "L3")
    part = tmp_path / "electronics-plant" / "reactor-hazop.yaml"
    text = part.read_text(encoding="utf-8")
    part.write_text(text.replace("    severity: 2\n    likelihood: 2\n    lopa: true\n    recommendations: [R-04]",
                                 "    severity: 2\n    likelihood: 1\n    lopa: true\n    recommendations: [R-04]"),
                    encoding="utf-8")
    edited = part.read_bytes()
    result = import_workbook(study_path, book_path)
    assert len(result.conflicts) == 1
    assert "column N (Likelihood): changed in the workbook ('L3') and in the study ('L1')" in result.conflicts[0]
    assert part.read_bytes() == edited


def test_import_adds_new_rows_and_fills_generated_deviations(tmp_path):
    study_path = _bundled(tmp_path)
    book_path = tmp_path / "hazop.xlsx"
    write_workbook(load_study(study_path), book_path, "en")
    book = openpyxl.load_workbook(book_path)
    ws = book["N-02"]
    rows = _rows_by_id(ws)
    r = rows["D-N-02-flow-less"]
    for key, value in {"cause": "Hose partly kinked during unloading",
                       "consequence": "Longer unloading; no hazard", "severity": "S2",
                       "likelihood": "P2", "safeguards": "Check valve on the unloading line",
                       "recommendations": "None identified"}.items():
        ws.cell(r, COL[key]).value = value
    ws.cell(rows["D-N-02-pressure-less"], COL["cause"]).value = "None identified"
    book.save(book_path)
    result = import_workbook(study_path, book_path)
    assert result.added == ["S-2.5"] and result.conflicts == []
    study = load_study(study_path)
    new = study.get("S-2.5")
    assert (new.deviation, new.severity, new.likelihood, new.none_identified) == \
        ("D-N-02-flow-less", "S2", "P2", ["recommendations"])
    assert study.get(new.safeguards[0]).description == "Check valve on the unloading line"
    assert study.get("D-N-02-pressure-less").none_identified
    assert study.get("S-2.1").severity == "S4"            # untouched rows stay as they were


def test_cli_export_and_run_write_the_hazop_outputs(tmp_path):
    study = str(WORKSHEETS / "electronics-plant.yaml")
    out = tmp_path / "x"
    result = CliRunner().invoke(cli, ["hazop", "export", study, "--out", str(out), "--lang", "zh-TW"])
    assert result.exit_code == 0, result.output
    for name in ("hazop.xlsx", "hazop-worksheet.csv", "hazop-worksheet.md", "hazop-worksheet.html"):
        assert (out / "hazop" / name).is_file()
    assert "可能原因" in (out / "hazop" / "hazop-worksheet.csv").read_text(encoding="utf-8")
    run = CliRunner().invoke(cli, ["run", study, "--out", str(tmp_path / "run"), "--lang", "en"])
    assert run.exit_code == 0, run.output
    assert (tmp_path / "run" / "hazop" / "hazop.xlsx").is_file()
    assert "HAZOP worksheet" in (tmp_path / "run" / "summary.md").read_text(encoding="utf-8")
