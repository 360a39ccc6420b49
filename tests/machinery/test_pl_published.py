"""ISO 13849-1 PL achieved against published worked examples and every Annex K corner of the issue's checks.

Sources (each a manufacturer's worked example citing EN ISO 13849-1, read through their public page copies):
- Siemens SIMOVERT MASTERDRIVES Compendium Motion Control 6SE7087-6QX70 (AM) 12.2010, pp. 2-38 / 2-39.
- Siemens SIMODRIVE 611 Configuration Manual (PJU) 02/2012, 9.4 application examples (Tables 9-8 to 9-21).
- Siemens SINAMICS DCM 'Application document for functional safety STO, SS1 (ISO 13849-1)', A5E34871844AM
  09/2016, 9.1 (EMERGENCY STOP command devices).
Their printed numbers are rounded or truncated; the tolerances below say by how much.
"""

from __future__ import annotations

import pytest

from pse.machinery import mttfd_from_b10d_years, performance_level, symmetrised_mttfd_years
from pse.machinery.pl import (
    annex_k_cell,
    ccf_score,
    channel_mttfd_years,
    dc_avg_percent,
    operations_per_year,
    pl_from_pfhd,
    series_pfhd,
)


def test_masterdrives_category_3_door_and_estop_chain():
    # K1 safety relay B10d 2e7, n_op 24 972 per year -> 8008 years (printed truncated)
    k1 = mttfd_from_b10d_years(20_000_000, 24_972)
    assert 8008 <= k1 < 8009
    # channel 2: line contactor K2 (12 per year) and contactor relay K3 (24 972 per year), B10d 1 333 333 each
    k2 = mttfd_from_b10d_years(1_333_333, 12)
    k3 = mttfd_from_b10d_years(1_333_333, 24_972)
    assert k2 == pytest.approx(1_111_111, rel=1e-6) and k3 == pytest.approx(534, abs=0.5)
    assert int(channel_mttfd_years([k2, k3])) == 533
    # both channels capped at 100 years; DC 99 % and 90 % -> DCavg 94.5 % (medium); category 3, CCF met
    assert dc_avg_percent([(99, 100), (90, 100)]) == pytest.approx(94.5)
    assert performance_level("3", 100, 94.5, 70) == ("e", pytest.approx(4.29e-8))


def test_simodrive_symmetrisation_of_unequal_channels():
    # Table 9-21: contactor relays B10d 1 333 333 at 525 612 operations per year -> 25.3 years (truncated)
    relay = mttfd_from_b10d_years(1_333_333, 525_612)
    assert relay == pytest.approx(25.37, abs=0.01)
    contactor = mttfd_from_b10d_years(1_333_333, 12)
    # channel 2 = K2, K3, K4, K5 in series -> 12.6 years (printed); channel 1 printed 21.8 years
    assert channel_mttfd_years([contactor, relay, relay, contactor]) == pytest.approx(12.6, abs=0.1)
    assert symmetrised_mttfd_years(21.8, 12.6) == pytest.approx(17.6, abs=0.05)


def test_simodrive_category_3_with_dc_high_reads_the_medium_column():
    # Table 9-19: DC 99 % on both channels, category 3, MTTFd high -> 4.29e-8, PL e (no 'high' column in cat. 3)
    assert performance_level("3", 100, 99, 70) == ("e", pytest.approx(4.29e-8))
    assert annex_k_cell("3", 100, 99)["column"] == "3_medium"


def test_simodrive_series_of_subsystems():
    # Table 9-20: SENSE 4.29e-8 + EVALUATE 3 x 5.4e-11 + RESPOND 4.29e-8 = 8.6e-8 -> PL e
    total = series_pfhd([4.29e-8, 5.4e-11, 5.4e-11, 5.4e-11, 4.29e-8])
    assert total == pytest.approx(8.6e-8, rel=2e-3) and pl_from_pfhd(total) == "e"


