"""Checklist data: every item's citation parses; the required checklists and machine types exist."""

from __future__ import annotations

import pytest

from pse.machinery.citation import CitationError, parse_citation, parse_citations
from pse.machinery.data import hazard_groups, machine_types, package_checklists

ITEMS = [item for c in package_checklists().values() for item in c.items]


@pytest.mark.parametrize("item", ITEMS, ids=[i.id for i in ITEMS])
def test_every_item_has_a_citation_that_parses(item):
    citations = parse_citations(item.citation)
    assert citations
    assert item.method in ("visual", "measurement", "document")
    assert item.question.get("en") and item.question.get("zh-TW")


def test_item_ids_are_unique():
    ids = [i.id for i in ITEMS]
    assert len(ids) == len(set(ids))


def test_required_checklists_and_citations_are_shipped():
    cited = {parse_citation(p.strip()).compact() for i in ITEMS for p in i.citation.split(";")}
    for expected in ("MES 4(1)", "MES 10 subpara 6", "MES 12 subpara 2", "MES 12-1", "MR 59(1)", "FR 82(1)",
                     "FR 43(1)", "FR 45", "FR 47", "FR 48", "FR 56", "FR 57(1)", "FR 58(1)(5)", "FR 76", "FR 78",
                     "FR 279", "FR 327", "MES 116", "MR 31-1"):
        assert expected in cited, expected
    types = machine_types()
    for name in ("power_press", "mould_press", "power_transmission", "rolling_machine", "crusher", "mixer",
                 "cnc_machine", "forklift", "grinder", "woodworking_circular_saw", "electroplating_line",
                 "ex_equipment"):
        assert name in types
        assert all(c in package_checklists() for c in types[name]["checklists"])


def test_citation_forms():
    assert parse_citation("FR 58(1)(5)").format("zh-TW") == "職業安全衛生設施規則第58條第1項第5款"
    assert parse_citation("MES 10 subpara 6").format("en") == "MES Art. 10, subpara. 6"
    assert parse_citation("機械設備器具安全標準第10條第6款") == parse_citation("MES 10 subpara 6")
    assert parse_citation("ISO 12100 6.2.11").clause == "6.2.11"


@pytest.mark.parametrize("text", ["XYZ 4", "MES", "MES 4(a)", "FMEA 3", "ISO 12100 six", "", "MES 4(1) para 2"])
def test_bad_citations_are_refused(text):
    with pytest.raises(CitationError):
        parse_citations(text)


def test_annex_b_groups_with_bilingual_consequences():
    groups = hazard_groups()
    assert set(groups) == {"mechanical", "electrical", "thermal", "noise", "vibration", "radiation", "materials",
                           "ergonomic", "environment", "combination"}
    assert {"crushing", "shearing", "cutting", "entanglement", "drawing_in", "impact", "stabbing", "friction",
            "fluid_injection"} <= set(groups["mechanical"]["kinds"])
    for group in groups.values():
        for kind in group["kinds"].values():
            assert kind["origin"]["zh-TW"] and kind["consequences"]["en"] and kind["consequences"]["zh-TW"]
