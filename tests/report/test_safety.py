"""Study text never becomes markup in report.html: raw HTML escaped, links and images checked, no column shifts."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from pse.cli import cli

ATTACK = "<img src=x onerror=alert(1)> ![x](/etc/passwd) [t](javascript:alert(1)) a|b"

STUDY = """\
study: {title: "Attack <script>alert(1)</script>"}
nodes: [{id: N-01, name: "Tank <b onmouseover=alert(1)>x</b>", parameters: [level]}]
causes: [{id: C1, description: "%(attack)s"}]
consequences: [{id: Q1, description: "overflow a|b|c"}]
safeguards: [{id: SG1, description: "alarm [ok](https://example.org) [t](javascript:alert(1))"},
             {id: SG2, description: "dike ![x](/etc/passwd)"}]
scenarios:
  - {id: S1, node: N-01, cause: C1, consequence: Q1, safeguards: [SG1, SG2], severity: S3, likelihood: P2,
     recommendations: [R1]}
recommendations:
  - {id: R1, text: "%(attack)s", owner: "A|B", due: 2027-01-01, status: open}
""".replace("%(attack)s", ATTACK.replace('"', '\\"'))


class Cells(HTMLParser):
    """Tags, attributes and cells per table row of a page."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.tables: list[list[int]] = []     # per table: cells per row (header row first)
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append(0)
        elif tag in ("td", "th"):
            self.tables[-1][-1] += 1


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    root = tmp_path_factory.mktemp("attack")
    (root / "study.yaml").write_text(STUDY, encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(root / "study.yaml"), "--out", str(root / "out"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    return (root / "out" / "report.html").read_text(encoding="utf-8")


def test_raw_html_in_study_text_is_shown_not_parsed(page):
    parsed = Cells()
    parsed.feed(page)
    assert not [t for t, a in parsed.tags if t == "img"]
    assert not [t for t, a in parsed.tags if any(k.startswith("on") for k in a)]
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    scripts = [t for t, a in parsed.tags if t == "script"]
    assert len(scripts) == 1                              # the page's own sorting script only
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_links_only_http_and_anchors(page):
    parsed = Cells()
    parsed.feed(page)
    hrefs = [a["href"] for t, a in parsed.tags if t == "a" and "href" in a]
    assert hrefs and all(h.startswith(("#", "https://", "http://")) for h in hrefs), hrefs
    assert "https://example.org" in hrefs
    assert not re.search(r"""href=["']?javascript""", page, re.IGNORECASE)


def test_images_only_from_pse_outputs(page):
    assert "/etc/passwd" not in page.replace("![x](/etc/passwd)", "")  # shown as text at most, never loaded
    assert not re.search(r"""src=["']?/etc/passwd""", page)


def test_a_pipe_never_shifts_a_column(page):
    parsed = Cells()
    parsed.feed(page)
    for rows in parsed.tables:
        if rows and rows[0] > 1:
            assert set(rows) == {rows[0]}, rows           # every row has as many cells as the header
    assert "<td>overflow a|b|c</td>" in page               # the consequence text, in one cell


def test_safeguards_listed_inside_the_scenario_row(page):
    row = re.search(r"<tr><td>N-01</td><td>S1</td>.*?</tr>", page, re.DOTALL).group(0)
    assert "<ul class='in-cell'><li>SG1: " in row and "<li>SG2: " in row


def test_markdown_renderer_rules():
    from pse.report.safe import markdown_to_html, sanitize_html

    assert markdown_to_html("<img src=x onerror=alert(1)>") == "<p>&lt;img src=x onerror=alert(1)&gt;</p>"
    assert markdown_to_html("![x](/etc/passwd)") == "<p>x</p>"
    assert markdown_to_html("[t](javascript:alert(1))") == "<p>t</p>"
    assert markdown_to_html("[t](#m-lopa)") == '<p><a href="#m-lopa">t</a></p>'
    assert sanitize_html("<a href='javascript:x'>t</a><img src='/etc/passwd'><math><mi>x</mi></math>") == (
        "<a>t</a><math><mi>x</mi></math>")


def test_images_from_the_output_directory_are_embedded(tmp_path):
    from pse.report.safe import markdown_to_html

    (tmp_path / "fig").mkdir()
    (tmp_path / "fig" / "a.svg").write_text("<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>")
    assert "<svg" in markdown_to_html("![a](fig/a.svg)", tmp_path)
    assert "<svg" not in markdown_to_html("![a](../fig/a.svg)", tmp_path / "fig")
    assert markdown_to_html("![a](fig/missing.svg)", tmp_path) == "<p>a</p>"
