"""pse.figure_outlines draws what matplotlib draws: no clipping without a clip box, only the ticks inside the
limits, wrapped text wrapped."""

from __future__ import annotations

from pse.figure import new_figure
from pse.figure_outlines import drawn_texts, outline_texts


def _patches(fig):
    from matplotlib.patches import PathPatch

    return [a for a in [*fig.artists, *(c for ax in fig.axes for c in ax.get_children())] if isinstance(a, PathPatch)]


def test_a_legend_outside_the_axes_is_not_clipped_to_them():
    """matplotlib clips a text to its clip box (Artist._set_gc_clip): a legend's texts are clip_on with no box, so a
    legend beside the axes is drawn whole; its outlines belong to the axes but must not be clipped to them."""
    fig = new_figure(5, 3)
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1], label="cumulative share")
    legend = ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))
    assert legend.get_texts()[0].get_clip_on() and legend.get_texts()[0].get_clip_box() is None
    outline_texts(fig)
    outlined = [p for p in _patches(fig) if p.axes is ax]
    assert outlined and not any(p.get_clip_on() for p in outlined)


def test_a_clipped_text_keeps_its_own_clip_box():
    fig = new_figure(4, 3)
    ax = fig.add_subplot()
    text = ax.text(0.5, 0.5, "clipped", clip_on=True)
    box = text.get_clip_box()
    outline_texts(fig)
    (patch,) = [p for p in _patches(fig) if p.axes is ax and p.get_clip_on()]
    assert box is not None and patch.get_clip_box() is box and patch.get_clip_path() is None


def test_only_the_tick_labels_inside_the_limits_are_outlined():
    fig = new_figure(4, 3)
    ax = fig.add_subplot()
    ax.set_xticks([-1, 0, 0.5, 1, 2])            # matplotlib draws the three inside 0..1
    ax.set_xlim(0, 1)
    ax.set_yticks([])
    labels = {t.get_text() for t in drawn_texts(fig) if t.get_text()}
    assert labels == {"0.0", "0.5", "1.0"}


def test_a_wrapped_text_is_outlined_wrapped():
    fig = new_figure(3, 3)
    fig.text(0.05, 0.5, " ".join(["hazardous"] * 30), wrap=True)
    outline_texts(fig)
    (patch,) = _patches(fig)
    extent = patch.get_path().get_extents()          # inches (the patch is placed with fig.dpi_scale_trans)
    assert extent.x1 <= 3.0 + 1e-6 and extent.height > 0.5   # inside the figure, on several lines
