"""pse serve in zh-TW shows no study key in English (categories, statuses, phases, results, tiers,
hazard types, Y/N), and an edit made with the shown words writes the study's keys."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("httpx", reason="Starlette's TestClient needs httpx (pip install -e .[test])")

#: columns whose cells are study keys (or Y/N) and are shown as words
WORD_COLUMNS = ("category", "origin", "lopa_by_hand", "lopa", "phase", "hazard_type", "result", "status", "tier",
                "independent", "specific", "dependable", "auditable", "lopa_met")


def _client(study, lang):
    from starlette.testclient import TestClient

    from pse.serve.app import create_app
    from pse.serve.session import Session

    return TestClient(create_app(Session(study, lang=lang)), base_url="http://127.0.0.1")


def test_zh_tw_sheets_show_no_english_key(study):
    client = _client(study, "zh-TW")
    seen = set()
    for sheet in client.get("/api/meta").json()["sheets"]:
        data = client.get(f"/api/sheets/{sheet['name']}").json()
        for column in data["columns"]:
            if column["key"] in WORD_COLUMNS or column["key"] in ("guide_word", "parameter"):
                for option in column["options"] or []:
                    assert not re.search("[A-Za-z]", option), (sheet["name"], column["key"], option)
        for row in data["rows"]:
            for key in WORD_COLUMNS:
                value = row["cells"].get(key, "")
                if value:
                    seen.add(key)
                    assert not re.search("[A-Za-z]", value), (sheet["name"], row["id"], key, value)
    assert {"category", "status", "phase", "hazard_type", "result", "tier", "lopa_met"} <= seen


def test_hazop_category_shows_people_as_renyuan_and_writes_the_key(study):
    client = _client(study, "zh-TW")
    rows = client.get("/api/sheets/hazop").json()["rows"]
    row = next(r for r in rows if r["cells"].get("category") == "人員")
    response = client.patch("/api/sheets/hazop/cells", json={
        "row": row["id"], "changes": {"category": "環境"}, "base": {"category": "人員"}})
    assert response.status_code == 200, response.text
    assert response.json()["values"]["category"] == "環境"
    texts = "".join(p.read_text(encoding="utf-8") for p in study.parent.rglob("*.yaml"))
    assert "category: 環境" not in texts and "環境" not in texts
    client_en = _client(study, "en")
    shown = {r["id"]: r["cells"] for r in client_en.get("/api/sheets/hazop").json()["rows"]}
    assert shown[row["id"]]["category"] == "environment"
    undo = client.post("/api/undo", json={})
    assert undo.status_code == 200 and undo.json()["values"]["category"] == "人員"


def test_register_status_edit_in_either_language(study):
    client = _client(study, "zh-TW")
    rows = client.get("/api/sheets/recommendations").json()["rows"]
    row = next(r for r in rows if r["cells"]["status"] == "未處理")
    response = client.patch("/api/sheets/recommendations/cells", json={
        "row": row["id"], "changes": {"status": "處理中"}, "base": {"status": "open"}})
    assert response.status_code == 200, response.text
    assert response.json()["values"]["status"] == "處理中"
    stale = client.patch("/api/sheets/recommendations/cells", json={
        "row": row["id"], "changes": {"status": "已結案"}, "base": {"status": "未處理"}})
    assert stale.status_code == 409 and stale.json()["current"] == "處理中"
