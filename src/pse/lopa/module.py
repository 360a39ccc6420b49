"""LOPA in the pse registry: the `pse run` section and the `pse lopa` / `pse sil` commands."""

from __future__ import annotations

from pse.registry import Module, RunContext, Section


def _uses(study) -> bool:
    from pse.lopa.evaluate import lopa_scenarios  # hand-set flags and the HAZOP rule

    return bool(lopa_scenarios(study)) or bool(study.sifs)


def _check(study):
    from pse.lopa.evaluate import check

    return check(study)


#: Excel widths (characters) of the LOPA sheet's text columns, so a printed row of the audit trail is a few
#: lines high instead of one word per line in a 10-character column
AUDIT_TEXT_WIDTHS = {"consequence": 24, "severity": 16, "initiating_event": 20, "ie_source": 24, "enabling": 22,
                     "modifiers": 24,
                     "tolerable_source": 28, "gap_action": 18, "credited": 24, "proposed_layers": 20,
                     "non_ipl": 26, "justification": 22, "notes": 22}


def _sheets(study, lang: str):
    """The LOPA worksheet, SIF list and uncertainty table as exportable sheets."""
    from pse.i18n import label
    from pse.lopa.views import FREQUENCY_KEYS, LABELS, analyse, sif_table, uncertainty_table, worksheet
    from pse.tables import Sheet

    result, verifications = analyse(study)
    meta = study.study
    header = [f"{meta.title} - {meta.company or ''} {meta.site or ''}".strip(),
              f"{label('revision', lang)}: {meta.revision or '-'}  {label('date', lang)}: {meta.date or '-'}"]
    sci = tuple(label(k, lang, LABELS) for k in FREQUENCY_KEYS) + tuple(
        label(k, lang, LABELS) for k in ("general_design", "bpcs", "alarm", "additional_mitigation", "ipl",
                                         "sis", "pfd_avg", "enabling", "modifiers"))
    meets = {label(k, lang, LABELS) for k in ("meets_now", "meets_planned")}
    no = label("answer_no", lang, LABELS)
    verdict = label("verdict", lang, LABELS)
    ok = label("verdict_meets", lang, LABELS)

    def colour(column, value, row):
        if column in meets:
            return "#F4B6B6" if value == no else "#C8E6C9"
        if column == verdict and isinstance(value, str):
            return "#C8E6C9" if value == ok else "#F4B6B6"
        return None

    sheets = [
        Sheet("LOPA", worksheet(study, lang, result), label("lopa", lang, LABELS), header, sci, colour,
              widths={label(k, lang, LABELS): w for k, w in AUDIT_TEXT_WIDTHS.items()},
              pages_wide=2),          # the audit trail's 32 columns: two A3 pages wide, the scenario ID on both
        Sheet("SIF", sif_table(study, lang, result, verifications), label("sif_list", lang, LABELS), header, sci,
              colour),
        Sheet("Uncertainty", uncertainty_table(study, lang, result), label("uncertainty", lang, LABELS), header,
              sci),
    ]
    return result, verifications, sheets


def _shown(sheet):
    """``(client table, displayed table, its Markdown cells, language)`` of a sheet, each made once
    (:func:`pse.tables.display_table`, :func:`pse.tables.markdown_cells`)."""
    from pse.tables import _client, _guess_lang, display_table, markdown_cells

    lang = sheet.lang or _guess_lang(sheet)
    client = _client(sheet.table, lang)
    table = display_table(sheet, client)
    return client, table, markdown_cells(table) if len(table) else None, lang


def _write_sheet(ctx: RunContext, base: str, sheet) -> tuple[list[str], str, tuple]:
    """``base.{csv,md,html}`` of one sheet; returns the files, the sheet's Markdown and what :func:`_shown` made
    (each made once: the CSV, the Markdown and both HTML tables are written from the same tables)."""
    from pse.tables import to_csv, to_html, to_markdown

    shown = _shown(sheet)
    client, table, cells, lang = shown
    markdown = to_markdown(sheet, table, cells)
    files = [ctx.write_text(f"{base}.csv", to_csv(sheet.table, lang, client)),
             ctx.write_text(f"{base}.md", markdown), ctx.write_text(f"{base}.html", to_html(sheet, table))]
    sheet.files = list(files)
    return files, markdown, shown


