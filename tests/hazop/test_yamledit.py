"""Round-trip study editing (pse.hazop.yamledit): look-ups by ID through one index per load, and the kept
parse of unchanged files never leaks one editor's unsaved edits into another."""

from __future__ import annotations

from pse.hazop import yamledit
from pse.hazop.yamledit import StudyFiles

STUDY = """\
study: {title: T}   # the title
include: [more.yaml]
causes:
  - {id: C1, description: valve closed}   # keep me
  - {id: C2, description: pump trips}
consequences: [{id: Q1, description: fire}]
"""
MORE = """\
causes:
  - {id: C3, description: line blocked}
"""


def _write(tmp_path):
    (tmp_path / "more.yaml").write_text(MORE, encoding="utf-8")
    path = tmp_path / "study.yaml"
    path.write_text(STUDY, encoding="utf-8")
    return path


def test_find_indexes_each_collection_once_per_load(tmp_path, monkeypatch):
    files = StudyFiles(_write(tmp_path))
    built = []
    original = StudyFiles._build_index
    monkeypatch.setattr(StudyFiles, "_build_index", lambda self, c: (built.append(c), original(self, c))[1])
    assert files.find("causes", "C3")[0].name == "more.yaml"
    assert files.find("causes", "C1")[1]["description"] == "valve closed"
    assert files.find("causes", "C9") == (None, None)
    assert files.find("consequences", "Q1")[1]["description"] == "fire"
    for _ in range(50):
        files.find("causes", "C2")
    assert built == ["causes", "consequences"]


def test_objects_added_or_renamed_after_indexing_are_found(tmp_path):
    files = StudyFiles(_write(tmp_path))
    assert files.find("causes", "C4") == (None, None)
    files.append("causes", {"id": "C4", "description": "new"})
    assert files.find("causes", "C4")[1]["description"] == "new"
    files.docs[files.main]["causes"].append({"id": "C5", "description": "added by hand"})
    assert files.find("causes", "C5")[1]["description"] == "added by hand"
    files.set("causes", "C1", "id", "C1a")
    assert files.find("causes", "C1") == (None, None)
    assert files.find("causes", "C1a")[1]["description"] == "valve closed"


def test_unsaved_edit_does_not_leak_into_the_next_load(tmp_path):
    path = _write(tmp_path)
    first = StudyFiles(path)
    first.set("causes", "C1", "description", "not saved")
    second = StudyFiles(path)
    assert second.find("causes", "C1")[1]["description"] == "valve closed"


def test_edits_after_a_kept_parse_write_what_a_fresh_parse_writes(tmp_path):
    path = _write(tmp_path)
    files = StudyFiles(path)
    files.set("causes", "C1", "description", "valve shut")
    files.append("causes", {"id": "C6", "description": "new cause"}, flow=True)
    files.save()
    kept = StudyFiles(path)                      # from the parse kept at save
    kept.set("causes", "C2", "description", "pump stops")
    kept_text = kept.dump(path.resolve())
    yamledit._PARSED.clear()
    fresh = StudyFiles(path)                     # parsed anew from the file
    fresh.set("causes", "C2", "description", "pump stops")
    assert kept_text == fresh.dump(path.resolve())
    assert "# keep me" in kept_text and "valve shut" in kept_text and "C6" in kept_text
