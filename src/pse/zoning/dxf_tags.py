"""The plan's model space as DXF tag text, written directly; ezdxf writes the document around it.

ezdxf's exporter is generic: for every entity it looks up each attribute, compares it with its default and
formats one tag at a time (pure Python, ~30 us per vertex or attribute).  At site scale the plan's model space
holds thousands of entities and ~64,000 outline coordinates (N = 1,000: 4,050 entities, 2.4 s of ezdxf export
profiled; N = 10^4: ~38 s), so :class:`ModelSpace` writes the same tags itself, in ezdxf 1.4's order and number
format (group code right-aligned in three characters, each value as Python's ``str``), for the entity kinds of
the plan: TEXT (left on its baseline, the insert point repeated as alignment point), CIRCLE, LWPOLYLINE, LINE and
HATCH with polyline and whole-circle (arc edge) boundary paths.  The parts of a HATCH that are no geometry (its
header and its pattern definition lines at their scale) are ezdxf's own export of a HATCH with that layer and
pattern (:func:`_hatch_template`).  Handles come from the document's handle generator in creation order, so the
document is the one ezdxf would have written, byte for byte (``tests/zoning/test_dxf.py`` reads the file back
with ezdxf and checks that ezdxf writes every model-space entity with exactly these tags).
"""

from __future__ import annotations

from functools import cache
from typing import Any

ENTITIES_SECTION = "  0\nSECTION\n  2\nENTITIES\n"   # how ezdxf opens the ENTITIES section


def _one_line(text: str) -> str:
    """TEXT content as ezdxf stores it (its ``fix_one_line_text``: no line breaks, no trailing ``^``)."""
    if "\n" in text or "\r" in text or text.endswith("^"):
        return text.replace("\n", "").replace("\r", "").rstrip("^")
    return text


def vertex_tags(xy: Any) -> list[str]:
    """The `` 10/ 20`` tag pair of each row (x, y) of ``xy`` (from two flat lists: no Python list per vertex);
    a zone ring's pairs serve its LWPOLYLINE and, less the closing vertex, its hatch path."""
    import numpy as np

    xy = np.asarray(xy, dtype=float)
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise ValueError(f"vertices must be rows of (x, y), not an array of shape {xy.shape}")
    return [f" 10\n{x}\n 20\n{y}\n" for x, y in zip(xy[:, 0].tolist(), xy[:, 1].tolist(), strict=True)]


@cache
def _hatch_template(layer: str, pattern: str, scale: float, dxfversion: str) -> tuple[str, str]:
    """(head, tail) of ezdxf's export of a pattern-filled HATCH on ``layer``: everything before the boundary
    path count (handle ``{h}``, owner ``{o}``) and everything after the paths (style, pattern lines, seeds)."""
    import io

    from ezdxf.entities import Hatch
    from ezdxf.lldxf.tagwriter import TagWriter

    hatch = Hatch.new(handle="\0H", owner="\0O", dxfattribs={"layer": layer})
    hatch.set_pattern_fill(pattern, scale=scale)
    hatch.paths.add_polyline_path([(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)], is_closed=True, flags=1)
    stream = io.StringIO()
    hatch.export_dxf(TagWriter(stream, dxfversion=dxfversion))
    text = stream.getvalue()
    head_end = text.index(" 91\n1\n")
    tail_start = text.index(" 97\n0\n", head_end) + len(" 97\n0\n")
    head = text[:head_end].replace("{", "{{").replace("}", "}}").replace("\0H", "{h}").replace("\0O", "{o}")
    return head, text[tail_start:]


