"""The plan's model space written as DXF text (:mod:`pse.zoning.dxf_tags`) is what ezdxf itself writes."""

from __future__ import annotations

import io

import ezdxf
import numpy as np
import pytest
from ezdxf.lldxf.tagwriter import TagWriter
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import WORKSHEETS
from pse.zoning.dxf import TEXT_STYLE, write_dxf
from pse.zoning.dxf_tags import ENTITIES_SECTION, ModelSpace


def _records(section: str) -> list[str]:
    """The entity records of an ENTITIES section's text, each from its ``  0`` tag."""
    lines = section.split("\n")
    records, current = [], []
    for code, value in zip(lines[0::2], lines[1::2], strict=False):
        if code == "  0" and current:
            records.append("\n".join(current) + "\n")
            current = []
        current += [code, value]
    return records


def _ezdxf_export(entity, dxfversion: str) -> str:
    stream = io.StringIO()
    entity.export_dxf(TagWriter(stream, dxfversion=dxfversion))
    return stream.getvalue()


@pytest.mark.parametrize("name", ["hydrogen-gas-cabinet", "paint-mixing-open-vessels", "seed001-zoning"])
def test_ezdxf_reads_the_plan_and_writes_every_entity_back_with_the_same_tags(name, tmp_path):
    from pse.model.validate import load_study
    from pse.zoning.area import classify_area

    study = load_study(WORKSHEETS / f"{name}.yaml")
    write_dxf(classify_area(study), tmp_path / "plan.dxf", "zh-TW")
    text = (tmp_path / "plan.dxf").read_text(encoding="utf-8")
    doc = ezdxf.readfile(tmp_path / "plan.dxf")
    assert not doc.audit().has_errors
    section = text[text.index(ENTITIES_SECTION) + len(ENTITIES_SECTION):]
    msp = list(doc.modelspace())
    records = _records(section)[:len(msp)]
    assert {e.dxftype() for e in msp} >= {"HATCH", "CIRCLE", "TEXT", "LWPOLYLINE", "LINE"}
    assert [_ezdxf_export(e, doc.dxfversion) for e in msp] == records


def _reference(doc, entities) -> None:
    """The same entities made the way pse made them with ezdxf's API (before :mod:`pse.zoning.dxf_tags`)."""
    msp = doc.modelspace()
    for kind, *args in entities:
        if kind == "text":
            text, height, point = args
            msp.add_text(text, height=height, dxfattribs={"layer": "TEXT", "style": TEXT_STYLE, "insert": point,
                                                          "align_point": point})
        elif kind == "circle":
            msp.add_circle(args[0], args[1], dxfattribs={"layer": "SOURCES"})
        elif kind == "line":
            msp.add_line(args[0], args[1], dxfattribs={"layer": "SECTION"})
        elif kind == "polyline":
            xy, closed, width = args
            entity = msp.add_lwpolyline([], close=closed, dxfattribs={"layer": "WALLS", **(
                {"const_width": width} if width else {})})
            vertices = np.zeros((len(xy), 5))
            vertices[:, :2] = xy
            entity.lwpoints.extend(vertices)
        else:
            ring, centre, radius = args
            hatch = msp.add_hatch(color=1, dxfattribs={"layer": "ZONE-1"})
            hatch.set_pattern_fill("ANSI31", scale=0.05)
            hatch.paths.add_polyline_path(ring, is_closed=True, flags=1)
            hatch.paths.add_edge_path(flags=0).add_arc(centre, radius, 0.0, 360.0)


def _written(doc, entities) -> str:
    space = ModelSpace(doc)
    for kind, *args in entities:
        if kind == "text":
            space.text(args[0], args[1], args[2], "TEXT", TEXT_STYLE)
        elif kind == "circle":
            space.circle(args[0], args[1], "SOURCES")
        elif kind == "line":
            space.line(args[0], args[1], "SECTION")
        elif kind == "polyline":
            space.lwpolyline(np.asarray(args[0]), "WALLS", closed=args[1], const_width=args[2])
        else:
            hatch = space.hatch("ZONE-1", "ANSI31", 0.05)
            hatch.polyline_path(np.asarray(args[0]), 1)
            hatch.circle_path(args[1], args[2], 0)
            hatch.close()
    return space.text_of()


coordinate = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
point = st.tuples(coordinate, coordinate)
ring = st.lists(point, min_size=3, max_size=12)
entity = st.one_of(
    st.tuples(st.just("text"), st.text(alphabet=st.sampled_from("AZaz09 -_區域危險^\n\r()"), min_size=1, max_size=20),
              st.floats(0.01, 10), point),
    st.tuples(st.just("circle"), point, st.floats(1e-3, 1e3)),
    st.tuples(st.just("line"), point, point),
    st.tuples(st.just("polyline"), ring, st.booleans(), st.sampled_from([None, 0.1, 0.7])),
    st.tuples(st.just("hatch"), ring, point, st.floats(1e-3, 1e3)),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(entity, min_size=1, max_size=8))
def test_the_model_space_writer_writes_what_ezdxf_writes(entities):
    """Any mix of the plan's entity kinds, with any coordinates and text (line breaks and a trailing ``^`` are
    removed as ezdxf removes them): the same tags, values and handles as ezdxf's own export."""
    reference = ezdxf.new("R2010")
    _reference(reference, entities)
    expected = "".join(_ezdxf_export(e, reference.dxfversion) for e in reference.modelspace())
    assert _written(ezdxf.new("R2010"), entities) == expected
