"""LOPA stages for benchmarks/run.py (issue 19: fair floors, checked for equal results).

* ``lopa_study``: LOPA of N study scenarios with the credit rules.  pse: :func:`pse.lopa.table.lopa_arrays`
  over the study's safeguard table (read once by :func:`pse.lopa.table.lopa_tables`, counted as loading
  and timed on its own by ``lopa_study_read``).  Floor: the leanest plain-Python pass over the SAME model
  objects with the SAME rules (core attributes, evidence, administrative justification, operator response
  time, PFD floors, proposed layers now/planned, BPCS-failure cause, one BPCS credit, shared equipment),
  producing the same mitigated frequencies now and planned and the same SIL bands.  Target: pse at least
  5x faster than the floor (ratio <= 0.2) and under 0.3 us per scenario.
* ``lopa_study_read``: reading the study into that table vs the same plain-Python pass (what the
  array route costs before it is fast).
* ``lopa_array``: the array API (mitigated frequency, SIL) vs a numpy product and searchsorted.
* ``lopa_monte_carlo``: Monte Carlo of N scenarios x 10^4 samples vs raw numpy sampling.
* ``pfd_avg_scalar``: N single calls of ``pse.lopa.pfd_avg('2oo3', ...)`` vs a plain-Python evaluation of
  the same B.3.2.2 equation (target: within a few times).

Every setup asserts that pse and the floor give the same results (rel 1e-12) before anything is timed.
"""

from __future__ import annotations

import math

TARGET_RATIO_STUDY = 0.2       # issue 19: at least 5x better than a plain Python pass


# --------------------------------------------------------------------------- lopa_study
_BLOCKS: dict = {}
BLOCK = 10_000     # larger studies are copies of a validated 10^4 block (validating 10^5 takes ~20 min here)


