"""Fixtures for browser tests: a real `streamlit run dashboard.py`, an OpenID provider, Chromium.

- `oidc_provider`: the `oidc-provider-mock` package's provider, started in a thread on
  loopback (localhost, a free port), with one predefined user per role (auth_support.USERS);
  its authorize page shows a button per predefined user, which signs that user in.
- `app_server`: starts `streamlit run` on 127.0.0.1 and a free port, from a temporary copy
  of dashboard.py with two test-only pages added (auth_support.app_with_stub_pages), with a
  temporary DASHBOARD_DATA_DIR (a copy of a demo warehouse built once per session), the test
  role mapping, and a generated secrets.toml (given with --secrets.files, so a developer's
  own .streamlit/secrets.toml is never read). Without `[auth]` the app runs in local mode.
- `browser`: Debian's Chromium, headless. Missing Chromium skips these tests on a
  developer's machine but FAILS them under CI (CI=true): CI must install it (.ci/run).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from auth_support import ROLES_TOML, USERS, app_with_stub_pages
from browser_support import CHROMIUM, CHROMIUM_ARGS

from etl.settings import REPO_ROOT

START_TIMEOUT_S = 90


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test (`-m "not browser"` skips them)."""
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    """A TCP port nobody listens on right now, on loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Debian's Chromium; missing, it fails under CI and skips elsewhere."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return str(CHROMIUM)
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium (.ci/run)")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")


@pytest.fixture(scope="session")
def browser(chromium_executable: str) -> Iterator[object]:
    """A headless Chromium driven by Playwright, shared by the session's tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_executable, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[str]:
    """The mock OpenID provider on loopback; yields its issuer URL."""
    import oidc_provider_mock

    users = [
        oidc_provider_mock.User(sub=str(claims["sub"]), claims=dict(claims)) for claims in USERS.values()
    ]
    with oidc_provider_mock.run_server_in_thread(port=free_port(), user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo warehouse built once per session through the ETL (`python -m etl demo`)."""
    folder = tmp_path_factory.mktemp("browser-demo") / "data"
    environment = {**os.environ, "DASHBOARD_DATA_DIR": str(folder)}
    subprocess.run(
        [sys.executable, "-m", "etl", "demo"], cwd=REPO_ROOT, env=environment, check=True, capture_output=True
    )
    return folder


@dataclass
class AppServer:
    """A running `streamlit run` of the dashboard."""

    url: str
    data_dir: Path
    process: subprocess.Popen[bytes]
    log: Path


def _write_secrets(path: Path, auth: dict[str, str] | None) -> None:
    """secrets.toml with an [auth] section, or an empty one (local mode)."""
    lines = ["[auth]", *(f'{key} = "{value}"' for key, value in auth.items())] if auth else ["# local mode"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _wait_until_healthy(server: AppServer) -> None:
    """Poll Streamlit's health endpoint until it answers, or fail with the server's log."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit did not start:\n{server.log.read_text(encoding='utf-8', errors='replace')}")


def _stop(server: AppServer) -> None:
    """Stop the server started by this fixture (its own process only)."""
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=10)


@pytest.fixture(scope="module")
def app_server(
    tmp_path_factory: pytest.TempPathFactory, demo_data: Path
) -> Iterator[Callable[..., AppServer]]:
    """Start dashboards: `start(auth=None | "oidc issuer URL", env={...})`; all stop at the end."""
    started: list[AppServer] = []

    def start(issuer: str | None = None, env: dict[str, str] | None = None) -> AppServer:
        folder = tmp_path_factory.mktemp("browser-app")
        script = app_with_stub_pages(folder / "app")
        shutil.copytree(demo_data, folder / "data")
        (folder / "roles.toml").write_text(ROLES_TOML, encoding="utf-8")
        port = free_port()
        auth = None
        if issuer:
            auth = {
                "redirect_uri": f"http://127.0.0.1:{port}/oauth2callback",
                "cookie_secret": "browser-test-cookie-secret-0123456789",
                "client_id": "dashboard",
                "client_secret": "browser-test-client-secret",
                "server_metadata_url": f"{issuer}/.well-known/openid-configuration",
            }
        _write_secrets(folder / "secrets.toml", auth)
        inherited = {k: v for k, v in os.environ.items() if k != "DASHBOARD_LOCAL_MODE_ON_NETWORK"}
        environment = inherited | {
            "DASHBOARD_DATA_DIR": str(folder / "data"),
            "DASHBOARD_ROLES_FILE": str(folder / "roles.toml"),
            "PYTHONPATH": str(REPO_ROOT),
            **(env or {}),
        }
        command = [
            sys.executable, "-m", "streamlit", "run", str(script),
            "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
            "--secrets.files", str(folder / "secrets.toml"), "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
        ]  # fmt: skip
        log = folder / "streamlit.log"
        with log.open("wb") as output:
            process = subprocess.Popen(command, cwd=REPO_ROOT, env=environment, stdout=output, stderr=output)
        server = AppServer(f"http://127.0.0.1:{port}", folder / "data", process, log)
        started.append(server)
        _wait_until_healthy(server)
        return server

    yield start
    for server in started:
        _stop(server)
