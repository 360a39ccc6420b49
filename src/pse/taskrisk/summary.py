"""Summary of a task risk assessment: rows per risk level before and after measures, the
heat map of the risk matrix, and the list of unacceptable risks."""

from __future__ import annotations

from pse.taskrisk import rating
from pse.taskrisk.data import LABELS


def _l(key: str, lang: str) -> str:
    from pse.i18n import label

    return label(key, lang, LABELS)


def level_counts(assessed, matrix, lang: str = "en"):
    """Rows per risk level before measures (initial) and after (residual, or the initial level
    when a row has no residual rating).  Rows without a rating are counted as "not rated"."""
    import pandas as pd

    before = [a.initial_level for a in assessed]
    after = [a.final_level for a in assessed]
    records = []
    for level in reversed(matrix.level_values):
        records.append({_l("risk_level", lang): level, _l("level_name", lang): matrix.label(level, lang),
                        _l("before", lang): before.count(level), _l("after", lang): after.count(level)})
    if None in before:               # blank cells are "" (None would turn the level column into floats)
        records.append({_l("risk_level", lang): "", _l("level_name", lang): _l("not_rated", lang),
                        _l("before", lang): before.count(None), _l("after", lang): after.count(None)})
    records.append({_l("risk_level", lang): "", _l("level_name", lang): _l("total", lang),
                    _l("before", lang): len(before), _l("after", lang): len(after)})
    return pd.DataFrame(records, dtype=object)


def cell_counts(assessed, matrix, residual: bool = False):
    """Counts per matrix cell as a severity x likelihood numpy array (rows in severity rank order)."""
    import numpy as np

    sev, lik = matrix.severity_ids, matrix.likelihood_ids
    grid = np.zeros((len(sev), len(lik)), dtype=int)
    for a in assessed:
        row = a.row
        s, p = ((row.residual_severity, row.residual_likelihood) if residual and a.residual_level is not None
                else (row.severity, row.likelihood))
        if s is None or p is None:
            continue
        grid[sev.index(matrix.severity(s)), lik.index(matrix.likelihood(p))] += 1
    return grid


def unacceptable(assessed, matrix, settings, lang: str = "en"):
    """Rows whose risk after measures (residual, else initial) is not acceptable, worst first,
    with the required action of their level."""
    import pandas as pd

    records, finals = [], []
    for a in assessed:
        level = a.final_level
        if level is None or rating.residual_acceptable(level, matrix, settings.acceptable_residual_level):
            continue
        info = matrix.describe(level)
        finals.append(level)
        records.append({
            _l("row", lang): a.row.id, _l("task_name", lang): f"{a.task.id} {a.task.name}",
            _l("scenario", lang): a.row.scenario, _l("risk_level", lang): a.initial_level,
            _l("residual_level", lang) + " (" + _l("after", lang) + ")":
                a.residual_level if a.residual_level is not None else "",
            _l("action", lang): info.action.get(lang, info.action["en"]),
            _l("owner", lang): ", ".join(sorted({m.owner for m in a.row.measures if m.owner})),
        })
    table = pd.DataFrame(records, dtype=object)
    if len(table):
        table = table.assign(_final=finals).sort_values("_final", ascending=False, kind="stable")
        table = table.drop(columns="_final")
    return table


def heat_map(assessed, matrix, lang: str = "en", title: str = "", study=None):
    """A matplotlib figure (figure layer :mod:`pse.figure`): the risk matrix coloured by level, with the
    number of rows in each cell before (left) and after (right) the measures."""
    from pse.figure import drawing

    with drawing(study):
        return _heat_map(assessed, matrix, lang, title)


def _heat_map(assessed, matrix, lang, title):
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Rectangle

    from pse.figure import new_figure
    from pse.fmea.charts import freeze_layout
    from pse.taskrisk.export import _text_colour

    sev, lik = matrix.severity_ids, matrix.likelihood_ids
    fig = new_figure(10, 4.6)   # laid out once (freeze_layout): saved as SVG and PNG without a new layout
    axes = fig.subplots(1, 2)
    for ax, residual, key in ((axes[0], False, "before"), (axes[1], True, "after")):
        grid = cell_counts(assessed, matrix, residual=residual)
        cells, colours = [], []
        for i, s in enumerate(sev):
            for j, p in enumerate(lik):
                level = matrix.cells[s, p]
                colour = matrix.describe(level).colour
                cells.append(Rectangle((j, i), 1, 1))
                colours.append(colour)
                n = grid[i, j]
                text = f"{level}\n" + (f"n = {n}" if n else "")
                ax.text(j + 0.5, i + 0.5, text, ha="center", va="center", fontsize=11,
                        fontweight="bold" if n else "normal", color=f"#{_text_colour(colour)}")
        ax.add_collection(PatchCollection(cells, facecolors=colours, edgecolors="white", linewidths=2, zorder=1))
        ax.set_xlim(0, len(lik))
        ax.set_ylim(0, len(sev))
        ax.set_xticks([j + 0.5 for j in range(len(lik))], lik)
        ax.set_yticks([i + 0.5 for i in range(len(sev))], sev)
        ax.set_xlabel(_l("likelihood", lang))
        ax.set_ylabel(_l("severity", lang))
        ax.set_title(f"{_l(key, lang)} ({int(grid.sum())})")
        ax.set_aspect("equal")
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
    fig.suptitle(title or f"{_l('heat_map', lang)} - {matrix.id}")
    return freeze_layout(fig)


def heat_map_files(fig, study=None) -> dict[str, bytes]:
    """The figure as SVG and PNG bytes."""
    from pse.figure import to_bytes

    return {fmt: to_bytes(fig, fmt, study, dpi=120, name="taskrisk/heatmap") for fmt in ("svg", "png")}
