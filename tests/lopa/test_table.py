"""The array route (pse.lopa.table) gives evaluate's results: bundled studies, a generated study, edge rules."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import WORKSHEETS
from pse.lopa.table import lopa_arrays, lopa_tables
from pse.lopa.views import analyse
from pse.model import load_study

ROOT = Path(__file__).resolve().parents[2]


def _same(study):
    result, verifications = analyse(study)
    first = [v for v in verifications if v.complete]
    arrays = lopa_arrays(lopa_tables(study, {v.sif: v.pfd_avg for v in first}, {v.sif: v.pfh_per_h for v in first}))
    rows = result.scenarios
    assert arrays.scenario_ids == [r.scenario for r in rows]
    for name, values in [("intermediate", [r.intermediate_frequency_per_yr for r in rows]),
                         ("sis_pfd", [r.sis_pfd for r in rows]),
                         ("mitigated", [r.mitigated_frequency_per_yr for r in rows]),
                         ("mitigated_now", [(r.now or r).mitigated_frequency_per_yr for r in rows]),
                         ("intermediate_now", [(r.now or r).intermediate_frequency_per_yr for r in rows]),
                         ("demand", [r.demand_per_yr for r in rows]),
                         ("after", [r.after_sif_probability for r in rows]),
                         ("rrf", [r.required_rrf for r in rows])]:
        assert getattr(arrays, name) == pytest.approx(np.array(values), rel=1e-12), name
    assert arrays.sil.tolist() == [-1 if r.sil_required is None else r.sil_required for r in rows]
    assert arrays.credited.tolist() == [layer.credited for r in rows for layer in r.layers]
    assert arrays.credited_now.tolist() == [layer.credited for r in rows for layer in (r.now or r).layers]
    assert arrays.tolerable_now.tolist() == [r.tolerable_now for r in rows]
    return arrays


@pytest.mark.parametrize("name", sorted(p.name for p in WORKSHEETS.glob("*.yaml")))
def test_array_route_equals_evaluate_on_bundled_studies(name):
    try:
        study = load_study(WORKSHEETS / name)
    except ModuleNotFoundError as exc:       # another module's optional dependency (e.g. chemicals for zoning)
        pytest.skip(str(exc))
    _same(study)


def test_array_route_equals_evaluate_on_a_generated_study():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    from pse.model.loader import SourceMap
    from pse.model.validate import validate_document

    study = validate_document(generate.lopa_study(60, seed=3), SourceMap())
    arrays = _same(study)
    assert not arrays.credited.all() and arrays.credited.any()     # the rules refuse some layers


def test_electronics_plant_s21_needs_the_sequential_rule():
    """S-2.1 names equipment tags (XV-401 shared by the operator response and SIF-01): decided layer by layer."""
    study = load_study(WORKSHEETS / "electronics-plant.yaml")
    tables = lopa_tables(study)
    assert tables.sequential[tables.scenario_ids.index("S-2.1")]


def test_array_route_equals_evaluate_in_high_demand(write_study):
    from lopa.test_demand_and_states import BPCS, PSV, SIF, _study

    study = _study(write_study, "\n".join([BPCS, PSV, SIF]), """\
          - {id: S1, cause: C1, consequence: Q1, safeguards: [T1], lopa: true}
          - {id: S2, cause: C2, consequence: Q1, safeguards: [P1, T1], lopa: true,
             conditional_modifiers: [{description: ignition, probability: 0.3}]}""")
    result, _ = analyse(study)
    assert result.sif_demands[0].demand_mode == "high"
    arrays = _same(study)
    # S1 in high demand: min(f_int 0.5, PFH 2.1e-7 x 8760 x 1)
    assert arrays.mitigated[0] == pytest.approx(2.1e-7 * 8760)
