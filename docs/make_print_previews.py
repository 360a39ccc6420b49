"""Printed-page previews for the README: page 1 of every deliverable as a small PNG.

Runs ``pse run`` on a study (default: the bundled electronics plant, ``--lang zh-TW``), prints every workbook with
LibreOffice headless (``soffice --convert-to pdf``, the workbook's own page setup) and ``report.html`` with headless
Chromium (``--print-to-pdf``, the report's print stylesheet), and renders page 1 of each PDF with poppler's
``pdftoppm`` to ``docs/images/print/<name>.png``.  Needs LibreOffice, Chromium and poppler (``bash .ci/system-deps``).

Usage::

    python docs/make_print_previews.py [--study worksheets/electronics-plant.yaml] [--lang zh-TW]
                                       [--out-dir docs/images/print] [--run-dir DIR] [--dpi 60]

``--run-dir`` reuses outputs of an earlier ``pse run`` instead of running again.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")


def run_study(study: Path, out: Path, lang: str) -> Path:
    """``pse run STUDY --out OUT --lang LANG`` in a child process (as a user runs it)."""
    done = subprocess.run([sys.executable, "-m", "pse", "run", str(study), "--out", str(out), "--lang", lang],
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"make_print_previews: pse run failed\n{done.stderr}")
    return out


def workbooks_to_pdf(books: list[Path], pdf_dir: Path) -> list[Path]:
    """Print each workbook to ``pdf_dir/<stem>.pdf`` with LibreOffice headless (one soffice call for all)."""
    profile = pdf_dir / "lo-profile"       # a private profile: no clash with a LibreOffice the user has open
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(pdf_dir), *map(str, books)],
                   check=True, capture_output=True, timeout=600)
    return [pdf_dir / f"{book.stem}.pdf" for book in books]


def html_to_pdf(html: Path, pdf: Path) -> Path:
    """Print ``html`` with headless Chromium (A4 landscape comes from the page's ``@page`` rule)."""
    browser = next((b for b in CHROMIUM if shutil.which(b)), None)
    if browser is None:
        raise SystemExit("make_print_previews: Chromium is needed to print report.html")
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", html.resolve().as_uri()],
                   check=True, capture_output=True, timeout=180)
    return pdf


def first_page_png(pdf: Path, png: Path, dpi: int) -> Path:
    """Page 1 of ``pdf`` as ``png`` at ``dpi`` (poppler ``pdftoppm -singlefile``)."""
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", str(dpi), "-png", "-singlefile", str(pdf),
                    str(png.with_suffix(""))], check=True, capture_output=True)
    return png


def previews(run_dir: Path, out_dir: Path, dpi: int) -> list[Path]:
    """Every workbook of ``run_dir`` and its ``report.html`` as ``out_dir/<name>.png``."""
    for tool in ("soffice", "pdftoppm"):
        if not shutil.which(tool):
            raise SystemExit(f"make_print_previews: {tool} is needed (bash .ci/system-deps)")
    books = sorted(run_dir.rglob("*.xlsx")) if run_dir.is_dir() else []
    if not books or not (run_dir / "report.html").is_file():
        raise SystemExit(f"make_print_previews: {run_dir} holds no `pse run` outputs (workbooks and report.html)")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="pse-print-") as tmp:
        pdfs = workbooks_to_pdf(books, Path(tmp))
        pdfs.append(html_to_pdf(run_dir / "report.html", Path(tmp) / "report.pdf"))
        for pdf in pdfs:
            written.append(first_page_png(pdf, out_dir / f"{pdf.stem}.png", dpi))
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--study", type=Path, default=ROOT / "worksheets" / "electronics-plant.yaml")
    parser.add_argument("--lang", default="zh-TW", choices=("zh-TW", "en"))
    parser.add_argument("--out-dir", type=Path, default=ROOT / "docs" / "images" / "print")
    parser.add_argument("--run-dir", type=Path, help="outputs of an earlier `pse run` (skips running)")
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pse-run-") as tmp:
        run_dir = args.run_dir or run_study(args.study, Path(tmp) / "out", args.lang)
        for png in previews(run_dir, args.out_dir, args.dpi):
            print(png.relative_to(ROOT) if png.is_relative_to(ROOT) else png)


if __name__ == "__main__":
    main()
