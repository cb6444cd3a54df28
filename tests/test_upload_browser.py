"""The upload widget itself, in a real browser: Chromium drives `streamlit run dashboard.py`
(local mode, loopback) — a file dropped into the uploader is checked, previewed, loaded on
confirm, and appears in the load history."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS

from etl.load import load_files, read_only
from etl.settings import REPO_ROOT

pytestmark = pytest.mark.browser

EXPORTS = REPO_ROOT / "tests" / "fixtures" / "exports"
START_TIMEOUT_S = 90


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(data_dir: Path) -> Iterator[str]:
    """`streamlit run dashboard.py` on loopback with a tiny warehouse; its base URL."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed")
    assert load_files([EXPORTS / "jira_milestones.csv"])[0].status == "loaded"
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
        "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = {**os.environ, "DASHBOARD_DATA_DIR": str(data_dir)}
    process = subprocess.Popen(
        command, cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{url}/_stcore/health", process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"streamlit exited: {process.stderr.read().decode() if process.stderr else ''}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 - loopback only
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(url)


def test_a_file_dropped_in_the_uploader_is_previewed_loaded_and_logged(server: str) -> None:
    # Playwright's sync API refuses a thread with a running asyncio loop, which earlier
    # tests in the same process may leave behind: drive the browser from a fresh thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(_drop_check_load_and_open_history, server).result()
    with read_only() as con:
        assert con.execute("select status, loaded_by from loads where load_id = 2").fetchone() == (
            "loaded",
            "local",
        )
        assert con.execute("select count(*) from milestones where load_id = 2").fetchone() == (3,)


def _drop_check_load_and_open_history(server: str) -> None:
    """Drop a file in the uploader, check the preview, confirm, then open the history."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(server, timeout=60_000)  # a fresh server's first run does not follow deep links
        expect(page.get_by_role("link", name="Vue d'ensemble")).to_be_visible(timeout=60_000)
        page.goto(f"{server}/upload-export?lang=de", timeout=60_000)
        expect(page.get_by_text("Export Ihres Werkzeugs hochladen")).to_be_visible(timeout=60_000)
        page.locator("input[type=file]").set_input_files(str(EXPORTS / "msproject_milestones.csv"))
        expect(page.get_by_text("msproject_milestones.csv ist gültig: 3 Zeilen")).to_be_visible(
            timeout=60_000
        )
        with read_only() as con:
            assert con.execute("select count(*) from loads").fetchone() == (1,)  # nothing written yet
        page.get_by_role("button", name="msproject_milestones.csv laden").click()
        expect(page.get_by_text("msproject_milestones.csv ist geladen")).to_be_visible(timeout=60_000)
        page.get_by_role("link", name="Zum Ladeverlauf").click()
        expect(page.get_by_role("heading", name="Ladeverlauf")).to_be_visible(timeout=60_000)
        expect(page.get_by_role("button", name="Diese Ladung rückgängig machen…")).to_be_visible()
        _drop_a_bad_file(page, server)
        browser.close()


def _drop_a_bad_file(page: Any, server: str) -> None:
    """A file with text in a date column is refused in plain words, naming line and column."""
    from playwright.sync_api import expect

    bad = Path(tempfile.mkdtemp()) / "bad_milestones.csv"
    bad.write_text(
        "project_id,milestone_id,milestone,planned_date\nDIG-001,M9,Go-live,bientôt\n", encoding="utf-8"
    )
    page.goto(f"{server}/upload-export?lang=de", timeout=60_000)
    expect(page.get_by_text("Export Ihres Werkzeugs hochladen")).to_be_visible(timeout=60_000)
    page.locator("input[type=file]").set_input_files(str(bad))
    expect(page.get_by_text("bad_milestones.csv kann nicht geladen werden: 1 Problem(e)")).to_be_visible(
        timeout=60_000
    )
    expect(page.get_by_text("bientôt").first).to_be_attached()  # the found value, in the grid
