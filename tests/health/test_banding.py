"""SQRA control banding: the seed 001 printed table row by row (化學品暴露分級管理 case 1)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pse.health import sqra_exposure_rating, sqra_level, sqra_risk

# chemical, HR, VP, Qty, Control, Time, ER (printed), risk (printed), level (printed 中 = medium = 3)
SEED_001_TABLE = [
    ("染色探傷劑", 2, 3, 1, 4, 3, 2.45, 2.21),
    ("草酸", 3, 1, 2, 3, 3, 2.06, 2.49),
    ("硝酸", 4, 3, 1, 1, 3, 1.73, 2.63),
    ("各色調和漆", 2, 3, 3, 4, 3, 3.22, 2.54),
    ("磷酸", 3, 1, 1, 4, 4, 2.00, 2.45),
    ("燃油添加劑", 2, 1, 3, 4, 3, 2.45, 2.21),
    ("酸洗抑制劑", 2, 1, 3, 4, 4, 2.63, 2.29),
    ("玻璃纖維", 2, 3, 2, 4, 4, 3.13, 2.50),
    ("凝聚劑", 2, 3, 2, 4, 3, 2.91, 2.41),
]


@pytest.mark.parametrize("name, hr, vp, qty, control, time, er_printed, risk_printed", SEED_001_TABLE)
def test_seed_001_table_row(name, hr, vp, qty, control, time, er_printed, risk_printed):
    er = sqra_exposure_rating(vp, qty, control, time)
    risk = sqra_risk(hr, er)
    assert round(er, 2) == er_printed
    assert round(risk, 2) == risk_printed
    assert sqra_level(risk) == 3   # printed 中 (medium)


def test_hand_calculation():
    # (2*2*2*2)^(1/4) = 2 ; sqrt(2*2) = 2 -> level 2 (low)
    assert sqra_exposure_rating(2, 2, 2, 2) == pytest.approx(2.0)
    assert sqra_risk(2, 2.0) == pytest.approx(2.0)
    assert sqra_level(2.0) == 2 and sqra_level(1.0) == 1 and sqra_level(4.01) == 5


@pytest.mark.parametrize("args", [(0, 1, 1, 1), (1, 6, 1, 1), (1, 1, -1, 1)])
def test_ratings_outside_1_to_5_are_refused(args):
    with pytest.raises(ValueError, match="rating from 1 to 5"):
        sqra_exposure_rating(*args)


@given(st.tuples(*[st.integers(1, 5)] * 5))
def test_risk_stays_within_1_and_5(r):
    risk = sqra_risk(r[0], sqra_exposure_rating(*r[1:]))
    assert 1.0 <= risk <= 5.0 + 1e-12 and 1 <= sqra_level(risk) <= 5


def test_public_api_keywords():
    import pse.health

    er = pse.health.sqra_exposure_rating(vapour_pressure_rating=3, quantity_rating=1, control_rating=4, time_rating=3)
    assert pse.health.sqra_risk(hazard_rating=2, exposure_rating=er) == pytest.approx((2 * 36 ** 0.25) ** 0.5)
    assert pse.health.kim_lhc_risk(load_points=7, posture_points=6, conditions_points=1, time_rating=4) == 56.0
