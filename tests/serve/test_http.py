"""pse serve over HTTP (Starlette TestClient): the token beyond loopback, no path outside the study,
validation, conflicts, undo and suggestions through the API."""

from __future__ import annotations

import pytest

pytest.importorskip("httpx", reason="Starlette's TestClient needs httpx (pip install -e .[test])")


def _client(study, token=None, remote=False, base="http://127.0.0.1", **kwargs):
    from starlette.testclient import TestClient

    from pse.serve.app import create_app
    from pse.serve.session import Session

    session = Session(study, lang="en", token=token, **kwargs)
    return TestClient(create_app(session, remote=remote), base_url=base), session


def test_beyond_localhost_every_request_needs_the_token(study):
    client, _ = _client(study, token="s3cret-token", remote=True, base="http://192.168.1.20:8765")
    for path in ("/", "/api/meta", "/api/sheets/hazop", "/static/app.js", "/api/state"):
        assert client.get(path).status_code == 401, path
    assert client.patch("/api/sheets/hazop/cells", json={"row": "S-1.1", "changes": {"notes": "x"}}).status_code == 401
    assert client.get("/api/meta", headers={"X-PSE-Token": "wrong"}).status_code == 401
    assert client.get("/api/meta", headers={"X-PSE-Token": "s3cret-token"}).status_code == 200
    first = client.get("/?token=s3cret-token")           # the printed address: sets the cookie
    assert first.status_code == 200 and "pse_token" in first.cookies
    assert client.get("/api/meta").status_code == 200    # the cookie now carries the token


def test_loopback_session_refuses_other_host_names(study):
    client, _ = _client(study, base="http://attacker.example:8765")
    assert client.get("/api/meta").status_code == 403


def test_no_path_outside_the_study(study, tmp_path):
    client, _ = _client(study)
    secret = tmp_path.parent / "secret.txt"
    secret.write_text("not a study file", encoding="utf-8")
    for path in ("/static/../../secret.txt", "/static/..%2F..%2Fsecret.txt", "/static/app.py",
                 "/static/%2Fetc%2Fpasswd", "/api/sheets/..%2F..%2Fsecret.txt", "/api/file?path=/etc/passwd",
                 "/electronics-plant.yaml", "/secret.txt"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "not a study file" not in response.text and "root:" not in response.text
    assert client.get("/static/app.js").status_code == 200


def test_writes_must_be_json(study):
    client, _ = _client(study)
    response = client.patch("/api/sheets/hazop/cells", content=b"row=S-1.1", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415


def test_invalid_cell_gets_the_check_message_and_nothing_is_written(study):
    client, _ = _client(study)
    fmea = study.parent / "electronics-plant" / "fmea.yaml"
    before = fmea.read_text(encoding="utf-8")
    response = client.patch("/api/sheets/failure_modes/cells", json={"row": "FM-01", "changes": {"severity": "11"}})
    assert response.status_code == 422
    import re

    # the line `pse check` prints: file:line: field: message
    assert re.search(r"electronics-plant/fmea\.yaml:\d+: failure_modes\[0\]\.severity: a rating is from 1 to 10, "
                     r"got 11$", response.json()["error"])
    assert fmea.read_text(encoding="utf-8") == before


def test_stale_edit_is_a_conflict_with_the_current_value(study):
    client, _ = _client(study)
    ok = client.patch("/api/sheets/recommendations/cells",
                      json={"row": "R-01", "changes": {"owner": "Ms Lin"}, "base": {}})
    assert ok.status_code == 200
    stale = client.patch("/api/sheets/recommendations/cells",
                         json={"row": "R-01", "changes": {"owner": "Mr Chen"}, "base": {"owner": "Process engineer"}})
    assert stale.status_code == 409
    assert stale.json()["current"] == "Ms Lin"


def test_undo_restores_the_cell(study):
    client, session = _client(study)
    rows = {r["id"]: r for r in client.get("/api/sheets/failure_modes").json()["rows"]}
    was = rows["FM-01"]["cells"]["detection"]
    client.patch("/api/sheets/failure_modes/cells", json={"row": "FM-01", "changes": {"detection": "2"},
                                                          "base": {"detection": was}})
    rows = {r["id"]: r for r in client.get("/api/sheets/failure_modes").json()["rows"]}
    assert rows["FM-01"]["cells"]["detection"] == "2"
    assert client.post("/api/undo", json={}).status_code == 200
    rows = {r["id"]: r for r in client.get("/api/sheets/failure_modes").json()["rows"]}
    assert rows["FM-01"]["cells"]["detection"] == was
    assert client.post("/api/undo", json={}).status_code == 409         # nothing left to undo


def test_suggestion_enters_only_as_a_suggested_row(study):
    from pse.model import load_study

    client, _ = _client(study, library_studies=(study,))
    offered = client.get("/api/sheets/hazop/suggestions?row=S-1.1").json()["suggestions"]
    assert offered, "the library has rows for this deviation"
    pick = offered[0]
    added = client.post("/api/sheets/hazop/rows", json={
        "group": "N-01", "origin": "suggested",
        "values": {"guide_word": "more", "parameter": "pressure", "cause": pick["cause"],
                   "consequence": pick["consequence"], "safeguards": pick["safeguards"]}})
    assert added.status_code == 200, added.text
    scenario = load_study(study).get(added.json()["row"])
    assert scenario.origin == "suggested" and not scenario.accepted_by
    row = next(r for r in client.get("/api/sheets/hazop").json()["rows"] if r["id"] == scenario.id)
    assert row["suggested"] and row["cells"]["risk"] == ""     # counts in no result until accepted


def test_similar_rows_of_an_earlier_study(study):
    client, session = _client(study, library_studies=(study,))
    offered = client.get("/api/sheets/hazop/suggestions?row=S-1.1").json()["suggestions"]
    earlier = [s for s in offered if s["source"].startswith("electronics-plant.yaml")]
    assert earlier and earlier[0]["score"] >= 1.0      # the same row (ratio 1.0 + same deviation 0.3) first


def test_hazop_sheet_shows_proposed_safeguards_read_only():
    """Issue 13: the browser sheet lists proposed safeguards apart from existing ones, computed (not editable)."""
    from pathlib import Path

    from pse.model import load_study
    from pse.serve.hazop_sheet import HazopSheet

    study = load_study(Path(__file__).resolve().parents[2] / "worksheets" / "electronics-plant.yaml")
    columns = {c["key"]: c for c in HazopSheet().columns(study, "zh-TW")}
    assert columns["safeguards"]["editable"] and not columns["proposed_safeguards"]["editable"]
    rows = HazopSheet().rows(study, "en")
    assert any("(R-05)" in str(r["cells"].get("proposed_safeguards") or "") for r in rows)