class ModelSpace:
    """Entities of the model space of ``doc`` as DXF text, handles taken from the document in creation order.
    :meth:`insert_into` puts them into the ENTITIES section of the document's own export."""

    def __init__(self, doc: Any):
        self._next = doc.entitydb.next_handle
        self._owner = doc.modelspace().layout_key
        self._version = doc.dxfversion
        self.parts: list[str] = []
        self.count = 0

    def _head(self, kind: str, layer: str, subclass: str, handle: str | None = None) -> str:
        self.count += 1
        return (f"  0\n{kind}\n  5\n{handle or self._next()}\n330\n{self._owner}\n100\nAcDbEntity\n  8\n{layer}\n"
                f"100\n{subclass}\n")

    def text(self, text: str, height: float, point: tuple[float, float], layer: str, style: str) -> None:
        """A TEXT left on its baseline at ``point`` (insert and alignment point)."""
        x, y = float(point[0]), float(point[1])
        self.parts.append(self._head("TEXT", layer, "AcDbText") +
                          f" 10\n{x}\n 20\n{y}\n 30\n0.0\n 40\n{float(height)}\n  1\n{_one_line(str(text))}\n"
                          f"  7\n{style}\n 11\n{x}\n 21\n{y}\n 31\n0.0\n100\nAcDbText\n")

    def circle(self, centre: tuple[float, float], radius: float, layer: str) -> None:
        self.parts.append(self._head("CIRCLE", layer, "AcDbCircle") +
                          f" 10\n{float(centre[0])}\n 20\n{float(centre[1])}\n 30\n0.0\n 40\n{float(radius)}\n")

    def line(self, start: tuple[float, float], end: tuple[float, float], layer: str) -> None:
        self.parts.append(self._head("LINE", layer, "AcDbLine") +
                          f" 10\n{float(start[0])}\n 20\n{float(start[1])}\n 30\n0.0\n"
                          f" 11\n{float(end[0])}\n 21\n{float(end[1])}\n 31\n0.0\n")

    def lwpolyline(self, xy: Any, layer: str, closed: bool, const_width: float | None = None,
                   tags: list[str] | None = None) -> None:
        """An LWPOLYLINE through every row of ``xy`` (x, y), as given (``tags``: their :func:`vertex_tags`)."""
        tags = vertex_tags(xy) if tags is None else tags
        width = f" 43\n{float(const_width)}\n" if const_width else ""
        self.parts.append(self._head("LWPOLYLINE", layer, "AcDbPolyline") +
                          f" 90\n{len(tags)}\n 70\n{int(closed)}\n{width}" + "".join(tags))

    def hatch(self, layer: str, pattern: str, scale: float) -> Hatch:
        """A pattern-filled HATCH, its handle taken now (before its boundary entities); add its paths, then
        :meth:`Hatch.close` it."""
        return Hatch(self, self._next(), layer, _hatch_template(layer, pattern, scale, self._version))

    def text_of(self) -> str:
        return "".join(self.parts)

    def insert_into(self, document_text: str) -> str:
        """``document_text`` (ezdxf's export of the document, model space empty) with these entities first in
        its ENTITIES section, where ezdxf writes the model space."""
        if document_text.count(ENTITIES_SECTION) != 1:
            raise ValueError("the DXF export has no single ENTITIES section")
        at = document_text.index(ENTITIES_SECTION) + len(ENTITIES_SECTION)
        return document_text[:at] + self.text_of() + document_text[at:]


class Hatch:
    """A HATCH being written: its place among the entities is kept, its text completed by :meth:`close`."""

    def __init__(self, space: ModelSpace, handle: str, layer: str, template: tuple[str, str]):
        self.space, self.template = space, template
        self.paths: list[str] = []
        space.count += 1
        self.index = len(space.parts)
        space.parts.append("")
        self.head = template[0].format(h=handle, o=space._owner)

    def polyline_path(self, xy: Any, flags: int, tags: list[str] | None = None) -> None:
        """A closed polyline boundary path through the rows of ``xy`` (no bulges; ``tags``: their
        :func:`vertex_tags`); ``flags`` 1 outer, 0 inner (the polyline bit 2 is added, as ezdxf does)."""
        tags = vertex_tags(xy) if tags is None else tags
        self.paths.append(f" 92\n{flags | 2}\n 72\n0\n 73\n1\n 93\n{len(tags)}\n" + "".join(tags) + " 97\n0\n")

    def circle_path(self, centre: tuple[float, float], radius: float, flags: int) -> None:
        """An edge path of one counter-clockwise 0-360 degree arc: a whole circle."""
        self.paths.append(f" 92\n{flags}\n 93\n1\n 72\n2\n 10\n{float(centre[0])}\n 20\n{float(centre[1])}\n"
                          f" 40\n{float(radius)}\n 50\n0.0\n 51\n360.0\n 73\n1\n 97\n0\n")

    def close(self) -> None:
        self.space.parts[self.index] = (self.head + f" 91\n{len(self.paths)}\n" + "".join(self.paths)
                                        + self.template[1])
