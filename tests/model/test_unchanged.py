"""pse.model.unchanged: a study's key is its content's, computed once while a run declares it unchanged."""

from __future__ import annotations

from pathlib import Path

from pse.model import load_study
from pse.model.unchanged import content_key, unchanged_during

STUDY = Path(__file__).resolve().parents[2] / "worksheets" / "electronics-plant.yaml"


def test_an_edited_study_gets_a_new_key_outside_a_run():
    study = load_study(STUDY)
    before = content_key(study)
    study.study.title = study.study.title + " (rev B)"
    assert content_key(study) != before


def test_inside_a_run_the_key_is_the_one_outside_and_computed_once(monkeypatch):
    study = load_study(STUDY)
    outside = content_key(study)
    calls = []
    real = type(study).model_dump_json
    monkeypatch.setattr(type(study), "model_dump_json", lambda self, *a, **k: calls.append(1) or real(self))
    with unchanged_during(study):
        keys = [content_key(study) for _ in range(4)]
    assert keys == [outside] * 4 and len(calls) == 1
    content_key(study)
    assert len(calls) == 2                # outside the run it is hashed again
