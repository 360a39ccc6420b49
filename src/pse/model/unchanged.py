"""A study declared unchanged for a while (``pse run``), so results computed from it can be reused by identity.

Several stages of a run ask for the same analysis of one study (the LOPA for its section and for the
traceability table; the zoning classification for its check, its section and the register).  A cache must
not return a result for a study edited since (``pse serve`` edits studies in place), so outside a run the key
of a study is a hash of its whole JSON, which costs about 1 s at 10^4 objects each time it is asked.  Inside
``with unchanged_during(study):`` (``pse.run.run_study``: no stage of a run edits the study) the hash is
computed once, on entering, and given to every caller: the same key as outside, so a result computed before
the run (the zoning check while loading) is still found.

>>> class Study:
...     calls = 0
...     def model_dump_json(self):
...         Study.calls += 1
...         return "{}"
>>> s = Study()
>>> content_key(s) == hash("{}")
True
>>> with unchanged_during(s):
...     [content_key(s) == hash("{}") for _ in range(3)], Study.calls
([True, True, True], 2)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

_UNCHANGED: dict[int, object] = {}       # id(study) -> its key, while declared unchanged


@contextmanager
def unchanged_during(study) -> Iterator[None]:
    """Declare ``study`` unchanged inside the block (nested blocks allowed)."""
    key = id(study)
    added = key not in _UNCHANGED
    if added:
        _UNCHANGED[key] = _hash(study)
    try:
        yield
    finally:
        if added:
            _UNCHANGED.pop(key, None)


def content_key(study):
    """A key equal for the same study object with the same content (a hash of its JSON, computed once while
    the study is declared unchanged); None if it is not a pydantic study (then nothing should be reused)."""
    if id(study) in _UNCHANGED:
        return _UNCHANGED[id(study)]
    return _hash(study)


def _hash(study):
    try:
        return hash(study.model_dump_json())
    except (AttributeError, ValueError):
        return None
