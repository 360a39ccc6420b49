"""Module workbooks cut out of ``study.xlsx`` at the zip level, so no cell is serialised twice.

An ``.xlsx`` file is a zip of XML parts (ECMA-376 Part 2, Open Packaging Conventions).  ``pse run`` saves
``study.xlsx`` once with every module's sheets; the own workbook of each module built on it (one that
:mod:`pse.workbook_parts` cannot merge: images, comments, a clashing sheet title) is then made from its parts:
the module's worksheets and every part they reach through their relationships (drawings, images, comments and
their VML) are copied verbatim, the shared parts (``styles.xml``, ``theme1.xml``, ``sharedStrings.xml`` if any,
``docProps``) are kept whole, and only the package's index parts are written anew: ``xl/workbook.xml`` (the
module's sheets with the names they have in the module's own build, and their defined names, print titles,
print areas and filters, with ``localSheetId`` renumbered), ``xl/_rels/workbook.xml.rels`` and
``[Content_Types].xml``.  The cell styles of a copied sheet index ``styles.xml`` of ``study.xlsx``, which is why it
is kept whole.
"""

from __future__ import annotations

import posixpath
import zipfile
from xml.etree import ElementTree as ET

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOC_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
WORKSHEET_REL = f"{DOC_REL_NS}/worksheet"
WORKBOOK_PART = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
TYPES_PART = "[Content_Types].xml"


def rels_part(part: str) -> str:
    """The relationships part of a part (OPC: ``dir/_rels/name.rels``).

    >>> rels_part("xl/worksheets/sheet3.xml")
    'xl/worksheets/_rels/sheet3.xml.rels'
    """
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def resolve_target(source_part: str, target: str) -> str:
    """The zip name a relationship target points to (absolute ``/xl/...`` or relative to the source's folder).

    >>> resolve_target("xl/workbook.xml", "styles.xml"), resolve_target("xl/workbook.xml", "/xl/worksheets/sheet1.xml")
    ('xl/styles.xml', 'xl/worksheets/sheet1.xml')
    >>> resolve_target("xl/drawings/drawing1.xml", "../media/image1.png")
    'xl/media/image1.png'
    """
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def _quoted(title: str) -> str:
    """A sheet name as formulas and defined names write it: ``'N-01'`` (quotes doubled inside)."""
    return "'" + title.replace("'", "''") + "'"


