"""report.html on screen and on paper: badge contrast, tables inside the printed page, print layout (Chromium)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from pse.report.contrast import contrast_ratio

CHROMIUM = shutil.which("chromium") or shutil.which("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium (/usr/bin/chromium) is not installed")

#: A4 landscape minus the 10 mm margins of print.css, in CSS pixels (96 px per inch)
PRINTABLE_WIDTH_PX = round((297 - 2 * 10) / 25.4 * 96)

MEASURE = """<script>
(function(){document.getElementById('print-css').media='all';
var w=document.documentElement.clientWidth,wide=[];
document.querySelectorAll('table').forEach(function(t,i){var r=t.getBoundingClientRect();
  if(r.right>w+1||t.scrollWidth>t.clientWidth+1)wide.push(i+':'+Math.round(r.right));});
var nav=getComputedStyle(document.querySelector('nav')).display;
var breaks=Array.from(document.querySelectorAll('section.module,section.trace')).map(function(s){
  return getComputedStyle(s).breakBefore;});
var p=document.createElement('pre');p.id='measure';
p.textContent=JSON.stringify({width:w,wide:wide,nav:nav,breaks:breaks,tables:document.querySelectorAll('table').length});
document.body.appendChild(p);})();
</script>"""


def chromium(tmp_path, *args):
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           f"--user-data-dir={tmp_path / 'profile'}", *args],
                          check=True, capture_output=True, timeout=180, text=True)


def test_level_badges_and_coloured_cells_contrast(zh_out):
    page = (zh_out / "report.html").read_text(encoding="utf-8")
    pairs = re.findall(r"style='background:(#[0-9A-Fa-f]{6});color:(#[0-9A-Fa-f]{6})'", page)
    assert len(pairs) > 10 and "class='lvl'" in page
    for background, text in pairs:
        assert contrast_ratio(background, text) >= 4.5, (background, text)


def test_contrast_matches_wcag_examples():
    # WCAG 2.1 understanding 1.4.3: #767676 on white is the lightest grey passing 4.5:1; #777777 fails
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#FFFFFF") < 4.5


@needs_chromium
def test_printed_tables_fit_the_page(zh_out, tmp_path):
    page = (zh_out / "report.html").read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>")
    probe = zh_out / "measure.html"
    probe.write_text(page, encoding="utf-8")
    try:
        dom = chromium(tmp_path, f"--window-size={PRINTABLE_WIDTH_PX},900", "--dump-dom", probe.as_uri()).stdout
    finally:
        probe.unlink()
    found = json.loads(re.search(r'<pre id="measure">(.*?)</pre>', dom).group(1).replace("&quot;", '"'))
    assert found["width"] <= PRINTABLE_WIDTH_PX and found["tables"] > 5
    assert found["wide"] == [], found                 # no table wider than the printed page
    assert found["nav"] == "none"                     # no side bar on paper
    assert found["breaks"] and set(found["breaks"]) == {"page"}


@needs_chromium
def test_print_to_pdf_is_a4_landscape(zh_out, tmp_path):
    pdf = tmp_path / "report.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", (zh_out / "report.html").as_uri())
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(width), round(height)) == (842, 595)          # A4 landscape, 297 x 210 mm
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 4  # sections start on new pages