def _load(generate, n):
    from pse.model.loader import SourceMap
    from pse.model.validate import validate_document

    if n < BLOCK:
        return validate_document(generate.lopa_study(n), SourceMap(), module_checks=False)
    if BLOCK not in _BLOCKS:
        _BLOCKS[BLOCK] = validate_document(generate.lopa_study(BLOCK), SourceMap(), module_checks=False)
    return _BLOCKS[BLOCK] if n == BLOCK else _replicated(_BLOCKS[BLOCK], -(-n // BLOCK))


def _replicated(block, copies: int):
    """``copies`` renamed copies of a validated study's causes, consequences, safeguards and scenarios."""
    from pse.model.loader import SourceMap
    from pse.model.validate import _identity_problems, iter_objects

    lists: dict = {"causes": [], "consequences": [], "safeguards": [], "scenarios": []}
    for k in range(copies):
        tag = f"~{k}"
        for name in ("causes", "consequences", "safeguards"):
            lists[name] += [o.model_copy(update={"id": o.id + tag}) for o in getattr(block, name)]
        lists["scenarios"] += [s.model_copy(update={"id": s.id + tag, "cause": s.cause + tag,
                                                     "consequence": s.consequence + tag,
                                                     "safeguards": [g + tag for g in s.safeguards]})
                               for s in block.scenarios]
    study = block.model_copy(update=lists)
    assert not _identity_problems(study, SourceMap(), list(iter_objects(study)))
    return study


def _static(sg, ipl_library, sifs):
    """What a safeguard brings to every scenario, by the rules of pse.lopa.credit (plain Python)."""
    from pse.lopa.credit import BPCS_TYPES, LAYER_KINDS, OPERATOR_TYPES, layer_kind

    sif = sifs.get(sg.ipl.sif or "") if sg.ipl else None
    proposed = sg.status == "proposed" or (sif is not None and sif.status == "proposed")
    ipl = sg.ipl
    if ipl is None:
        return None, proposed
    entry = ipl_library.get(ipl.type or "")
    kind = layer_kind(ipl, sg.type, entry.category if entry else None)
    ok = ipl.independent and ipl.specific and ipl.dependable and ipl.auditable and bool((ipl.evidence or "").strip())
    if kind in ("administrative", "ppe") and not (ipl.justification or "").strip():
        ok = False
    operator = kind == "alarm_operator" or (ipl.type or "") in OPERATOR_TYPES
    if operator and (ipl.response_time_min is None or ipl.response_time_min < 10.0):
        ok = False
    pfd = ipl.pfd if ipl.pfd is not None else (entry.pfd if entry else None)
    if pfd is None:
        ok = False
    bpcs = bool(ipl.bpcs or kind == "bpcs" or (ipl.type or "") in BPCS_TYPES)
    if pfd is not None and (bpcs or operator) and pfd < 0.1:
        pfd = 0.1
    tags = tuple(ipl.uses.tags()) + (tuple(sif.tags()) if sif else ())
    return (ok, bpcs, kind == "sif", pfd, tags, LAYER_KINDS[kind][0]), proposed


def _tolerable(study, scenario, consequence):
    if scenario.tolerable_frequency_per_yr is not None:
        return scenario.tolerable_frequency_per_yr
    matrix = scenario.risk_matrix or study.risk_matrix
    for c in study.lopa.criteria:
        if ((c.risk_matrix or study.risk_matrix) == matrix and c.severity == scenario.severity
                and (not c.category or c.category == consequence.category)):
            return c.tolerable_frequency_per_yr
    return None


def _scenario(study, scenario, static, now):
    """Mitigated frequency of one scenario in one state (plain Python, listed order)."""
    cause = study.get(scenario.cause)
    event = cause.initiating_event
    f = event.frequency_per_yr
    for m in scenario.enabling_conditions:
        f *= m.probability
    for m in scenario.conditional_modifiers:
        f *= m.probability
    sis, bpcs_done, used_tags = 1.0, False, {}
    for sid in scenario.safeguards:
        data, proposed = static[sid]
        if data is None or (now and proposed):
            continue
        ok, bpcs, is_sif, pfd, tags, _ = data
        if not ok or (bpcs and (event.bpcs_failure or bpcs_done)):
            continue
        if any(t in event.equipment_tags or t in used_tags for t in tags):
            continue
        bpcs_done |= bpcs
        used_tags.update(dict.fromkeys(tags))
        if is_sif:
            sis *= pfd
        else:
            f *= pfd
    return f, f * sis


def _floor_pass(study):
    """The plain-Python LOPA of every lopa: true scenario: (mitigated planned, mitigated now, SIL band)."""
    from pse.lopa.library import load_library

    ipl_library = load_library("ipl_pfds")
    sifs = {s.id: s for s in study.sifs}
    static = {sg.id: _static(sg, ipl_library, sifs) for sg in study.safeguards}
    planned, now, sil = [], [], []
    edges = (10.0 * (1 + 1e-9), 100.0 * (1 + 1e-9), 1e3 * (1 + 1e-9), 1e4 * (1 + 1e-9), 1e5 * (1 + 1e-9))
    for scenario in study.scenarios:
        if not scenario.lopa:
            continue
        tolerable = _tolerable(study, scenario, study.get(scenario.consequence))
        intermediate, mitigated = _scenario(study, scenario, static, False)
        planned.append(mitigated)
        now.append(_scenario(study, scenario, static, True)[1])
        rrf = intermediate / tolerable
        band = next((i for i, edge in enumerate(edges) if rrf <= edge), 5)
        sil.append(-1 if band == 5 else band)
    return planned, now, sil


def _check_study(study, arrays):
    import numpy as np

    planned, now, sil = _floor_pass(study)
    assert np.allclose(arrays.mitigated, planned, rtol=1e-12, atol=0), "lopa_study: planned differs from floor"
    assert np.allclose(arrays.mitigated_now, now, rtol=1e-12, atol=0), "lopa_study: now differs from floor"
    assert arrays.sil.tolist() == sil, "lopa_study: SIL bands differ from the floor"


_LOADED: dict = {}     # n -> (study, tables): both study stages share one load


def _study_setup(generate):
    def setup(n):
        from pse.lopa.table import lopa_arrays, lopa_tables

        if n not in _LOADED:
            study = _load(generate, n)
            tables = lopa_tables(study)
            _check_study(study, lopa_arrays(tables))
            _LOADED.clear()
            _LOADED[n] = (study, tables)
        return _LOADED[n]
    return setup


def _study_run(data):
    from pse.lopa.table import lopa_arrays

    return lopa_arrays(data[1])


def _read_run(data):
    from pse.lopa.table import lopa_tables

    return lopa_tables(data[0])


def _study_floor(data):
    return _floor_pass(data[0])


# --------------------------------------------------------------------------- lopa_array
def _array_setup(generate):
    def setup(n):
        import numpy as np

        arrays = generate.lopa_arrays(n)
        ours, floor = _array_run(arrays), _array_floor(arrays)
        assert np.allclose(ours[0], floor[0], rtol=1e-12) and np.array_equal(np.where(ours[1] < 0, 5, ours[1]),
                                                                            floor[1])
        return arrays
    return setup


def _array_run(arrays):
    from pse.lopa.frequency import mitigated_frequency_array
    from pse.lopa.sil import sil_for_rrf_array

    ie, pfds, tolerable = arrays
    f = mitigated_frequency_array(ie, pfds)
    return f, sil_for_rrf_array(f / tolerable)


def _array_floor(arrays):
    import numpy as np

    ie, pfds, tolerable = arrays
    f = ie * np.nan_to_num(pfds, nan=1.0).prod(axis=1)
    return f, np.searchsorted(np.array([10, 100, 1_000, 10_000, 100_000]) * (1 + 1e-9), f / tolerable, side="left")


# --------------------------------------------------------------------------- lopa_monte_carlo
def _mc_run(arrays):
    from pse.lopa.uncertainty import monte_carlo_mitigated_frequency

    ie, pfds, tolerable = arrays
    return monte_carlo_mitigated_frequency(ie, 3.0, pfds, 3.0, tolerable, n_samples=10_000, seed=1)


def _mc_floor(arrays):
    import numpy as np

    ie, pfds, tolerable = arrays
    rng = np.random.default_rng(1)
    sigma = math.log(3.0) / 1.645
    n, k = pfds.shape
    f = ie[:, None] * np.exp(sigma * rng.standard_normal((n, 10_000)))
    for j in range(k):
        f *= np.minimum(1.0, np.nan_to_num(pfds[:, j], nan=1.0)[:, None]
                        * np.exp(sigma * rng.standard_normal((n, 10_000))))
    return np.percentile(f, [5, 50, 95], axis=1)


# --------------------------------------------------------------------------- pfd_avg_scalar
def _scalar_setup(n):
    import numpy as np

    rng = np.random.default_rng(0)
    cases = [(float(du), float(dd)) for du, dd in zip(10 ** rng.uniform(-8, -6, n), 10 ** rng.uniform(-8, -6, n),
                                                       strict=True)]
    ours, floor = _scalar_run(cases), _scalar_floor(cases)
    assert np.allclose(ours, floor, rtol=1e-12, atol=0)
    return cases


def _scalar_run(cases):
    from pse.lopa import pfd_avg

    return [pfd_avg("2oo3", du, dd, proof_test_interval_h=8760.0, beta=0.02) for du, dd in cases]


def _scalar_floor(cases):
    """IEC 61508-6:2010 B.3.2.2.4 (2oo3) written out in plain Python, beta_D = beta/2, MRT = MTTR = 8 h."""
    out = []
    t1, mttr, beta, beta_d = 8760.0, 8.0, 0.02, 0.01
    for du, dd in cases:
        ld = du + dd
        t_ce = du / ld * (t1 / 2 + mttr) + dd / ld * mttr
        t_ge = du / ld * (t1 / 3 + mttr) + dd / ld * mttr
        x = (1 - beta_d) * dd + (1 - beta) * du
        out.append(6 * x * x * t_ce * t_ge + beta_d * dd * mttr + beta * du * (t1 / 2 + mttr))
    return out


def stages(Stage, generate):
    sizes = (100, 1_000, 10_000, 100_000)   # 10^5: ten renamed copies of the validated 10^4 study
    return [
        Stage("lopa_study", "LOPA of N study scenarios: pse array route vs a plain-Python pass over the same "
              "model objects with the same rules (target ratio <= 0.2)", _study_setup(generate), _study_run,
              _study_floor, sizes=sizes),
        Stage("lopa_study_read", "reading N study scenarios into the safeguard table vs the same plain-Python "
              "LOPA pass", _study_setup(generate), _read_run, _study_floor, sizes=sizes),
        Stage("lopa_array", "LOPA arithmetic of N scenarios (mitigated frequency, SIL) vs a numpy product",
              _array_setup(generate), _array_run, _array_floor),
        Stage("lopa_monte_carlo", "Monte Carlo of N scenarios x 10^4 samples vs raw numpy sampling",
              lambda n: generate.lopa_arrays(n), _mc_run, _mc_floor, sizes=(100, 1_000, 10_000)),
        Stage("pfd_avg_scalar", "N single calls of pse.lopa.pfd_avg('2oo3') vs the equation in plain Python",
              _scalar_setup, _scalar_run, _scalar_floor, sizes=(1_000, 10_000, 100_000)),
    ]
