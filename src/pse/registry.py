"""One registry through which modules plug into pse.

A module (HAZOP, LOPA, FMEA, zoning...) describes itself with a :class:`Module`
and is listed under the ``pse.modules`` entry-point group in ``pyproject.toml``.
The command line, ``pse check`` and ``pse run`` discover modules here, so adding
a module never edits the CLI core.  Module objects must be cheap to import:
heavy libraries are imported inside ``run``/``commands``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from pse.model.errors import Problem
    from pse.model.schema import Study

ENTRY_POINT_GROUP = "pse.modules"


@dataclass
class Section:
    """What a module contributes to a run: a Markdown section and its files."""

    module: str
    title: str
    markdown: str
    files: list[str] = field(default_factory=list)
    figures: list = field(default_factory=list)     # (caption, svg text) pairs: inlined in report.html
    html: str | None = None                          # HTML body for report.html (sanitised; default: the Markdown)
    blocks: list | None = None                       # report.html content: Markdown strings and pse.tables.Sheet
    #                                                  objects (tables built from data); preferred over html/markdown


@dataclass
class RunContext:
    """Where and how a module writes its outputs during ``pse run``.

    ``out`` is a staging directory; files written there are published only when
    the whole run succeeds (see :class:`pse.output.StagedOutput`).  A long module reports its sub-steps
    with :meth:`step` (``ctx.step("charts")``): each is printed with the time since the module started.
    """

    out: Path
    lang: str = "en"
    progress: Callable[[str], None] = lambda message: None
    files: list[str] = field(default_factory=list)
    workbooks: list = field(default_factory=list)   # (relative name, builder): study.xlsx is written from these
    study: object = None                            # the study being run (page headers of printed workbooks)
    module: str = ""                                # label of the module running now (set by pse run)
    started: float = field(default_factory=time.perf_counter)   # when that module started
    defer_workbooks: bool = False                   # pse run: workbooks are cut out of study.xlsx once it is saved
    jobs: object = None                             # pse.jobs.Jobs of the run (None: every job runs at once)
    workbook_jobs: dict = field(default_factory=dict)   # relative name -> job building its parts (pse run)
    parts_folder: str | None = None                 # where those jobs write, inside ``out`` (removed by :meth:`close`)

    def begin(self, module_label: str) -> None:
        """Mark the start of a module's run (its sub-steps are timed from here)."""
        self.module, self.started = module_label, time.perf_counter()
        if self.jobs is not None:
            self.jobs.poll()                        # type: ignore[attr-defined]

    def elapsed_s(self) -> float:
        """Seconds since the running module started."""
        return time.perf_counter() - self.started

    def step(self, text: str) -> None:
        """Report a sub-step of the running module: ``    LOPA: workbook (1.2 s)`` (translated layout)."""
        from pse.i18n import message

        if self.jobs is not None:
            self.jobs.poll()                        # type: ignore[attr-defined]
        self.progress(message("run_substep", self.lang, module=self.module, step=text, seconds=self.elapsed_s()))

    def path(self, relative: str) -> Path:
        """Absolute staging path for an output file (parents created)."""
        target = self.out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if relative not in self.files:
            self.files.append(relative)
        return target

    def write_text(self, relative: str, text: str) -> str:
        """Write a text output and return its relative name."""
        self.path(relative).write_text(text, encoding="utf-8")
        return relative

    def write_bytes(self, relative: str, data: bytes) -> str:
        """Write a binary output and return its relative name."""
        self.path(relative).write_bytes(data)
        return relative

    def in_background(self, name: str, files: list[str], write: Callable[[], object],
                      report_reads: bool = True) -> list[str]:
        """Run ``write`` (it writes ``files``, reserved here) beside the pipeline (:mod:`pse.jobs`).

        ``write`` must write only ``files`` and change nothing in memory that a later stage reads: in a forked
        child, what it changes is lost.  ``pse run`` waits for such a job before the report if the report reads
        its files (``report_reads``: a drawing it embeds), for every other before publishing, and publishes
        nothing unless every job succeeded.  Returns the relative names.
        """
        for relative in files:
            self.path(relative)
        if self.jobs is None:
            write()
        else:
            self.jobs.start(name, write, report_reads)       # type: ignore[attr-defined]
        return list(files)

    def start_workbook_parts(self, relative: str, builder) -> None:
        """Build and serialise the sheets of workbook ``relative`` (``""``: a sheet set of ``study.xlsx`` only)
        as a job (:func:`pse.workbook_parts.module_parts`); ``study.xlsx`` is merged from them."""
        import tempfile
        from functools import partial
        from pathlib import PurePosixPath

        from pse.workbook_parts import module_parts

        if self.parts_folder is None:       # inside the staging folder: the same file system, so a move is a rename
            self.parts_folder = tempfile.mkdtemp(prefix=".pse-sheets-", dir=self.out)
        folder = tempfile.mkdtemp(dir=self.parts_folder)
        stem = PurePosixPath(relative).stem if relative else "traceability"
        self.workbook_jobs[relative] = self.jobs.start(     # type: ignore[attr-defined]
            f"sheets of {relative or stem}", partial(module_parts, builder, stem, folder, bool(relative)),
            report_reads=False)

    def close(self) -> None:
        """Remove the folder of the workbook parts (before the outputs are published)."""
        import shutil

        if self.parts_folder is not None:
            shutil.rmtree(self.parts_folder, ignore_errors=True)
            self.parts_folder = None

    def write_workbook(self, relative: str, content) -> str:
        """Write a module workbook and keep its builder for ``study.xlsx``; returns its relative name.

        ``content`` is a builder (``builder(target)`` adds sheets, see :mod:`pse.workbook`)
        or a list of :class:`pse.tables.Sheet`.  With ``defer_workbooks`` (``pse run``) the file is only
        reserved here and its sheets are built and serialised by a job (:meth:`start_workbook_parts`);
        :func:`pse.report.workbook.write_run_workbooks` writes it and ``study.xlsx`` from them, so no cell is
        serialised twice.
        """
        from pse.workbook import write_workbook

        if not callable(content):
            from pse.tables import sheets_builder

            content = list(content)
            for sheet in content:     # each sheet prints with the study's title and revision, in the run language
                sheet.study = sheet.study if sheet.study is not None else self.study
                sheet.lang = sheet.lang or self.lang
            content = sheets_builder(content)
        target = self.path(relative)
        if not self.defer_workbooks:
            write_workbook(target, content)
        elif self.jobs is not None:
            self.start_workbook_parts(relative, content)
        self.workbooks = [(name, b) for name, b in self.workbooks if name != relative] + [(relative, content)]
        return relative


