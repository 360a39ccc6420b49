"""Study text into report.html without letting it become markup.

Study files are written by many hands and sometimes copied from elsewhere; the
report is opened in a browser, printed and filed.  Three rules keep any text
from turning into active content or breaking the layout:

* study text goes through Markdown with raw HTML *escaped* (``<img onerror>``
  is shown as text, never parsed);
* links keep their ``href`` only for ``http(s)://`` addresses and in-page
  anchors (``#...``); anything else (``javascript:``, ``file:``, ``data:``...)
  leaves its text without a link;
* images only from pse's own outputs: a relative path to a ``.svg``/``.png``
  file inside the run's output directory, embedded into the page (SVG inline,
  PNG as a data URI); any other image is replaced by its alternative text.

HTML that a module builds itself (e.g. the SIF verification with MathML) is
passed through :func:`sanitize_html`, an allow-list of elements and attributes
with the same link and image rules.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

SAFE_LINK = re.compile(r"^(https?://|#)", re.IGNORECASE)

TAGS = frozenset("""
a abbr b blockquote br caption code col colgroup dd details div dl dt em h1 h2 h3 h4 h5 h6 hr i img li ol p pre
small span strong sub summary sup table tbody td tfoot th thead tr u ul
""".split())
MATHML = frozenset("""
math maction menclose merror mfenced mfrac mi mmultiscripts mn mo mover mpadded mphantom mprescripts mroot mrow
ms mspace msqrt mstyle msub msubsup msup mtable mtd mtext mtr munder munderover none semantics annotation
""".split())
ATTRIBUTES = frozenset({"class", "id", "title", "alt", "colspan", "rowspan", "align", "href", "src", "open",
                        "width", "height"})
VOID = frozenset({"br", "hr", "img", "col", "mspace", "mprescripts", "none"})


def safe_link(url: str) -> bool:
    """Is ``url`` allowed as a link target (``http(s)://`` or an in-page anchor)?

    >>> safe_link("https://www.iec.ch"), safe_link("#m-lopa"), safe_link("javascript:alert(1)")
    (True, True, False)
    """
    return bool(SAFE_LINK.match(url.strip()))


def output_file(src: str, out_dir) -> Path | None:
    """The file of pse's own outputs that ``src`` names, or None.

    Only a relative path without ``..`` to an existing ``.svg`` or ``.png``
    inside ``out_dir`` qualifies.

    >>> output_file("/etc/passwd", ".") is None, output_file("../x.svg", ".") is None
    (True, True)
    """
    if out_dir is None or not src or re.match(r"^[a-z][a-z0-9+.-]*:", src, re.IGNORECASE) or src.startswith(
            ("/", "\\")):
        return None
    relative = PurePosixPath(src.replace("\\", "/"))
    if ".." in relative.parts or relative.suffix.lower() not in (".svg", ".png"):
        return None
    root = Path(out_dir).resolve()
    path = (root / relative).resolve()
    if root not in path.parents or not path.is_file():
        return None
    return path


def embedded_image(path: Path, alt: str) -> str:
    """An output drawing embedded into the page: inline SVG, or PNG as a data URI (reduced when large,
    :func:`pse.report.budget.page_png`)."""
    import base64

    if path.suffix.lower() == ".svg":
        svg = path.read_text(encoding="utf-8")
        svg = svg[svg.find("<svg"):] if "<svg" in svg else svg
        return f"<div class='fig'>{svg}</div>"
    from pse.report.budget import page_png

    data = base64.b64encode(page_png(path)).decode("ascii")
    return f"<img alt=\"{html.escape(alt)}\" src=\"data:image/png;base64,{data}\">"


def markdown_to_html(text: str, out_dir=None) -> str:
    """Study or module Markdown as HTML: raw HTML escaped, links and images checked.

    >>> markdown_to_html("<img src=x onerror=alert(1)>")
    '<p>&lt;img src=x onerror=alert(1)&gt;</p>'
    >>> markdown_to_html("[t](javascript:alert(1))")
    '<p>t</p>'
    """
    import markdown as md

    converter = md.Markdown(extensions=["tables", _SafeExtension(out_dir=out_dir)])
    rendered = converter.convert(text)
    return _restore_images(rendered, converter)


_MARKDOWN_MARKS = re.compile(r"[\[*`_]")
_INLINE: dict = {}


def inline_markdown(text: str, out_dir=None) -> str:
    """One line of study text (a table cell) as safe inline HTML.

    Plain text is only escaped; text with Markdown marks goes through
    :func:`markdown_to_html` (one converter reused) without its paragraph.

    >>> inline_markdown("a|b <i>"), inline_markdown("see [IEC](https://www.iec.ch)")
    ('a|b &lt;i&gt;', 'see <a href="https://www.iec.ch">IEC</a>')
    """
    if not _MARKDOWN_MARKS.search(text):
        return html.escape(text, quote=False)
    import markdown as md

    key = str(out_dir)
    converter = _INLINE.get(key)
    if converter is None:
        converter = _INLINE[key] = md.Markdown(extensions=[_SafeExtension(out_dir=out_dir)])
    rendered = _restore_images(converter.reset().convert(text), converter)
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return rendered


class _SafeExtension:
    """Built lazily (Python-Markdown is imported only when a report is rendered)."""

    def __new__(cls, out_dir=None):
        from markdown.extensions import Extension
        from markdown.treeprocessors import Treeprocessor

        class LinksAndImages(Treeprocessor):
            def run(self, root):
                self.md.pse_images = []
                for parent in list(root.iter()):
                    for child in list(parent):
                        if child.tag == "a" and not safe_link(child.get("href", "")):
                            _unwrap(parent, child)
                        elif child.tag == "img":
                            _image_placeholder(self.md, parent, child, out_dir)

        class Safe(Extension):
            def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's API name
                md.preprocessors.deregister("html_block")
                md.inlinePatterns.deregister("html")
                md.treeprocessors.register(LinksAndImages(md), "pse_safe", 0)

        return Safe()


def _unwrap(parent, child) -> None:
    """Replace ``child`` by its content (text and sub-elements) inside ``parent``."""
    index = list(parent).index(child)
    before = parent[index - 1] if index else None
    text = child.text or ""
    if before is None:
        parent.text = (parent.text or "") + text
    else:
        before.tail = (before.tail or "") + text
    inner = list(child)
    parent.remove(child)
    for offset, element in enumerate(inner):
        parent.insert(index + offset, element)
    last = inner[-1] if inner else (parent[index - 1] if index else None)
    if last is None:
        parent.text = (parent.text or "") + (child.tail or "")
    else:
        last.tail = (last.tail or "") + (child.tail or "")


def _image_placeholder(md, parent, element, out_dir) -> None:
    """Replace an ``<img>`` by a marker for the embedded file, or by its alt text."""
    path = output_file(element.get("src", ""), out_dir)
    alt = element.get("alt", "")
    element.attrib.clear()
    if path is None:
        element.text = alt
        _unwrap(parent, element)
        return
    element.tag = "span"
    element.set("class", "pse-img")
    element.text = f"pse-image-{len(md.pse_images)}"
    md.pse_images.append((path, alt))


def _restore_images(rendered: str, converter) -> str:
    images = getattr(converter, "pse_images", [])
    for index, (path, alt) in enumerate(images):
        rendered = rendered.replace(f'<span class="pse-img">pse-image-{index}</span>', embedded_image(path, alt), 1)
    return rendered


class _Sanitizer(HTMLParser):
    def __init__(self, out_dir):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.out_dir = out_dir
        self.open: list[str] = []
        self.skipping = 0          # inside <script> or <style>: content dropped

    def _attrs(self, tag: str, attrs) -> str | None:
        kept = []
        for name, value in attrs:
            name = name.lower()
            value = value or ""
            if name.startswith("on") or name in ("style", "xlink:href"):
                continue
            if tag in MATHML:
                if name in ("href", "src"):
                    continue
            elif name not in ATTRIBUTES:
                continue
            if name == "href" and not safe_link(value):
                continue
            if name == "src":
                path = output_file(value, self.out_dir)
                if path is None:
                    return None
                self.out.append(embedded_image(path, dict(attrs).get("alt") or ""))
                return None
            kept.append(f' {name}="{html.escape(value)}"')
        return "".join(kept)

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag in ("script", "style"):
            self.skipping += 1
        if self.skipping or (tag not in TAGS and tag not in MATHML):
            return
        rendered = self._attrs(tag, attrs)
        if rendered is None:      # an image: embedded or dropped
            return
        self.out.append(f"<{tag}{rendered}>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() in self.open and tag.lower() not in VOID and self.open[-1] == tag.lower():
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in ("script", "style"):
            self.skipping = max(0, self.skipping - 1)
            return
        if tag in self.open and not self.skipping:
            while self.open:
                last = self.open.pop()
                self.out.append(f"</{last}>")
                if last == tag:
                    break

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(html.escape(data, quote=False))


def sanitize_html(fragment: str, out_dir=None) -> str:
    """Module-built HTML reduced to an allow-list of elements and attributes.

    Scripts and styles are dropped with their content, event handlers and
    foreign elements are dropped (their text kept, escaped); links and images
    follow the rules above.

    >>> sanitize_html('<p onclick="x()">a<script>alert(1)</script><blink>b</blink></p>')
    '<p>ab</p>'
    """
    parser = _Sanitizer(out_dir)
    parser.feed(fragment)
    parser.close()
    parser.out.extend(f"</{tag}>" for tag in reversed(parser.open))
    return "".join(parser.out)
