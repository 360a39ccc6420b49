"""FMEA charts: Pareto of RPN, and the severity x occurrence matrix with AP colours.

Both return a matplotlib Figure made by the figure layer (:mod:`pse.figure`: object-oriented, one font
resolver); :func:`save` writes it as SVG and PNG.
"""

from __future__ import annotations

from pse.fmea.views import _l

AP_EDGE = {"H": "#C62828", "M": "#EF8F00", "L": "#2E7D32"}
AP_FILL = {"H": "#E57373", "M": "#FFCA6B", "L": "#81C784"}


def pareto_chart(result, lang: str = "en", title: str | None = None, study=None):
    """Pareto of RPN: bars (RPN before actions, AP colours) in descending order, RPN after as markers,
    and the cumulative share of total RPN on the right axis."""
    from pse.figure import drawing

    with drawing(study):
        return _pareto(result, lang, title)


def _pareto(result, lang, title):
    import numpy as np

    from pse.figure import new_figure

    n = len(result)
    order = np.lexsort((np.arange(n), -result.occurrence, -result.severity, -result.rpn))
    rpn = result.rpn[order]
    ids = [result.rows[i].id for i in order]
    fig = new_figure(max(6.0, 0.55 * n + 2), 4.6, layout="constrained")
    ax = fig.add_subplot()
    x = np.arange(n)
    colours = [AP_FILL[str(result.ap[i])] for i in order]
    edges = [AP_EDGE[str(result.ap[i])] for i in order]
    ax.bar(x, rpn, color=colours, edgecolor=edges, label=_l("before", lang))
    after = result.re_assessed[order]
    if after.any():
        ax.scatter(x[after], result.rpn_after[order][after], marker="_", s=400, linewidths=2.5, color="#1F3B57",
                   zorder=3, label=f"{_l('rpn_after', lang)}")
    for xi, value in zip(x, rpn, strict=False):
        ax.annotate(str(int(value)), (xi, value), ha="center", va="bottom", fontsize=8,
                    xytext=(0, 2), textcoords="offset points")
    ax.set_xticks(x, ids, rotation=45, ha="right", fontsize=8)
    ax.set_ylabel(_l("rpn", lang) + " = S x O x D")
    ax.set_ylim(0, max(int(rpn.max()) if n else 1, 1) * 1.15)
    share = 100 * np.cumsum(rpn) / max(int(rpn.sum()), 1)
    ax2 = ax.twinx()
    ax2.plot(x, share, color="#1F3B57", marker="o", markersize=3, linewidth=1.2)
    ax2.set_ylim(0, 105)
    ax2.set_ylabel(_l("cumulative", lang))
    ax2.axhline(80, color="#999999", linestyle=":", linewidth=1)
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=AP_FILL[k], edgecolor=AP_EDGE[k], label=_l(f"ap_{k}", lang)) for k in "HML"]
    if after.any():
        handles.append(ax.collections[0])
    ax.legend(handles=handles, loc="upper right", fontsize=8, framealpha=0.9)
    ax.set_title(title or _l("pareto_title", lang))
    return fig


def matrix_chart(result, lang: str = "en", title: str | None = None, study=None):
    """Severity x occurrence matrix (10 x 10): each cell shaded by its AP at the worst detection (D 10) and
    labelled with the AP range over D 1-10; rows plotted at their S/O in their AP colour, with arrows to their
    S/O after actions (hollow markers, AP-after colour)."""
    from pse.figure import drawing

    with drawing(study):
        return _matrix(result, lang, title)


def _matrix(result, lang, title):
    import numpy as np
    from matplotlib.colors import ListedColormap

    from pse.figure import new_figure
    from pse.fmea.ap import load_ap_table

    codes = load_ap_table().codes[1:, 1:, 1:]
    best = codes.min(axis=2).T  # [occurrence-1, severity-1]: AP with the best detection (D=1)
    worst = codes.max(axis=2).T
    fig = new_figure(9.0, 6.4, layout="constrained")
    ax = fig.add_subplot()
    shade = ListedColormap(["#E8F5E9", "#FFF3D6", "#FBE3E3"])
    ax.imshow(worst - 1, cmap=shade, vmin=0, vmax=2, origin="lower", extent=(0.5, 10.5, 0.5, 10.5))
    for sev in range(1, 11):
        for occ in range(1, 11):
            lo, hi = "LMH"[best[occ - 1, sev - 1] - 1], "LMH"[worst[occ - 1, sev - 1] - 1]
            ax.text(sev, occ - 0.32, lo if lo == hi else f"{lo}-{hi}", ha="center", va="center", fontsize=6,
                    color="#888888")
    ax.set_xticks(range(1, 11))
    ax.set_yticks(range(1, 11))
    ax.set_xticks(np.arange(0.5, 11), minor=True)
    ax.set_yticks(np.arange(0.5, 11), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    ax.set_xlabel(_l("severity_axis", lang))
    ax.set_ylabel(_l("occurrence_axis", lang))
    cells: dict = {}
    for i, row in enumerate(result.rows):
        key = (int(result.severity[i]), int(result.occurrence[i]))
        k = cells.setdefault(key, 0)
        cells[key] = k + 1
        dx = -0.3 + 0.3 * (k % 3)
        dy = 0.12 - 0.3 * (k // 3)
        x, y = key[0] + dx, key[1] + dy
        ap = str(result.ap[i])
        if result.re_assessed[i]:
            x2, y2 = int(result.severity_after[i]) + dx, int(result.occurrence_after[i]) + dy
            if (x2, y2) != (x, y):
                ax.annotate("", xy=(x2, y2), xytext=(x, y),
                            arrowprops=dict(arrowstyle="->", color="#1F3B57", lw=1.0, alpha=0.8))
            ax.scatter([x2], [y2], s=40, facecolor="white", edgecolor=AP_EDGE[str(result.ap_after[i])],
                       linewidth=1.5, zorder=3)
        ax.scatter([x], [y], s=70, color=AP_FILL[ap], edgecolor=AP_EDGE[ap], linewidth=1.2, zorder=4)
        ax.annotate(row.id, (x, y), xytext=(0, 7 if k % 2 == 0 else -12), textcoords="offset points",
                    fontsize=7, ha="center", zorder=5,
                    bbox=dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none", alpha=0.7))
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker="o", linestyle="", markerfacecolor=AP_FILL[k], markeredgecolor=AP_EDGE[k],
                      label=_l(f"ap_{k}", lang)) for k in "HML"]
    handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor="#1F3B57",
                          label=_l("after", lang)))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, framealpha=0.9)
    ax.text(1.01, 0.0, _l("matrix_note", lang), transform=ax.transAxes, fontsize=7, color="#555555",
            va="bottom", wrap=True)
    ax.set_xlim(0.5, 10.5)
    ax.set_ylim(0.5, 10.5)
    ax.set_title(title or _l("matrix_title", lang))
    return fig


def save(fig, ctx_or_dir, basename: str, study=None) -> list[str]:
    """Write ``fig`` as ``basename.svg`` and ``basename.png``; returns the relative names written."""
    from pse.figure import save as save_figure

    return save_figure(fig, ctx_or_dir, basename, ("svg", "png"), study=study, dpi=150)