def test_simodrive_ccf_score_table_9_9():
    measures = ["separation", "overload_protection", "well_tried_components", "diversity", "other_environment",
                "competence"]
    assert ccf_score(measures) == 70.0          # 15 + 15 + 5 + 20 + 10 + 5
    assert ccf_score(measures + ["separation"]) == 70.0     # a measure counts once
    assert ccf_score(measures + ["fmea", "emc"]) == 100.0   # Annex F totals 100 points
    with pytest.raises(ValueError, match="unknown 'guard'"):
        ccf_score(["guard"])


def test_sinamics_dcm_emergency_stop_category_4():
    # B10 1e5 with 20 % dangerous failures -> B10d 5e5; once a day all year -> n_op 365 -> 13 698.63 years
    n_op = operations_per_year(365, 24, 24 * 3600)
    mttfd = mttfd_from_b10d_years(1e5 / 0.2, n_op)
    assert mttfd == pytest.approx(13_698.63, abs=0.005)
    # category 4, DC 99 %, MTTFd capped at 2500 years -> 9.06e-10, PL e
    assert performance_level("4", mttfd, 99, 65) == ("e", pytest.approx(9.06e-10))
    cell = annex_k_cell("4", mttfd, 99)
    assert cell["mttfd_years"] == 2500 and cell["checked"] and "SINAMICS DCM" in cell["verified_by"]


def test_jumo_category_3_at_62_years_with_dc_low_is_pl_d():
    # JUMO safetyM STB/STW safety manual 6.10 (DIN EN ISO 13849-1:2008 Table K.1): cat. 3, MTTFd >= 62 y,
    # DCavg >= 60 % -> PL d
    assert performance_level("3", 62, 60, 65)[0] == "d"


# The corners: every category at MTTFd low (3), medium (10), high (30 and 100) and every DCavg band
# (none 0, low 60, medium 90, high 99 %): the Annex K column and row used, or the requirement refused.
_COLUMN = {"B": {"none": "B_none", "low": "B_none", "medium": "B_none", "high": "B_none"},
           "1": {"none": "1_none", "low": "1_none", "medium": "1_none", "high": "1_none"},
           "2": {"none": None, "low": "2_low", "medium": "2_medium", "high": "2_medium"},
           "3": {"none": None, "low": "3_low", "medium": "3_medium", "high": "3_medium"},
           "4": {"none": None, "low": None, "medium": None, "high": "4_high"}}
_MTTFD_OK = {"B": ("low", "medium"), "1": ("high",), "2": ("low", "medium", "high"),
             "3": ("low", "medium", "high"), "4": ("high",)}
_DC = {"none": 0, "low": 60, "medium": 90, "high": 99}


@pytest.mark.parametrize("category", ["B", "1", "2", "3", "4"])
@pytest.mark.parametrize("mttfd, mband", [(3, "low"), (10, "medium"), (30, "high"), (100, "high")])
@pytest.mark.parametrize("dband", ["none", "low", "medium", "high"])
def test_annex_k_corners(category, mttfd, mband, dband):
    column = _COLUMN[category][dband]
    ccf = 65 if category in "234" else None
    if mband not in _MTTFD_OK[category]:
        with pytest.raises(ValueError, match=f"category {category} requires MTTFd"):
            performance_level(category, mttfd, _DC[dband], ccf)
        return
    if column is None:
        with pytest.raises(ValueError, match=f"category {category} requires DCavg"):
            performance_level(category, mttfd, _DC[dband], ccf)
        return
    cell = annex_k_cell(category, mttfd, _DC[dband])
    assert (cell["column"], cell["mttfd_band"], cell["dc_band"]) == (column, mband, dband)
    assert cell["row_years"] == mttfd              # 3, 10, 30 and 100 are held rows of every column
    level, pfhd = performance_level(category, mttfd, _DC[dband], ccf)
    assert pfhd == cell["pfhd_per_hour"] and level == pl_from_pfhd(pfhd)
    if category in "B1":
        assert pfhd == pytest.approx(1 / (mttfd * 8760))


def test_checked_flag_follows_the_row_used():
    assert annex_k_cell("4", 100, 99)["checked"] and not annex_k_cell("4", 30, 99)["checked"]
    assert annex_k_cell("3", 100, 90)["checked"] and not annex_k_cell("3", 30, 90)["checked"]
    assert not annex_k_cell("2", 100, 90)["checked"]
    assert annex_k_cell("B", 10, 0)["checked"]
    # between 100 and 2500 years category 4 is read at the 100 y row (2.47e-8), never better
    assert annex_k_cell("4", 1500, 99)["row_years"] == 100