def _run(study, ctx: RunContext, made=None) -> Section:
    """The LOPA section of ``pse run`` (``made``: :func:`_sheets` in ``ctx.lang`` if already made)."""
    from pse.i18n import label as catalogue_label
    from pse.lopa.section_html import section_html
    from pse.lopa.views import verification_report
    from pse.tables import to_markdown

    ctx.progress(catalogue_label("progress_lopa", ctx.lang))
    result, verifications, sheets = made or _sheets(study, ctx.lang)
    files: list[str] = []
    markdowns, shown = [], []
    for sheet, base in zip(sheets, ("lopa/lopa-worksheet", "lopa/sif-list", "lopa/lopa-uncertainty"), strict=True):
        written, markdown, made = _write_sheet(ctx, base, sheet)
        files += written
        markdowns.append(markdown)
        shown.append(made)
    ctx.write_workbook("lopa/lopa.xlsx", sheets)
    files.append("lopa/lopa.xlsx")
    report = verification_report(verifications, ctx.lang)
    files.append(ctx.write_text("lopa/sif-verification.md", report))
    # the report shows the compact LOPA table; the full audit table is in the files above
    compact = _compact_sheet(study, ctx.lang, result, sheets[0])
    made = [_shown(compact)]
    # write_workbook gave each sheet the run language: a table shown in another language is shown again
    made += [m if (sheet.lang or m[3]) == m[3] else (None, None, None, None)
             for sheet, m in zip(sheets[1:], shown[1:], strict=True)]
    tables_md = "\n".join([to_markdown(compact, made[0][1], made[0][2])] + markdowns[1:])
    html = section_html([compact] + sheets[1:], [m[1] for m in made], [m[2] for m in made])
    html += verification_report(verifications, ctx.lang, fmt="html")
    return Section("lopa", sheets[0].title, f"## {sheets[0].title}\n\n{tables_md}\n{report}", files, html=html)


def _compact_sheet(study, lang: str, result, full):
    """The report's LOPA table (:func:`pse.lopa.views.compact_worksheet`), styled like the full worksheet."""
    from dataclasses import replace

    from pse.i18n import label
    from pse.lopa.views import LABELS, compact_worksheet

    return replace(full, table=compact_worksheet(study, lang, result), title=label("lopa_summary", lang, LABELS))


def _lopa_cli(study, lang, ctx):
    from pse.tables import to_markdown

    made = _sheets(study, lang)
    _, _, sheets = made
    if ctx is not None:
        _run(study, ctx, made if ctx.lang == lang else None)
    return to_markdown(sheets[0]) + "\n" + to_markdown(sheets[2])


def _sil_cli(study, lang, ctx):
    from pse.lopa.views import verification_report
    from pse.tables import to_markdown

    _, verifications, sheets = _sheets(study, lang)
    return to_markdown(sheets[1]) + "\n" + verification_report(verifications, lang)


def _commands():
    from pse.commands import study_command

    return [study_command("lopa", "LOPA worksheet of STUDY: IPL credit, mitigated frequency, SIL targets.",
                          _lopa_cli, "Also write the worksheet (xlsx, CSV, Markdown, HTML) to DIR/lopa/."),
            study_command("sil", "SIF list and PFDavg verification report of STUDY (IEC 61508-6 Annex B).",
                          _sil_cli, writes=False)]


MODULE = Module(
    name="lopa",
    title={"en": "LOPA and SIF verification", "zh-TW": "保護層分析與 SIF 驗證"},
    order=30,
    uses=_uses,
    run=_run,
    commands=_commands,
    check=_check,
    command_names=("lopa", "sil"),
)
