"""Fixtures of the pse serve tests: a copy of the bundled study, a live server, a headless Chromium."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture
def study(tmp_path) -> Path:
    """The bundled electronics-plant study (main file + include files) copied to tmp_path."""
    shutil.copy(ROOT / "worksheets" / "electronics-plant.yaml", tmp_path)
    shutil.copytree(ROOT / "worksheets" / "electronics-plant", tmp_path / "electronics-plant")
    return tmp_path / "electronics-plant.yaml"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(study):
    """``pse serve`` of the study on 127.0.0.1 and a free port, stopped at teardown: yields its base URL."""
    import uvicorn

    from pse.serve.app import create_app
    from pse.serve.session import Session

    session = Session(study, lang="en")
    port = _free_port()
    config = uvicorn.Config(create_app(session), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    """Headless system Chromium driven by Playwright (skipped when either is missing)."""
    if not CHROMIUM.exists():
        pytest.skip("no system Chromium at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e .[test])")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()