def test_simodrive_medium_mttfd_needs_the_value_read_from_the_table():
    # SIMODRIVE 611 Table 9-22: category 3, MTTFd 17.6 y (medium), DCavg 93.3 % (medium) -> PFHd 5.5e-7, PL d
    # (EN ISO 13849-1:2008 Annex K). pse's held rows read 17.6 y at the 10 y row: PL c, one level conservative.
    assert performance_level("3", 17.6, 93.3, 70)[0] == "c"
    cell = annex_k_cell("3", 17.6, 93.3, read_pfhd_per_hour=5.5e-7)
    assert (cell["pfhd_per_hour"], pl_from_pfhd(cell["pfhd_per_hour"]), cell["read"]) == (5.5e-7, "d", True)


def test_a_value_read_outside_the_held_rows_is_refused():
    # 17.6 y lies between the 10 y and 30 y rows of category 3 / DCavg medium: a value above the 10 y row's
    # (a misread column or row) is refused, and so is one below the 30 y row's
    with pytest.raises(ValueError, match="outside"):
        annex_k_cell("3", 17.6, 93.3, read_pfhd_per_hour=2e-6)
    with pytest.raises(ValueError, match="outside"):
        annex_k_cell("3", 17.6, 93.3, read_pfhd_per_hour=1e-7)
    with pytest.raises(ValueError, match="outside"):   # category 1 is 1/MTTFd exactly
        annex_k_cell("1", 50, 0, read_pfhd_per_hour=1e-6)


def test_review_step_says_the_value_was_read_from_the_standard():
    from types import SimpleNamespace

    from pse.machinery.verify import render_step, subsystem_result

    def component(name, mttfd, dc):
        return SimpleNamespace(name=name, typical=None, mttfd_years=mttfd, b10d_cycles=None, dc_percent=dc)

    subsystem = SimpleNamespace(name="RESPOND", category="3", pfhd_per_hour=None, pl=None, source=None,
                                channels=[[component("K1", 21.8, 99)], [component("K2", 12.6, 90)]],
                                dc_avg_percent=93.3, ccf_score=70, operations=None, annex_k_pfhd_per_hour=5.5e-7)
    result = subsystem_result(subsystem)
    assert (result.error, result.pl, result.pfhd_per_hour) == (None, "d", 5.5e-7)
    last = result.steps[-1]
    assert "read from the standard" in render_step(last, "en")
    assert "依標準原文填入" in render_step(last, "zh-TW")
    assert any(s.get("key") == "step_sym" for s in result.steps)     # 21.8 and 12.6 symmetrised to 17.6


def test_hydraulic_valve_typical_value():
    # ISO 13849-1:2015 Annex C.3: a hydraulic component meeting C.3 a) to c) is estimated at MTTFd 150 years
    from types import SimpleNamespace

    from pse.machinery.verify import component_mttfd_years

    valve = SimpleNamespace(name="valve", typical="hydraulic_component", mttfd_years=None, b10d_cycles=None)
    assert component_mttfd_years(valve, None)[0] == 150.0


def test_study_subsystem_carries_the_annex_k_value_read_from_the_standard():
    """The study field `annex_k_pfhd_per_hour` reaches the verification (SIMODRIVE 611 Table 9-22: PL d)."""
    from pse.machinery.verify import subsystem_result
    from pse.model.machines import Subsystem

    data = {"name": "RESPOND", "category": "3", "dc_avg_percent": 93.3, "ccf_score": 70,
            "channels": [[{"name": "K1", "mttfd_years": 21.8, "dc_percent": 99}],
                         [{"name": "K2", "mttfd_years": 12.6, "dc_percent": 90}]]}
    held = subsystem_result(Subsystem.model_validate(data))
    read = subsystem_result(Subsystem.model_validate({**data, "annex_k_pfhd_per_hour": 5.5e-7}))
    assert (held.pl, read.pl, read.pfhd_per_hour) == ("c", "d", 5.5e-7)
