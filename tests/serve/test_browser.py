"""pse serve in a real headless Chromium (Playwright driving /usr/bin/chromium).

A scribe types a HAZOP row with the keyboard only and sees its risk level; the row survives a
reload and is in the YAML file with the file's comments intact; an invalid value is refused
with the model's message; two pages editing one cell get the conflict; the projector follows.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
SAVE_TIMEOUT = 60_000   # ms: saving validates the whole study (slow on a loaded 2-core machine)


def _open(browser, url: str, query: str = ""):
    page = browser.new_page(viewport={"width": 1500, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url + "/" + query)
    page.wait_for_selector("tr[data-row='S-1.1']", timeout=SAVE_TIMEOUT)
    return page, errors


def _saved(page):
    page.wait_for_function("document.querySelector('#status').className === 'ok' && !S.busy && !S.editing"
                           " && !S.reloadWanted && !S.loading", timeout=SAVE_TIMEOUT)


def _row_with(page, text: str):
    return page.locator("tr[data-row]", has_text=text)


def _cell(page, row_id: str, key: str):
    return page.locator(f"tr[data-row='{row_id}'] td[data-col='{key}']")


def test_type_a_row_with_the_keyboard_only(browser, server, study):
    page, errors = _open(browser, server)
    page.click("tr[data-row='S-1.1'] td[data-col='cause']")    # the cursor on node N-01's first row
    page.keyboard.press("Alt+n")                                 # new row: same deviation, cursor on Cause
    page.keyboard.type("Agitator seal leaks solvent")
    page.keyboard.press("Tab")
    page.keyboard.type("Solvent vapour in the reactor room")
    for _ in range(3):                                           # category, safeguards: left empty
        page.keyboard.press("Tab")
    page.keyboard.type("S2")
    page.keyboard.press("Tab")
    page.keyboard.type("L3")
    page.keyboard.press("Enter")
    _saved(page)
    row = _row_with(page, "Agitator seal leaks solvent")
    row_id = row.get_attribute("data-row")
    assert row_id.startswith("S-1.")
    risk = _cell(page, row_id, "risk")
    # seed001-hazop matrix: severity S2 x likelihood L3 (hand-read from the matrix in the study)
    from pse.model import load_study
    from pse.model.validate import matrix_for

    expected = matrix_for(load_study(study), "seed001-hazop").level("S2", "L3")
    assert risk.inner_text().strip() == str(expected)
    assert risk.evaluate("td => td.style.background") != ""      # the matrix colour

    page.reload()
    page.wait_for_selector(f"tr[data-row='{row_id}']", timeout=SAVE_TIMEOUT)
    assert _cell(page, row_id, "cause").inner_text() == "Agitator seal leaks solvent"
    assert _cell(page, row_id, "risk").inner_text().strip() == str(expected)

    text = (study.parent / "electronics-plant" / "reactor-hazop.yaml").read_text(encoding="utf-8")
    assert "description: Agitator seal leaks solvent" in text
    assert f"- id: {row_id}" in text
    from conftest import ROOT

    original = (ROOT / "worksheets" / "electronics-plant" / "reactor-hazop.yaml").read_text(encoding="utf-8")
    comments = [line.strip() for line in original.splitlines() if line.strip().startswith("#")]
    assert comments and all(c in text for c in comments), "every comment of the file is kept"
    assert not errors


def test_invalid_value_refused_with_its_message(browser, server, study):
    page, errors = _open(browser, server)
    before = (study.parent / "electronics-plant" / "reactor-hazop.yaml").read_text(encoding="utf-8")
    page.click("tr[data-row='S-1.1'] td[data-col='severity']")
    page.keyboard.type("S9")
    page.keyboard.press("Enter")
    page.wait_for_selector("tr[data-row='S-1.1'] td[data-col='severity'].invalid", timeout=SAVE_TIMEOUT)
    message = page.inner_text("#status")
    assert "'S9' is not a level of matrix 'seed001-hazop'" in message
    cell = _cell(page, "S-1.1", "severity")
    assert "S9" in cell.get_attribute("title")
    after = (study.parent / "electronics-plant" / "reactor-hazop.yaml").read_text(encoding="utf-8")
    assert after == before, "nothing invalid is written"
    assert not errors


def test_two_pages_editing_one_cell_get_the_conflict(browser, server, study):
    first, _ = _open(browser, server)
    second, _ = _open(browser, server)
    second.click("tr[data-row='S-1.1'] td[data-col='notes']")
    second.keyboard.type("Second page's note")              # still typing: its page shows the old notes
    first.click("tr[data-row='S-1.1'] td[data-col='notes']")
    first.keyboard.type("Checked by the first page")
    first.keyboard.press("Enter")
    _saved(first)
    second.keyboard.press("Enter")
    second.wait_for_selector("#conflict:not([hidden])", timeout=SAVE_TIMEOUT)
    box = second.inner_text("#conflict")
    assert "Checked by the first page" in box          # the conflicting value is shown
    assert "Second page's note" in box                 # and the refused one is not lost
    text = (study.parent / "electronics-plant" / "reactor-hazop.yaml").read_text(encoding="utf-8")
    assert "Checked by the first page" in text and "Second page's note" not in text
    second.click("#conflict button")                    # "write mine over it": now based on the new value
    _saved(second)
    text = (study.parent / "electronics-plant" / "reactor-hazop.yaml").read_text(encoding="utf-8")
    assert "Second page's note" in text


def test_projector_follows_the_scribe(browser, server):
    scribe, _ = _open(browser, server)
    projector, _ = _open(browser, server, "?view=projector")
    scribe.click("tr[data-row='S-1.2'] td[data-col='consequence']")
    projector.wait_for_selector("tr[data-row='S-1.2'] td[data-col='consequence'].cursor", timeout=SAVE_TIMEOUT)
    scribe.keyboard.press("ArrowRight")
    projector.wait_for_selector("tr[data-row='S-1.2'] td[data-col='category'].cursor", timeout=SAVE_TIMEOUT)
    scribe.click("nav button[data-sheet='failure_modes']")
    projector.wait_for_selector("nav button.active[data-sheet='failure_modes']", timeout=SAVE_TIMEOUT)
    projector.keyboard.press("Enter")
    assert projector.locator("td.editing").count() == 0      # read-only


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_node_title_and_design_intent_never_overlap(browser, server, lang):
    page, errors = _open(browser, server, f"?lang={lang}")
    page.set_viewport_size({"width": 1000, "height": 600})
    boxes = "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; })"
    for scroll in (0, 400):
        page.eval_on_selector("#sheet", f"e => e.scrollLeft = {scroll}")
        page.wait_for_timeout(100)
        sheet = page.eval_on_selector("#sheet", "e => e.getBoundingClientRect().right")
        name, intent = page.eval_on_selector_all("tr.group:first-of-type .group-name, tr.group:first-of-type .intent",
                                                 boxes)[:2]
        assert intent[0] >= name[1], (scroll, name, intent)       # the intent starts after the title
        assert intent[1] <= sheet, (scroll, intent, sheet)         # and wraps inside the visible sheet
    assert not errors
    page.close()