class StudyParts:
    """The parts of a saved ``study.xlsx``, read once, from which module workbooks are written.

    ``sheet_title`` of :meth:`write` are the titles in ``study.xlsx``; each is written under the title the sheet has
    in the module's own build (a sheet renamed in ``study.xlsx`` to avoid a clash gets its own name back).
    """

    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        self.names = set(self.zip.namelist())
        self.workbook = ET.fromstring(self.zip.read(WORKBOOK_PART))
        self.relations = self._relations(WORKBOOK_PART)
        sheets = self.workbook.find(f"{{{MAIN_NS}}}sheets")
        assert sheets is not None, "study.xlsx without sheets"
        self.sheets = {el.get("name"): (index, el) for index, el in enumerate(sheets)}
        names = self.workbook.find(f"{{{MAIN_NS}}}definedNames")
        self.defined_names = list(names) if names is not None else []
        self.shared = [target for _, (kind, target) in self.relations.items() if kind != WORKSHEET_REL]

    def close(self) -> None:
        self.zip.close()

    def _relations(self, part: str) -> dict[str, tuple[str, str]]:
        """``{id: (type, zip name)}`` of a part's internal relationships (none if it has no rels part)."""
        rels = rels_part(part)
        if rels not in self.names:
            return {}
        tree = ET.fromstring(self.zip.read(rels))
        return {el.get("Id", ""): (el.get("Type", ""), resolve_target(part, el.get("Target", "")))
                for el in tree if el.get("TargetMode") != "External"}

    def reached(self, part: str) -> list[str]:
        """``part``, its relationships part and every part reached from it (drawings -> images ...), once each."""
        found: list[str] = []
        todo = [part]
        while todo:
            current = todo.pop()
            if current in found or current not in self.names:
                continue
            found.append(current)
            if rels_part(current) in self.names:
                found.append(rels_part(current))
                todo.extend(target for _, target in self._relations(current).values())
        return found

    def write(self, path, titles: list[tuple[str, str]]) -> None:
        """A workbook of the sheets ``[(title in study.xlsx, title in the module's workbook)]``, in that order."""
        from pse.output import atomic_write_bytes

        chosen = [(self.sheets[study_title], own) for study_title, own in titles]
        parts: list[str] = []
        for (_, element), _own in chosen:
            rel_id = element.get(f"{{{DOC_REL_NS}}}id", "")
            parts.extend(p for p in self.reached(self.relations[rel_id][1]) if p not in parts)
        shared = ["_rels/.rels", *(p for p in self.names if p.startswith("docProps/")), *self.shared]
        kept = [p for p in dict.fromkeys(shared + parts) if p in self.names]
        import io

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            out.writestr(TYPES_PART, self._content_types(kept))
            for part in kept:
                out.writestr(part, self.zip.read(part))
            out.writestr(WORKBOOK_PART, self._workbook_xml(chosen))
            out.writestr(WORKBOOK_RELS, self._workbook_rels(chosen))
        atomic_write_bytes(path, buffer.getvalue())

    def _workbook_xml(self, chosen) -> bytes:
        """``xl/workbook.xml`` listing only the chosen sheets, their local defined names renumbered and renamed."""
        import copy

        book = copy.deepcopy(self.workbook)
        sheets = book.find(f"{{{MAIN_NS}}}sheets")
        assert sheets is not None
        for child in list(sheets):
            sheets.remove(child)
        renumbered: dict[str, tuple[int, str, str]] = {}     # old localSheetId -> (new, old title, own title)
        first_visible = None
        for new, ((old, element), own) in enumerate(chosen):
            sheet = copy.deepcopy(element)
            renumbered[str(old)] = (new, element.get("name"), own)
            sheet.set("name", own)
            sheet.set("sheetId", str(new + 1))
            sheet.set(f"{{{DOC_REL_NS}}}id", f"rId{new + 1}")
            if first_visible is None and sheet.get("state", "visible") == "visible":
                first_visible = new
            sheets.append(sheet)
        names = book.find(f"{{{MAIN_NS}}}definedNames")
        if names is not None:
            for child in list(names):
                names.remove(child)
            for defined in self.defined_names:
                local = defined.get("localSheetId")
                if local is None or local not in renumbered:
                    continue            # openpyxl writes only local names for pse's sheets (print titles, filters)
                new, old_title, own = renumbered[local]
                kept = copy.deepcopy(defined)
                kept.set("localSheetId", str(new))
                kept.text = (kept.text or "").replace(_quoted(old_title), _quoted(own))
                names.append(kept)
            if not len(names):
                book.remove(names)
        view = book.find(f"{{{MAIN_NS}}}bookViews/{{{MAIN_NS}}}workbookView")
        if view is not None:
            view.set("activeTab", str(first_visible or 0))
            view.set("firstSheet", "0")
        ET.register_namespace("", MAIN_NS)
        ET.register_namespace("r", DOC_REL_NS)
        return ET.tostring(book, encoding="utf-8", xml_declaration=True)

    def _workbook_rels(self, chosen) -> bytes:
        """``xl/_rels/workbook.xml.rels``: the chosen sheets as ``rId1..n``, then the shared parts."""
        root = ET.Element(f"{{{PKG_REL_NS}}}Relationships")
        for new, ((_, element), _own) in enumerate(chosen, start=1):
            target = self.relations[element.get(f"{{{DOC_REL_NS}}}id", "")][1]
            ET.SubElement(root, f"{{{PKG_REL_NS}}}Relationship",
                          {"Type": WORKSHEET_REL, "Target": f"/{target}", "Id": f"rId{new}"})
        for n, (kind, target) in enumerate((r for r in self.relations.values() if r[0] != WORKSHEET_REL),
                                           start=len(chosen) + 1):
            ET.SubElement(root, f"{{{PKG_REL_NS}}}Relationship", {"Type": kind, "Target": f"/{target}",
                                                                   "Id": f"rId{n}"})
        ET.register_namespace("", PKG_REL_NS)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True)

    def _content_types(self, kept: list[str]) -> bytes:
        """``[Content_Types].xml``: every default kept, the overrides of the kept parts and the workbook."""
        types = ET.fromstring(self.zip.read(TYPES_PART))
        present = {f"/{p}" for p in kept} | {f"/{WORKBOOK_PART}"}
        for child in list(types):
            if child.tag == f"{{{TYPES_NS}}}Override" and child.get("PartName") not in present:
                types.remove(child)
        ET.register_namespace("", TYPES_NS)
        return ET.tostring(types, encoding="utf-8", xml_declaration=True)
