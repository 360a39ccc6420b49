"""Client text: the package's provenance notes go, the user's text is never cut mid-parenthesis."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pse.i18n import client_text

WORDS = st.sampled_from(["plant estimate", "CCPS Table 5.1", "MES 16", "valve mis-closure", "LOPA worksheet",
                         "seed 001", "Seed 003", "case 1", "from seed 004", "3-2-6", "a: b", "（廠內估計）"])


@st.composite
def balanced_texts(draw, depth=0):
    """Texts of words, '; ' separators and balanced parentheses."""
    pieces = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["word", "word", "sep", "group"] if depth < 2 else ["word", "sep"]))
        if kind == "word":
            pieces.append(draw(WORDS))
        elif kind == "sep":
            pieces.append("; ")
        else:
            pieces.append(" (" + draw(balanced_texts(depth + 1)) + ")")
    return " ".join(pieces)


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += char in "(（"
        depth -= char in ")）"
        if depth < 0:
            return False
    return depth == 0


@given(balanced_texts())
def test_balanced_parentheses_stay_balanced(text):
    assert _balanced(client_text(text)), text


@given(balanced_texts())
def test_a_text_without_a_seed_note_is_unchanged(text):
    if "eed 00" not in text:
        assert client_text(text) == text


def test_a_semicolon_inside_parentheses_does_not_cut_a_study_source():
    source = "Seed 001 LOPA worksheet (plant estimate; valve mis-closure is not in the CCPS tables)"
    assert client_text(source) == "plant estimate; valve mis-closure is not in the CCPS tables"
    assert client_text("CCPS (2001; Table 5.1); seed 004 case 1") == "CCPS (2001; Table 5.1)"
