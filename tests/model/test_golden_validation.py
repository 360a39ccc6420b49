"""Validation of the bundled studies is unchanged by the speed work (issue 19).

The golden file was written from main's output before the loader and validation were optimised (run from the
repository root)::

    python tests/model/test_golden_validation.py tests/model/data/golden_validation.json

Each bundled study gives the same warnings, in the same order and with the same ``file:line``, the same
normalised model (``model_dump``, hashed) and the same number of indexed IDs.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLDEN_FILE = Path(__file__).parent / "data" / "golden_validation.json"


def record(path: Path) -> dict:
    """Errors, or warnings + hash of the normalised model + number of indexed IDs, of one study."""
    from pse.model import StudyError, load_study, warnings_of

    try:
        study = load_study(path)
    except StudyError as exc:
        return {"errors": [str(p) for p in exc.problems]}
    dump = json.dumps(study.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return {"warnings": [str(p) for p in warnings_of(study)],
            "model_sha256": hashlib.sha256(dump.encode()).hexdigest(),
            "index": len(study._index)}


GOLDEN = json.loads(GOLDEN_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_bundled_study_validates_as_before(name, monkeypatch):
    monkeypatch.chdir(ROOT)   # messages show paths relative to the working directory
    assert record(Path(name)) == GOLDEN[name]


def test_every_bundled_study_has_a_golden_record():
    names = {str(p.relative_to(ROOT)) for p in (ROOT / "worksheets").glob("*.yaml")}
    assert names == set(GOLDEN)


if __name__ == "__main__":
    records = {str(p): record(p) for p in sorted(Path("worksheets").glob("*.yaml"))}
    Path(sys.argv[1]).write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
