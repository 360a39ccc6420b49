"""Guard and reach-over checks of a machine (ISO 13857:2019, ISO 13855 reach over a vertical ESPE)."""

from __future__ import annotations


def _round(value):
    return None if value is None else round(float(value), 1)


def espe_reach_over_calculation(machine, edition: str = "2010"):
    """S_RO = K T + C_RO (K = 1600 mm/s) for reaching over the top beam of the light curtain, or None."""
    from pse.machinery import reach
    from pse.machinery.review import Calculation

    curtain = machine.light_curtain
    if curtain is None or curtain.top_beam_height_mm is None or curtain.hazard_height_mm is None:
        return None
    t_s = (curtain.response_time_ms + curtain.stopping_time_ms) / 1000.0
    try:
        c_ro = reach.espe_reach_over_mm(curtain.hazard_height_mm, curtain.top_beam_height_mm)
        s_ro, note = 1600.0 * t_s + c_ro, ""
        meets = None if curtain.distance_mm is None else curtain.distance_mm >= s_ro
    except ValueError as exc:
        c_ro, s_ro, meets, note = None, None, None, str(exc)
    shown = "" if c_ro is None else f" = 1600 x {t_s:g} + {c_ro:g}"
    return Calculation(
        "iso13855_reach_over", {"en": "Reaching over the light curtain (top beam)", "zh-TW": "越過光幕上緣之安全距離"},
        f"S_RO = K T + C_RO, K = 1600 mm/s, a = {curtain.hazard_height_mm:g} mm, b = "
        f"{curtain.top_beam_height_mm:g} mm{shown}", _round(s_ro), curtain.distance_mm, meets,
        {"en": "ISO 13855:2010 6.5 Table 1", "zh-TW": "ISO 13855:2010 6.5 表 1"}, "PP-15", note)


_SHAPES = {"slot": "長條形開口", "square": "方形開口", "round": "圓形開口"}


def guard_calculation(guard):
    """The ISO 13857 check of one guard: reaching over a structure or through an opening."""
    from pse.machinery import reach
    from pse.machinery.data import load
    from pse.machinery.review import Calculation

    note, need = "", None
    try:
        if guard.reach == "over":
            if guard.hazard_height_mm is None or guard.structure_height_mm is None:
                raise ValueError("give hazard_height_mm (a) and structure_height_mm (b)")
            need = reach.reach_over_structure_mm(guard.hazard_height_mm, guard.structure_height_mm)
            cells = f"a = {guard.hazard_height_mm:g} mm, b = {guard.structure_height_mm:g} mm -> c = {need:g} mm"
            equation = {"en": f"ISO 13857 Table 2: {cells}", "zh-TW": f"ISO 13857 表 2：{cells}"}
            checked = reach.reach_over_column_checked(guard.structure_height_mm)
            source = {"en": "ISO 13857:2019 4.2.2 Table 2 (high risk; "
                            f"{'column checked' if checked else 'values not checked'})",
                      "zh-TW": f"ISO 13857:2019 4.2.2 表 2（高風險；{'該欄已查證' if checked else '數值未查證'}）"}
        else:
            if guard.opening_mm is None or guard.shape is None:
                raise ValueError("give opening_mm and shape (slot, square, round)")
            need, part = reach.opening_safety_distance_mm(guard.opening_mm, guard.shape)
            parts = load("iso13857.yaml")["openings"]["body_parts"][part]
            shape = _SHAPES[guard.shape]
            equation = {"en": f"ISO 13857 Table 4: {guard.shape} e = {guard.opening_mm:g} mm ({parts['en']}) -> "
                              f"sr = {need:g} mm",
                        "zh-TW": f"ISO 13857 表 4：{shape} e = {guard.opening_mm:g} mm（{parts['zh-TW']}）-> "
                                 f"sr = {need:g} mm"}
            source = {"en": "ISO 13857:2019 4.2.4.1 Table 4", "zh-TW": "ISO 13857:2019 4.2.4.1 表 4"}
    except ValueError as exc:
        equation, source, note = guard.description, "ISO 13857:2019", str(exc)
    meets = None if need is None or guard.distance_mm is None else guard.distance_mm >= need
    return Calculation(f"iso13857_{guard.id}", {"en": f"Guard {guard.id}: {guard.description}",
                                                "zh-TW": f"護圍 {guard.id}：{guard.description}"},
                       equation, _round(need), guard.distance_mm, meets, source, None, note)


def guard_calculations(machine, edition: str = "2010") -> list:
    """ESPE reach-over and every guard of the machine."""
    rows = [espe_reach_over_calculation(machine, edition)]
    rows += [guard_calculation(g) for g in machine.guards]
    return [r for r in rows if r is not None]
