"""The machinery review pipeline: one :class:`MachineReview` per machine of a study.

Built from the study (machines, hazards, safety functions, checklist results) and the package data
(hazard groups, checklists, ISO 13855 and press constants).  Pure data; the tables and the report are
made from it in :mod:`pse.machinery.report`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pse.machinery.data import ChecklistItem
    from pse.model.machines import Machine

STEPS = ("inherently_safe_design", "safeguarding", "information_for_use")


@dataclass
class ChecklistRow:
    item: ChecklistItem
    result: str | None = None    # pass / fail / na / None (not checked)
    evidence: str | None = None
    note: str | None = None
    recommendation: str | None = None
    position: int | None = None  # index in machine.checklist


@dataclass
class Calculation:
    """One computed check: what, equation with numbers, required and installed values, verdict."""

    key: str
    title: dict
    equation: str | dict         # a formula, or {en, zh-TW} when it has words
    value: float | str | dict | None
    installed: float | str | dict | None
    meets: bool | None           # None: cannot evaluate
    source: str | dict           # {en, zh-TW} when it has words
    item: str | None = None      # the checklist item this calculation supports
    note: str = ""


@dataclass
class GeneratedRecommendation:
    id: str
    text: dict
    machine: str
    item: str
    citation: str


@dataclass
class MachineReview:
    machine: Machine
    type_info: dict
    designated: bool
    checklist: list[ChecklistRow] = field(default_factory=list)
    calculations: list[Calculation] = field(default_factory=list)
    plr: dict = field(default_factory=dict)          # hazard ID -> PLr from the risk graph
    function_plr: dict = field(default_factory=dict)  # safety function ID -> (from graph, used)
    pl_results: dict = field(default_factory=dict)   # safety function ID -> verify.FunctionResult
    generated: list[GeneratedRecommendation] = field(default_factory=list)

    def counts(self) -> dict:
        results = [row.result for row in self.checklist]
        return {"passed": results.count("pass"), "failed": results.count("fail"), "na": results.count("na"),
                "open": results.count(None)}


def hazard_plr(hazard) -> str | None:
    """PLr of a hazard from its risk-graph parameters (None when not estimated)."""
    from pse.machinery.plr import required_performance_level

    graph = hazard.risk_graph
    if graph is None:
        return None
    return required_performance_level(graph.severity_of_injury, graph.frequency_of_exposure,
                                      graph.possibility_of_avoidance)


def function_plr(function, hazards_by_id: dict) -> tuple[str | None, str | None]:
    """(PLr from the risk graphs of the function's hazards, PLr used = declared or from the graph)."""
    from pse.machinery.plr import PERFORMANCE_LEVELS

    levels = [hazard_plr(hazards_by_id[h]) for h in function.hazards if h in hazards_by_id]
    levels = [lvl for lvl in levels if lvl]
    graph = max(levels, key=PERFORMANCE_LEVELS.index) if levels else None
    return graph, function.plr or graph


def calculations(machine, edition: str = "2010") -> list[Calculation]:
    """The safety-distance and press checks that the machine's data allow."""
    from pse.machinery.guards import guard_calculations

    rows: list[Calculation] = []
    if machine.light_curtain is not None:
        rows += _curtain_calculations(machine.light_curtain, edition)
    if machine.two_hand is not None:
        rows += _two_hand_calculations(machine.two_hand, edition)
    if machine.operators and machine.operators > 1 and machine.operating_stations is not None:
        rows.append(Calculation(
            "operating_stations", {"en": "One operating station per operator", "zh-TW": "每位操作者一個操作站"},
            {"en": f"stations >= operators = {machine.operators}",
             "zh-TW": f"操作站數 >= 操作者人數 = {machine.operators}"}, machine.operators, machine.operating_stations,
            machine.operating_stations >= machine.operators,
            {"en": "seed 004 case 1; " + _cite("MES 16 subpara 3", "en"),
             "zh-TW": "參考資料 004 案例 1；" + _cite("MES 16 subpara 3", "zh-TW")}, "PP-12"))
    return rows + guard_calculations(machine, edition)


def _cite(text: str, lang: str) -> str:
    from pse.machinery.citation import format_citations

    return format_citations(text, lang)


def _both_cite(text: str) -> dict:
    """A citation of the calculation table in both languages (``MES 12 subpara 2`` -> 第12條第2款)."""
    return {"en": _cite(text, "en"), "zh-TW": _cite(text, "zh-TW")}


_YES = {"en": "yes", "zh-TW": "是"}
_NO = {"en": "no", "zh-TW": "否"}
_MES_8_REPORTED = {"en": "MES Art. 8 (reported by a secondary source, not verified)",
                   "zh-TW": "機械設備器具安全標準第8條（二手資料引述，未查證）"}


def _curtain_calculations(curtain, edition: str) -> list[Calculation]:
    """ISO 13855 and Taiwan light-curtain distances, stroke coverage and intermediate axes."""
    from pse.machinery import distance, press

    rows: list[Calculation] = []
    t_s = (curtain.response_time_ms + curtain.stopping_time_ms) / 1000.0
    try:
        terms = distance.light_curtain_terms(t_s, curtain.resolution_mm, edition)
        s_mm = terms["distance_mm"]
        meets = None if curtain.distance_mm is None else curtain.distance_mm >= s_mm
        note, shown = "", (f"K = {terms['k_mm_per_s']:g} mm/s, C = {terms['c_mm']:g} mm "
                           f"[{terms['branch']}]: S = {terms['k_mm_per_s']:g} x {t_s:g} + {terms['c_mm']:g}")
    except ValueError as exc:
        s_mm, meets, note, shown = None, None, str(exc), ""
    rows.append(Calculation(
        "iso13855_light_curtain", {"en": "Light curtain minimum distance", "zh-TW": "光電式安全裝置最小安全距離"},
        f"S = K T + C, T = {curtain.response_time_ms:g} + {curtain.stopping_time_ms:g} ms = {t_s:g} s, "
        f"d = {curtain.resolution_mm:g} mm" + (f"; {shown}" if shown else ""), _round(s_mm), curtain.distance_mm,
        meets, f"ISO 13855:{edition} 6.2.3", "PP-15", note))
    if curtain.additional_distance_mm is not None:
        d_mm = press.tw_light_curtain_distance_mm(curtain.response_time_ms, curtain.stopping_time_ms,
                                                  curtain.additional_distance_mm)
        rows.append(Calculation(
            "tw_light_curtain", {"en": "Press light curtain safety distance (Taiwan)",
                                 "zh-TW": "光電式安全裝置安全距離（我國標準）"},
            f"D = 1.6 (Tl + Ts) + C = 1.6 x ({curtain.response_time_ms:g} + {curtain.stopping_time_ms:g}) "
            f"+ {curtain.additional_distance_mm:g}", _round(d_mm), curtain.distance_mm,
            None if curtain.distance_mm is None else curtain.distance_mm >= d_mm,
            _MES_8_REPORTED, "PP-15"))
    if None not in (curtain.protective_height_mm, curtain.slide_adjustment_mm, curtain.stroke_mm):
        need = curtain.slide_adjustment_mm + curtain.stroke_mm
        rows.append(Calculation(
            "curtain_covers_stroke", {"en": "Light curtain covers slide adjustment + stroke",
                                      "zh-TW": "光幕跨越滑塊調節量及行程長度"},
            f"{curtain.slide_adjustment_mm:g} + {curtain.stroke_mm:g} mm", _round(need),
            curtain.protective_height_mm,
            press.light_curtain_covers_stroke(curtain.protective_height_mm, curtain.slide_adjustment_mm,
                                              curtain.stroke_mm), _both_cite("MES 12 subpara 2"), "PP-10"))
    if curtain.intermediate_light_axes is not None:
        rows.append(Calculation(
            "intermediate_axes", {"en": "Intermediate light axes or anti-intrusion fence",
                                  "zh-TW": "中間光軸或防止侵入之安全圍柵"},
            {"en": "required where a body part can enter between light axis and bolster",
             "zh-TW": "身體部位可進入光軸與承盤前緣之間者應設置"}, _YES,
            _YES if curtain.intermediate_light_axes else _NO, bool(curtain.intermediate_light_axes),
            _both_cite("MES 12-1"), "PP-11"))
    return rows


def _two_hand_calculations(two_hand, edition: str) -> list[Calculation]:
    """Two-hand spacing, synchronism, ISO 13855 and Taiwan distances."""
    from pse.machinery import distance, press

    rows: list[Calculation] = []
    if two_hand.button_spacing_outer_mm is not None:
        rows.append(Calculation(
            "two_hand_spacing", {"en": "Two-hand buttons, outer edge to outer edge", "zh-TW": "雙手按鈕外側間距"},
            {"en": "spacing >= 300 mm", "zh-TW": "間距 >= 300 mm"}, 300.0, two_hand.button_spacing_outer_mm,
            press.two_hand_spacing_ok(two_hand.button_spacing_outer_mm), _both_cite("MES 10 subpara 6"), "PP-07"))
    if two_hand.synchronous_limit_s is not None:
        rows.append(Calculation(
            "two_hand_synchronous", {"en": "Two-hand synchronous actuation", "zh-TW": "雙手同時操作時間差"},
            {"en": "no start when the hands are more than 0.5 s apart",
             "zh-TW": "雙手操作時間差超過 0.5 s 時不得起動"}, 0.5, two_hand.synchronous_limit_s,
            press.two_hand_synchronous_ok(two_hand.synchronous_limit_s),
            {"en": "seed 003; " + _cite("MES 10", "en"), "zh-TW": "參考資料 003；" + _cite("MES 10", "zh-TW")},
            "PP-09"))
    if two_hand.response_time_ms is not None and two_hand.stopping_time_ms is not None:
        t_s = (two_hand.response_time_ms + two_hand.stopping_time_ms) / 1000.0
        try:
            s_mm = distance.two_hand_distance_mm(t_s, edition, covered=two_hand.covered,
                                                separation_distance_mm=two_hand.separation_distance_mm)
            meets, note = (None if two_hand.distance_mm is None else two_hand.distance_mm >= s_mm), ""
        except ValueError as exc:
            s_mm, meets, note = None, None, str(exc)
        rows.append(Calculation(
            "iso13855_two_hand", {"en": "Two-hand control minimum distance", "zh-TW": "雙手操作裝置最小安全距離"},
            {"en": f"S = 1600 T + C, T = {t_s:g} s" + (" (covered: C = 0)" if two_hand.covered else ""),
             "zh-TW": f"S = 1600 T + C, T = {t_s:g} s" + ("（加蓋：C = 0）" if two_hand.covered else "")},
            _round(s_mm), two_hand.distance_mm, meets, f"ISO 13855:{edition} 8", "PP-15", note))
        if two_hand.type == "safety_one_stroke":
            d_mm = press.tw_one_stroke_distance_mm(two_hand.response_time_ms, two_hand.stopping_time_ms)
            rows.append(Calculation(
                "tw_one_stroke", {"en": "Safety one-stroke device distance (Taiwan)",
                                  "zh-TW": "安全一行程式安全裝置安全距離（我國標準）"},
                f"D = 1.6 (Tl + Ts) = 1.6 x ({two_hand.response_time_ms:g} + {two_hand.stopping_time_ms:g})",
                _round(d_mm), two_hand.distance_mm,
                None if two_hand.distance_mm is None else two_hand.distance_mm >= d_mm,
                _MES_8_REPORTED, "PP-15"))
    if two_hand.type == "two_hand_start" and two_hand.clutch_engagement_points and \
            two_hand.crank_revolution_time_ms is not None:
        d_mm = press.tw_two_hand_start_distance_mm(two_hand.clutch_engagement_points,
                                                   two_hand.crank_revolution_time_ms)
        rows.append(Calculation(
            "tw_two_hand_start", {"en": "Two-hand start device distance (Taiwan)",
                                  "zh-TW": "雙手起動式安全裝置安全距離（我國標準）"},
            f"D = 1.6 Tm, Tm = (1/2 + 1/{two_hand.clutch_engagement_points}) x "
            f"{two_hand.crank_revolution_time_ms:g} ms", _round(d_mm), two_hand.distance_mm,
            None if two_hand.distance_mm is None else two_hand.distance_mm >= d_mm,
            _MES_8_REPORTED, "PP-15"))
    return rows


def _round(value):
    return None if value is None else round(float(value), 1)


def review_machine(machine, study) -> MachineReview:
    """Review one machine: checklist rows (every item of its checklists), PLr, calculations, recommendations."""
    from pse.machinery.data import checklists, checklists_for, machine_types

    type_info = machine_types().get(machine.type, {})
    designated = machine.designated_product if machine.designated_product is not None else \
        bool(type_info.get("designated_product"))
    review = MachineReview(machine, type_info, designated)
    available = checklists(study)
    results = {r.item: (i, r) for i, r in enumerate(machine.checklist)}
    for name in checklists_for(machine, study):
        for item in available[name].items if name in available else []:
            position, result = results.get(item.id, (None, None))
            review.checklist.append(ChecklistRow(
                item, result.result if result else None, result.evidence if result else None,
                result.note if result else None, result.recommendation if result else None, position))
    hazards_by_id = {h.id: h for h in machine.hazards}
    review.plr = {h.id: hazard_plr(h) for h in machine.hazards}
    review.function_plr = {f.id: function_plr(f, hazards_by_id) for f in machine.safety_functions}
    review.calculations = calculations(machine, study.machinery.iso13855_edition)
    from pse.machinery.verify import function_result

    for function in machine.safety_functions:
        result = function_result(function, review.function_plr[function.id][1])
        if result is not None:
            review.pl_results[function.id] = result
    if study.machinery.generate_recommendations:
        for row in review.checklist:
            if row.result == "fail" and not row.recommendation:
                question = row.item.question
                review.generated.append(GeneratedRecommendation(
                    f"REC-{machine.id}-{row.item.id}",
                    {lang: f"{machine.name}: {question.get(lang) or question.get('en')}"
                     for lang in ("en", "zh-TW")}, machine.id, row.item.id, row.item.citation))
    return review


def review_study(study) -> list[MachineReview]:
    """Every machine of the study, reviewed."""
    return [review_machine(machine, study) for machine in study.machines]


def register(study, reviews: list[MachineReview] | None = None) -> list[dict]:
    """Recommendations of the review: those the failed items and hazards link, then the generated ones.

    Each entry: id, text (dict by language or str), owner, due, status, source (machine / item or hazard),
    generated (bool).
    """
    reviews = review_study(study) if reviews is None else reviews
    entries: dict[str, dict] = {}
    for review in reviews:
        machine = review.machine
        links = [(row.recommendation, f"{machine.id} {row.item.id}") for row in review.checklist
                 if row.recommendation]
        links += [(rec, f"{machine.id} {h.id}") for h in machine.hazards for rec in h.recommendations]
        links += [(m.recommendation, f"{machine.id} {h.id}") for h in machine.hazards for m in h.measures
                  if m.recommendation]
        for rec_id, source in links:
            rec = study.get(rec_id)
            entry = entries.setdefault(rec_id, {"id": rec_id, "text": rec.text, "owner": rec.owner,
                                                "due": rec.due, "status": rec.status, "sources": [],
                                                "generated": False})
            if source not in entry["sources"]:
                entry["sources"].append(source)
        for gen in review.generated:
            entries[gen.id] = {"id": gen.id, "text": gen.text, "owner": None, "due": None, "status": "open",
                               "sources": [f"{gen.machine} {gen.item}"], "generated": True}
    return list(entries.values())
