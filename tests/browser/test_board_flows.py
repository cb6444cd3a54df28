"""A board member in Chromium: the overview in French, then German, then a shared link with
filters in its URL; the figures on screen are the marts' figures, formatted for German.
Screenshots of every page the board may open go to test-artifacts/board/ (ignored by git).

Runs against `streamlit run` (tests/browser/conftest.py) on a demo warehouse built as of a
fixed date, with sign-in through the mock OpenID provider as the board's predefined user.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from auth_support import USERS, page_specs

from app import i18n
from app.i18n import LANGUAGE_NAMES, translate
from etl.settings import REPO_ROOT

AS_OF = "2025-06-30"
ARTIFACTS = REPO_ROOT / "test-artifacts" / "board"
TIMEOUT_MS = 120_000  # generous: CI machines have two cores
LINK = {"from": "2025-01", "to": "2025-05", "scope": "site:Sion", "programme": "all", "aim": "all"}
LINK_MONTH = dt.date(2025, 5, 1)  # the link's last month, complete in the demo


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo warehouse as of a fixed date (overrides the conftest's undated one)."""
    folder = tmp_path_factory.mktemp("board-demo") / "data"
    environment = {**os.environ, "DASHBOARD_DATA_DIR": str(folder)}
    subprocess.run(
        [sys.executable, "-m", "etl", "demo", "--as-of", AS_OF],
        cwd=REPO_ROOT, env=environment, check=True, capture_output=True,
    )  # fmt: skip
    return folder


@pytest.fixture(scope="module")
def board_page(app_server: Callable[..., Any], oidc_provider: str, browser: Any) -> Iterator[tuple[Any, Any]]:
    """The board member, signed in through the provider, and the server they use."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    server = app_server(oidc_provider)
    context = browser.new_context(viewport={"width": 1400, "height": 2400}, locale="fr-CH")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    open_app(page, f"{server.url}/?lang=fr")
    page.get_by_role("button", name=translate("fr", "auth.sign_in")).click()
    page.wait_for_url("**/oauth2/authorize**")
    page.get_by_role("button", name=str(USERS["board"]["sub"]), exact=True).click()
    page.wait_for_url(f"{server.url}/**")
    wait_for_app(page)
    yield page, server
    context.close()


def wait_for_app(page: Any) -> None:
    """Wait until the app's script has run to its end."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')


def open_app(page: Any, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def main_text(page: Any) -> str:
    return str(page.get_by_test_id("stMain").inner_text())


def assert_no_error(page: Any) -> None:
    """No exception box and no error alert on the page."""
    assert page.get_by_test_id("stException").count() == 0, main_text(page)[:2000]


def in_language(language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make app.i18n's formatters speak `language` outside a Streamlit run."""
    monkeypatch.setattr(i18n, "current_language", lambda: language)


def mart_hours(warehouse: Path, month: dt.date, site: str) -> tuple[float, float]:
    """Hours freed (base) at a site in a month and in its year to that month, from the mart."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute(
            "select sum(hours_base) filter (where month = $month), sum(hours_base) "
            "from mart_time_saved_monthly where lower(site) = lower($site) "
            "and month <= $month and year(month) = year($month)",
            {"month": month, "site": site},
        ).fetchone()
    assert row is not None
    return float(row[0]), float(row[1])


def metric_value(page: Any, label: str) -> str:
    """The value shown under a metric's label."""
    metric = page.get_by_test_id("stMetric").filter(has=page.get_by_text(label, exact=True))
    return str(metric.get_by_test_id("stMetricValue").inner_text()).strip()


def test_board_member_reads_the_marts_figures_in_german_from_a_shared_link(
    board_page: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Overview in French, switch to German, open a link with filters: the marts' hours."""
    page, server = board_page
    open_app(page, f"{server.url}/?lang=fr")
    assert translate("fr", "overview.hours.header") in main_text(page)
    page.screenshot(path=str(ARTIFACTS / "overview-fr.png"), full_page=True)
    picker = page.get_by_test_id("stSelectbox").filter(has_text=translate("fr", "sidebar.language"))
    picker.click()
    page.get_by_role("option", name=LANGUAGE_NAMES["de"]).click()
    page.get_by_text(translate("de", "overview.hours.header")).first.wait_for()
    wait_for_app(page)
    assert "lang=de" in page.url
    page.screenshot(path=str(ARTIFACTS / "overview-de.png"), full_page=True)

    query = "&".join(f"{k}={v}" for k, v in {"lang": "de", **LINK}.items())
    open_app(page, f"{server.url}/?{query}")
    assert_no_error(page)
    page.screenshot(path=str(ARTIFACTS / "overview-de-link.png"), full_page=True)
    month_hours, ytd_hours = mart_hours(server.data_dir / "warehouse.duckdb", LINK_MONTH, "Sion")
    in_language("de", monkeypatch)
    month_label = translate("de", "overview.hours.month", month=i18n.fmt_month(LINK_MONTH))
    ytd_label = translate("de", "overview.hours.ytd", year=str(LINK_MONTH.year))
    assert metric_value(page, month_label) == translate(
        "de", "unit.hours", value=i18n.fmt_number(month_hours)
    )
    assert metric_value(page, ytd_label) == translate("de", "unit.hours", value=i18n.fmt_number(ytd_hours))


def test_every_board_page_renders_in_german_without_error(board_page: tuple[Any, Any]) -> None:
    """Each page on the board's menu opens, shows no error, and is kept as a screenshot."""
    page, server = board_page
    specs = [s for s in page_specs() if "board" in s.roles]
    assert specs
    default = page_specs()[0]  # Streamlit serves the default page at "/", not at its URL
    for spec in specs:
        open_app(page, f"{server.url}/{'' if spec == default else spec.url}?lang=de")
        assert_no_error(page)
        assert page.get_by_text("Page not found").count() == 0, spec.url
        assert main_text(page).strip(), spec.file
        page.screenshot(path=str(ARTIFACTS / f"{spec.url}-de.png"), full_page=True)
