"""Category 2 test-rate and test-channel rules (ISO 13849-1:2023 6.2.5, Annex K exception), worked by hand.

Hand example: a guard interlock of category 2, one channel of MTTFd 50 years (high), DCavg 60 % (low), CCF 65.
The guard is opened twice an hour (r_d = 2 /h). Tested every 10 s (r_t = 360 /h): 360 / 2 = 180 >= 100, the
Table K.1 PFHd stands. Tested once a minute (r_t = 60 /h): 60 / 2 = 30, between 25 and 100, the Annex K
exception: PFHd x 1.1. Tested every 5 minutes (r_t = 12 /h): 12 / 2 = 6 < 25, refused. The test channel (TE with
OTE) of MTTFd 30 years is above 50 / 2 = 25 years; 20 years is not.
"""

from __future__ import annotations

import pytest

from pse.machinery.data import load
from pse.machinery.pl import category_2_test_rate, check_test_channel
from pse.machinery.verify import render_step, subsystem_result
from pse.model.machines import Subsystem

# the Annex K row pse reads for category 2, DCavg low, MTTFd 50 y: the 30-year row held in the package data
TABLE_30_Y = float(load("iso13849.yaml")["annex_k"]["columns"]["2_low"]["rows"][30])


def _guard(**test) -> Subsystem:
    return Subsystem(name="Guard interlock", category="2", dc_avg_percent=60, ccf_score=65,
                     channels=[[{"name": "Position switch", "mttfd_years": 50}]], **test)


def test_ratio_at_least_100_keeps_the_table_value():
    assert category_2_test_rate(360, 2) == {"ratio": 180.0, "branch": "ratio_100", "factor": 1.0, "checked": True}
    assert category_2_test_rate(200, 2)["branch"] == "ratio_100"          # exactly 100


def test_ratio_between_25_and_100_is_the_annex_k_exception():
    rule = category_2_test_rate(60, 2)
    assert rule["ratio"] == 30.0 and rule["branch"] == "ratio_25" and rule["factor"] == 1.1
    assert rule["checked"] is False                                       # the 1.1 factor is recalled
    assert category_2_test_rate(50, 2)["branch"] == "ratio_25"            # exactly 25
    read = category_2_test_rate(60, 2, low_rate_factor=1.2)               # the factor read in the standard
    assert read["factor"] == 1.2 and read["checked"] is True


def test_ratio_below_25_refused():
    with pytest.raises(ValueError, match=r"at least 100 times the demand rate .* 12 / 2 per hour = 6"):
        category_2_test_rate(12, 2)


def test_test_on_demand_needs_no_rates():
    assert category_2_test_rate(None, None, test_on_demand=True)["branch"] == "on_demand"
    with pytest.raises(ValueError, match="give test_rate_per_hour and demand_rate_per_hour"):
        category_2_test_rate(None, 2)


def test_test_channel_above_half_the_functional_channel():
    assert check_test_channel(30, 50) == 25.0
    with pytest.raises(ValueError, match=r"20 y is not above 50 / 2 = 25 y"):
        check_test_channel(20, 50)
    with pytest.raises(ValueError, match="give test_channel_mttfd_years"):
        check_test_channel(None, 50)


def test_study_subsystem_ratio_180():
    result = subsystem_result(_guard(test_rate_per_hour=360, demand_rate_per_hour=2, test_channel_mttfd_years=30))
    assert result.error is None
    assert result.pfhd_per_hour == pytest.approx(TABLE_30_Y) and result.pl == "c"
    text = [render_step(s, "en") for s in result.steps]
    assert "category 2 test rate: r_t / r_d = 360 / 2 per h = 180 >= 100 (ISO 13849-1:2023 6.2.5)" in text
    assert "test channel: MTTFd(TE) = 30 y > MTTFd(L) / 2 = 50 / 2 = 25 y" in text


def test_study_subsystem_ratio_30_multiplies_by_1_1():
    result = subsystem_result(_guard(test_rate_per_hour=60, demand_rate_per_hour=2, test_channel_mttfd_years=30))
    assert result.pfhd_per_hour == pytest.approx(1.1 * TABLE_30_Y)
    assert result.checked is False
    last = render_step(result.steps[-1], "en")
    assert last.startswith(f"PFHd = 1.1 x {TABLE_30_Y:.3g} = {1.1 * TABLE_30_Y:.3g} /h, PL ")
    assert last.endswith("(factor not checked)")
    zh = render_step(result.steps[-1], "zh-TW")
    assert "係數未查證" in zh and "not" not in zh


def test_study_subsystem_without_test_data_names_the_requirement():
    result = subsystem_result(_guard())
    assert result.pl is None and "category 2 requires a test rate at least 100 times" in result.error
    result = subsystem_result(_guard(test_on_demand=True))
    assert "give test_channel_mttfd_years" in result.error
    result = subsystem_result(_guard(test_on_demand=True, test_channel_mttfd_years=26))
    assert result.error is None and result.pfhd_per_hour == pytest.approx(TABLE_30_Y)