@dataclass
class Module:
    """A pse module.

    - ``uses(study)``: does the study use this module (has its rows)?
    - ``run(study, ctx)``: write outputs into ``ctx`` and return a :class:`Section`.
    - ``commands()``: click commands this module adds to ``pse`` (built lazily).
    - ``check(study)``: extra validation problems (errors or lint warnings).
    - ``diff(old, new)``: extra lines for ``pse diff`` (e.g. zone areas grown or shrunk).
    - ``actions(study, today, lang)``: findings the module adds to the register (:class:`pse.register.Action`),
      e.g. overdue statutory inspections or a self-check's "no" without a study recommendation.
    - ``profile(study, lang)``: extra risk-profile tables for the report, each
      ``(title, [(level label, colour, before, now, planned), ...])``, for ratings not on a study matrix.
    """

    name: str
    title: dict
    order: int = 50
    uses: Callable[[Study], bool] = lambda study: False
    run: Callable[[Study, RunContext], Section] | None = None
    commands: Callable[[], list] | None = None
    check: Callable[[Study], list[Problem]] | None = None
    command_names: tuple[str, ...] = ()
    diff: Callable[[Study, Study], list] | None = None   # extra `pse diff` lines (pse.diff.Change)
    actions: Callable | None = None        # (study, today, lang) -> list[pse.register.Action]
    profile: Callable | None = None        # (study, lang) -> list[(title, rows)] for the report's risk profile
    recommendations: Callable[[Study], list] | None = None  # generated register entries (dicts), see register

    def label(self, lang: str = "en") -> str:
        return self.title.get(lang) or self.title.get("en") or self.name


@lru_cache(maxsize=1)
def modules() -> tuple[Module, ...]:
    """All registered modules, in report order."""
    from importlib.metadata import entry_points

    found = []
    seen: set[tuple[str, str]] = set()
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if (ep.name, ep.value) in seen:   # the same entry point seen twice (stale metadata of an old install)
            continue
        seen.add((ep.name, ep.value))
        module = ep.load()
        if not isinstance(module, Module):
            raise TypeError(f"entry point {ep.name} = {ep.value} is not a pse.registry.Module")
        found.append(module)
    return tuple(sorted(found, key=lambda m: (m.order, m.name)))


def module_for_command(name: str) -> Module | None:
    """The module that provides the sub-command ``name`` (loaded lazily)."""
    for module in modules():
        if name in module.command_names:
            return module
    return None


def module_problems(study: Study) -> list[Problem]:
    """Problems reported by every module's ``check`` for the modules the study uses."""
    problems = []
    for module in modules():
        if module.check is not None and module.uses(study):
            problems.extend(module.check(study))
    return problems


def study_command(*args, **kwargs):
    """Moved to :func:`pse.commands.study_command` (kept here for modules written against the registry)."""
    from pse.commands import study_command as make

    return make(*args, **kwargs)
