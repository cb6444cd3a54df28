"""Startup benchmark: a fresh clone to a rendered Overview on the demo, as the README runs it.

    python bench/startup.py

Clones this repository's committed HEAD (`git clone` of the local path) into a
temporary folder, runs the README's command there, in two timed parts:
- install: `python3 -m venv .venv && .venv/bin/pip install -r requirements.txt`;
- run: `.venv/bin/streamlit run dashboard.py`, given a free `--server.port` (8501 may
  be taken on a shared machine);
then opens the app in Chromium (Playwright, /usr/bin/chromium, headless) and waits for
the Overview to be rendered: its title, the script finished, at least one chart, no
exception. The first visit builds the demonstration warehouse (the first start), so the
figure includes it. Prints seconds for the install, from server start to the server
answering, to the rendered Overview, and the total. pip may use its cache and the
machine's configured local indexes and wheel folders: the output names them and says
whether a cache was there before and after. The server is stopped at the end and the
clone removed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from browser_support import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (the tests' Chromium)

INSTALL = "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt"
RUN = ".venv/bin/streamlit run dashboard.py"
# The Overview's title in the three languages (app/i18n.py, "overview.title"), and its
# charts: the page has run to its end with data.
TITLES = re.compile("Vue d'ensemble du programme numérique|Übersicht über das Digitalisierungsprogramm|"
                    "Digital programme overview")  # fmt: skip
RENDERED = '[data-testid="stApp"][data-test-script-state="notRunning"] [data-testid="stPlotlyChart"]'


def free_port() -> int:
    """A TCP port nobody listens on right now, on loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def clean_env() -> dict[str, str]:
    """This environment without this project's venv, data folder or Python path."""
    venv_bin = str(Path(sys.prefix) / "bin")
    env = {
        k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "DASHBOARD_DATA_DIR")
    }
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    return env


def pip_sources(env: dict[str, str]) -> str:
    """Where pip takes packages from: its index and the machine's configured local sources."""
    config = subprocess.run(
        ["python3", "-m", "pip", "config", "list"], env=env, capture_output=True, text=True
    ).stdout
    index = re.search(r"index-url='([^']+)'", config.replace("extra-index-url", "extra"))
    local = [
        url
        for found in re.findall(r"(?:extra-index-url|find-links)='([^']+)'", config)
        for url in found.split()
    ]
    return f"index {index.group(1) if index else 'PyPI'}, also {', '.join(sorted(set(local))) or 'nothing'}"


def pip_cache(env: dict[str, str]) -> tuple[str, int | None]:
    """pip's cache folder and its size in bytes (None: there is none)."""
    folder = subprocess.run(
        ["python3", "-m", "pip", "cache", "dir"], env=env, capture_output=True, text=True
    ).stdout.strip()
    if not folder or not Path(folder).is_dir():
        return folder or "-", None
    return folder, sum(f.stat().st_size for f in Path(folder).rglob("*") if f.is_file())


def cache_words(before: int | None, after: int | None) -> str:
    """The cache's state around the install, in words."""
    before_text, after_text = ("absent" if size is None else f"{size >> 20} MiB" for size in (before, after))
    return f"{before_text} before, {after_text} after"


def install(target: Path, env: dict[str, str], work: Path) -> dict[str, Any]:
    """The README's install step in the clone, timed; pip's messages go to install.log."""
    folder, before = pip_cache(env)
    start = time.perf_counter()
    with (work / "install.log").open("wb") as log:
        done = subprocess.run(["bash", "-c", INSTALL], cwd=target, env=env, stdout=log, stderr=log)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"install failed:\n{(work / 'install.log').read_text(errors='replace')[-3000:]}")
    _, after = pip_cache(env)
    said = (work / "install.log").read_text(encoding="utf-8", errors="replace")
    fetched = (
        f"{said.count('Downloading ')} files downloaded, {said.count('Processing ')} taken from local "
        f"folders, {said.count('Using cached ')} from the cache"
    )
    pip = f"pip: {pip_sources(env)}; {fetched}; cache {folder}: {cache_words(before, after)}"
    print(f"install: {seconds:.1f} s; {pip}")
    return {"install_s": seconds, "pip": pip}


def clone(target: Path) -> str:
    """Clone the committed HEAD; returns its short hash. The README must still say INSTALL && RUN."""
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(target)], check=True)
    readme = (target / "README.md").read_text(encoding="utf-8")
    if f"{INSTALL} && {RUN}" not in readme:
        raise SystemExit("The README's run command changed: update INSTALL and RUN in bench/startup.py")
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=target, capture_output=True, text=True, check=True
    ).stdout.strip()


def wait_healthy(url: str, server: subprocess.Popen[bytes], timeout: float) -> None:
    """Poll Streamlit's health endpoint until it answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer")


def wait_rendered(page: Any, url: str, timeout: float) -> None:
    """Open the app and wait for the rendered Overview; fail on an exception shown."""
    page.goto(url, timeout=timeout * 1000)
    page.get_by_role("heading", name=TITLES).first.wait_for(timeout=timeout * 1000)
    page.wait_for_selector(RENDERED, timeout=timeout * 1000)
    if page.get_by_test_id("stException").count():
        raise SystemExit(
            f"the Overview shows an exception:\n{page.get_by_test_id('stMain').inner_text()[:2000]}"
        )


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the server this script started, and what it started (its own process group)."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=15)


def measure(work: Path, timeout: float) -> dict[str, Any]:
    """Clone, install, start, render: seconds for each."""
    from playwright.sync_api import sync_playwright

    env, target = clean_env(), work / "clone"
    start = time.perf_counter()
    figures: dict[str, Any] = {"commit": clone(target)}
    figures["clone_s"] = time.perf_counter() - start
    figures.update(install(target, env, work))
    port = free_port()
    url = f"http://localhost:{port}"
    with sync_playwright() as playwright, (work / "server.log").open("wb") as log:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 2400})
        command = [*RUN.split(), "--server.port", str(port)]
        start = time.perf_counter()
        server = subprocess.Popen(
            command, cwd=target, env=env, stdout=log, stderr=log, start_new_session=True
        )
        try:
            wait_healthy(url, server, timeout)
            figures["server_up_s"] = time.perf_counter() - start
            wait_rendered(page, url, timeout)
            figures["rendered_s"] = time.perf_counter() - start
        finally:
            stop(server)
            browser.close()
    figures["total_s"] = figures["clone_s"] + figures["install_s"] + figures["rendered_s"]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--timeout", type=float, default=900, help="seconds to wait for each step")
    parser.add_argument("--keep", type=Path, help="work in this new folder and keep it (clone, server log)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = args.keep or Path(folder)
        work.mkdir(parents=True, exist_ok=True)
        try:
            figures = measure(work, args.timeout)
        except BaseException:
            log = work / "server.log"
            if log.exists():
                print(log.read_text(encoding="utf-8", errors="replace")[-3000:], file=sys.stderr)
            raise
    print(f"commit {figures['commit']}, cloned in {figures['clone_s']:.1f} s")
    print(f"install: {figures['install_s']:.1f} s ({figures['pip']})")
    print(f"server start to answering: {figures['server_up_s']:.1f} s")
    print(
        f"server start to rendered Overview (the first visit builds the demo): {figures['rendered_s']:.1f} s"
    )
    print(f"total, clone to rendered Overview: {figures['total_s']:.1f} s")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
