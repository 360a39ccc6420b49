"""`pse library`: every module's reference libraries, with source, edition and checked flag."""

from __future__ import annotations

import yaml
from click.testing import CliRunner

from pse.cli import cli
from pse.library.catalogue import ROOT, READERS, rows, select


def test_every_module_library_is_listed():
    listed = {(row.module, row.library.split(":")[0]) for row in rows()}
    expected = {("lopa", "initiating_events"), ("lopa", "ipl_pfds"), ("lopa", "conditional_modifiers"),
                ("hazop", "guide_words"), ("hazop", "parameters"), ("hazop", "suggestions"),
                ("zoning", "substances"), ("zoning", "extent_recipes"), ("machinery", "checklist"),
                ("machinery", "hazards"), ("fmea", "scales"), ("taskrisk", "hazard_types"),
                ("machinery", "component"), ("machinery", "tables"), ("compliance", "checklist"),
                ("compliance", "control_quantities"), ("compliance", "inspection_intervals"), ("health", "sqra"),
                ("health", "kim_lhc"), ("health", "thermography")}
    assert expected <= listed


def test_counts_match_the_data_files():
    ipl = yaml.safe_load((ROOT / "lopa/data/ipl_pfds.yaml").read_text("utf-8"))["entries"]
    assert len(select("lopa", library="ipl_pfds")) == len(ipl)
    words = yaml.safe_load((ROOT / "hazop/data/guide_words.yaml").read_text("utf-8"))["guide_words"]
    assert {r.key for r in select("hazop", library="guide_words")} == set(words)


def test_row_carries_value_source_edition_checked():
    (relief,) = [r for r in select("lopa", "relief_valve") if r.key == "relief_valve"]
    assert relief.value == "0.01 (PFD)" and "CCPS" in relief.source and relief.edition and relief.checked == "no"
    assert relief.text("zh-TW") and relief.text("en") != relief.text("zh-TW")


def test_search_word_and_module_filter():
    hits = select(word="OPERATOR")
    assert hits and all("operator" in " ".join([r.key, r.value, r.source, *r.name.values(), r.library]).casefold()
                        for r in hits)
    assert {r.module for r in select("zoning")} == {"zoning"}
    assert select(word="no-such-word-xyz") == []


def test_cli_lists_in_both_languages():
    en = CliRunner().invoke(cli, ["library", "lopa", "--search", "operator", "--lang", "en"])
    assert en.exit_code == 0 and "operator_response_10min" in en.output and "| Source |" in en.output
    zh = CliRunner().invoke(cli, ["library", "lopa", "--library", "ipl_pfds", "--lang", "zh-TW"])
    assert zh.exit_code == 0 and "| 來源 |" in zh.output and "防液堤" in zh.output
    none = CliRunner().invoke(cli, ["library", "--search", "no-such-word-xyz", "--lang", "en"])
    assert "No library entry matches" in none.output
    bad = CliRunner().invoke(cli, ["library", "nosuchmodule"])
    assert bad.exit_code != 0


def test_pfh_equations_listed_with_what_each_was_checked_against():
    data = yaml.safe_load((ROOT / "lopa/data/pfh_equations.yaml").read_text("utf-8"))["entries"]
    listed = {r.key: r for r in select("lopa", library="pfh_equations")}
    assert set(listed) == set(data)
    assert {k for k, r in listed.items() if r.checked == "yes"} == {k for k, e in data.items() if e["checked"]}
    assert listed["2oo2"].value == "PFH = 2 lambda_DU" and "B.3.3.2.3" in listed["2oo2"].source


def test_checked_column_in_zh_tw_is_words_of_the_language():
    """Every checked flag (yes, no, partly) prints as a zh-TW word, never the English key."""
    out = CliRunner().invoke(cli, ["library", "--lang", "zh-TW"]).output
    rows_out = [line.split("|")[-2].strip() for line in out.splitlines()[2:] if line.startswith("| ")]
    assert rows_out and set(rows_out) <= {"是", "否", "部分"}, set(rows_out) - {"是", "否", "部分"}
