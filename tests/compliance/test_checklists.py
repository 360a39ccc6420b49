"""Self-check checklists: every citation resolves, answers become findings, company checklists add items."""

from __future__ import annotations

from pse.compliance.checklists import checklists, findings, self_check_rows
from pse.compliance.data import package_checklists
from pse.machinery.citation import format_citations, parse_citations
from pse.model import load_study

TOPICS = {"ex-equipment", "hot-work", "confined-space", "chemical-storage", "gas-cylinders", "static", "falls",
          "electrical", "machine-marks"}


def test_the_seed_003_topics_are_there():
    assert TOPICS <= set(package_checklists())


def test_every_package_citation_resolves_in_both_languages():
    for checklist in package_checklists().values():
        for item in checklist["items"]:
            assert parse_citations(item["citation"]), item["id"]
            zh = format_citations(item["citation"], "zh-TW")
            assert "第" in zh and not any(c.isascii() and c.isalpha() for c in zh), (item["id"], zh)
            for key in ("question", "improvement"):
                assert item[key]["en"] and item[key]["zh-TW"], (item["id"], key)


def test_item_ids_are_unique_across_checklists():
    ids = [i["id"] for c in package_checklists().values() for i in c["items"]]
    assert len(ids) == len(set(ids))


STUDY = """
study: {title: t}
compliance:
  checklists:
    - id: company-ladders
      title: {en: Ladders, zh-TW: 梯子}
      items:
        - id: LD-01
          question: {en: "Are ladders tagged?", zh-TW: 梯子是否掛牌？}
          citation: FR 229
          improvement: {en: Tag ladders, zh-TW: 梯子掛牌管理}
recommendations:
  - {id: R-1, text: Ex lamp}
self_checks:
  - id: SC-1
    checklist: ex-equipment
    answers:
      - {item: EX-01, answer: "yes"}
      - {item: EX-02, answer: "no", recommendation: R-1}
      - {item: EX-03, answer: "no", owner: Maintenance, due: 2026-01-31}
      - {item: EX-06, answer: na}
  - id: SC-2
    checklist: company-ladders
    answers:
      - {item: LD-01, answer: "no"}
"""


def test_worksheet_rows_in_the_seed_layout(write_study):
    study = load_study(write_study(STUDY))
    rows = self_check_rows(study, study.self_checks[0], "zh-TW")
    assert len(rows) == len(checklists()["ex-equipment"]["items"])
    assert rows[0]["question"] == "是否完成危險區域劃分？" and rows[0]["answer"] == "yes"
    assert rows[2]["citation"] == "職業安全衛生管理辦法第31條之1" and rows[2]["improvement"]
    assert rows[4]["answer"] is None                          # not answered is shown as such


def test_every_no_is_in_the_register(write_study):
    import datetime as dt

    from pse.register import actions

    study = load_study(write_study(STUDY))
    assert [f.id for f in findings(study)] == ["CMP-SC-1-EX-02", "CMP-SC-1-EX-03", "CMP-SC-2-LD-01"]
    register = {a.id: a for a in actions(study, dt.date(2026, 2, 10), "en")}
    assert "SC-1" in register["R-1"].sources                  # linked: the study's recommendation
    assert "CMP-SC-1-EX-02" not in register                   # ... so no duplicate
    generated = register["CMP-SC-1-EX-03"]
    assert generated.text.startswith("Inspect the Ex equipment every month") and generated.overdue_days == 10
    assert register["CMP-SC-2-LD-01"].text == "Tag ladders"   # company checklist item
