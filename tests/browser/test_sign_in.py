"""A real OpenID Connect sign-in in Chromium: each role's pages, refusals, and identity.

The dashboard runs with `streamlit run` against the mock OpenID provider on loopback; a
board member, a lead and an analyst sign in on the provider's page and see exactly their
pages; a page outside the role, opened by URL, refuses; a lead's load is recorded under
the lead's e-mail address. Screenshots go to test-artifacts/sign-in/ (ignored by git).
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from auth_support import CONTACT, STUB_TITLES, USERS, app_with_stub_pages, page_specs

from app.i18n import translate
from etl.settings import REPO_ROOT

LANG = "en"
ARTIFACTS = REPO_ROOT / "test-artifacts" / "sign-in"
TIMEOUT_MS = 120_000  # generous: CI machines have two cores


@pytest.fixture(scope="module", autouse=True)
def artifacts() -> Path:
    """The folder for this module's screenshots."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="module")
def upload_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The export the lead loads: one usage line."""
    path = tmp_path_factory.mktemp("lead") / "lead-export.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["date", "site", "department", "system", "metric", "value"])
        writer.writerow(["2025-06-01", "Sion", "medicine", "EHR", "nursing_notes_digital", 11])
    return path


@pytest.fixture(scope="module")
def signed_app(app_server: Callable[..., Any], oidc_provider: str, upload_file: Path, browser: Any) -> Any:
    """The dashboard with sign-in through the mock provider, past its first run."""
    server = app_server(oidc_provider, env={"AUTH_TEST_UPLOAD": str(upload_file)})
    warm_up = new_page(browser)
    open_app(warm_up, server.url + "/")  # the legacy pages/ first run is over
    warm_up.context.close()
    return server


def new_page(browser: Any) -> Any:
    """A page in a fresh browser context (no cookies)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page for one test."""
    fresh = new_page(browser)
    yield fresh
    fresh.context.close()


@pytest.fixture(scope="module")
def signed_in(browser: Any, signed_app: Any) -> Iterator[Callable[[str], Any]]:
    """A page signed in as a USERS key, signed in once per module and then reused."""
    pages: dict[str, Any] = {}

    def page_for(who: str) -> Any:
        if who not in pages:
            pages[who] = new_page(browser)
            sign_in(pages[who], signed_app, who)
        return pages[who]

    yield page_for
    for opened in pages.values():
        opened.context.close()


def wait_for_app(page: Any) -> None:
    """Wait until the app's script has run to its end."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')


def open_app(page: Any, url: str) -> None:
    """Open a URL of the app in English and wait for it to render."""
    page.goto(f"{url}?lang={LANG}")
    wait_for_app(page)


def sign_in(page: Any, server: Any, who: str) -> None:
    """Sign in on the provider's authorize page as one of the predefined users."""
    open_app(page, server.url + "/")
    page.get_by_role("button", name=translate(LANG, "auth.sign_in")).click()
    page.wait_for_url("**/oauth2/authorize**")
    page.get_by_role("button", name=str(USERS[who]["sub"]), exact=True).click()
    page.wait_for_url(f"{server.url}/**")
    open_app(page, server.url + "/stub-settings")  # a light page (or its refusal), in English


def menu(page: Any) -> list[str]:
    """The page titles the sidebar navigation lists (all of them, expanded)."""
    more = page.get_by_test_id("stSidebarNavViewButton")
    if more.count() and "more" in more.inner_text().lower():
        more.click()
    links = page.get_by_test_id("stSidebarNavLink")
    return [text.splitlines()[-1].strip() for text in links.all_inner_texts()]


def expected_menu(script: Path, role: str) -> list[str]:
    """The titles dashboard.py (with the stub pages) declares for the role, in English."""
    return [translate(LANG, s.title_key) for s in page_specs(script) if role in s.roles]


def stub_script(tmp_path: Path) -> Path:
    """The same app copy the server runs, to read its PAGES."""
    return app_with_stub_pages(tmp_path / "app")


@pytest.mark.parametrize("role", ["board", "lead", "analyst"])
def test_each_role_signs_in_and_sees_only_its_pages(
    signed_in: Callable[[str], Any], signed_app: Any, tmp_path: Path, role: str
) -> None:
    """It signs in through the identity provider and lists exactly the role's pages."""
    page = signed_in(role)  # on a light page: the menu is the same on every page
    page.screenshot(path=str(ARTIFACTS / f"{role}-signed-in.png"), full_page=True)
    assert menu(page) == expected_menu(stub_script(tmp_path), role)
    who = translate(
        LANG,
        "auth.signed_in_as",
        user=str(USERS[role]["email"]).lower(),
        role=translate(LANG, f"auth.role.{role}"),
    )
    sidebar = page.get_by_test_id("stSidebar").inner_text()
    assert who.replace("**", "") in sidebar.replace("\n", " ")


@pytest.mark.parametrize("role", ["board", "lead"])
def test_a_page_outside_the_role_refuses_when_opened_by_url(
    signed_in: Callable[[str], Any], signed_app: Any, tmp_path: Path, role: str
) -> None:
    """It shows a plain refusal, and nothing of the page, for each page outside the role."""
    page = signed_in(role)
    refusal = translate(LANG, "auth.refused", role=translate(LANG, f"auth.role.{role}"))
    for spec in [s for s in page_specs(stub_script(tmp_path)) if role not in s.roles]:
        open_app(page, f"{signed_app.url}/{spec.url}")
        body = page.get_by_test_id("stMain").inner_text()
        assert refusal in body, spec.file
        assert STUB_TITLES.get(spec.file, "\0") not in body
    page.screenshot(path=str(ARTIFACTS / f"{role}-refused.png"), full_page=True)


def last_load(warehouse: Path, file_name: str) -> tuple[Any, ...] | None:
    """The latest load of a file: load_id, status, loaded_by, rows."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            "select load_id, status, loaded_by, rows from loads where file_name = ?"
            " order by load_id desc limit 1",
            [file_name],
        ).fetchone()


def test_a_leads_upload_is_recorded_under_their_identity(
    signed_in: Callable[[str], Any], signed_app: Any, upload_file: Path
) -> None:
    """It loads a file through the Upload page and logs the lead's e-mail as `loaded_by`."""
    upload = next(s for s in page_specs() if s.file == "upload.py")
    page = signed_in("lead")
    open_app(page, f"{signed_app.url}/{upload.url}")
    page.locator('input[type="file"]').set_input_files(str(upload_file))
    page.get_by_role("button", name=translate(LANG, "upload.confirm", file=upload_file.name)).click()
    load_id, status, loaded_by, rows = _wait_for_load(
        signed_app.data_dir / "warehouse.duckdb", upload_file.name
    )
    assert (status, loaded_by, rows) == ("loaded", "lea.lead@hospital.example", 1)
    page.get_by_text(f"(load {load_id})", exact=False).wait_for()
    page.screenshot(path=str(ARTIFACTS / "lead-uploaded.png"), full_page=True)


def _wait_for_load(warehouse: Path, file_name: str) -> tuple[Any, ...]:
    """Poll the load log until the file's load is published (at most a minute)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            row = last_load(warehouse, file_name)
        except duckdb.Error:
            row = None  # the warehouse is being swapped in
        if row is not None:
            return row
        time.sleep(0.5)
    pytest.fail(f"{file_name} was never loaded")


def test_a_fresh_servers_first_request_for_a_page_file_is_guarded(
    app_server: Callable[..., Any], oidc_provider: str, page: Any
) -> None:
    """It asks for sign-in when a new server's very first request names a page file.

    On its first run Streamlit still follows the legacy pages/ folder, where /<file name>
    runs that file without dashboard.py: the page's own auth.require must hold.
    """
    fresh = app_server(oidc_provider)
    restricted = next(s for s in page_specs() if "board" not in s.roles)
    page.goto(f"{fresh.url}/{Path(restricted.file).stem}?lang={LANG}")
    page.get_by_role("button", name=translate(LANG, "auth.sign_in")).wait_for()
    assert translate(LANG, restricted.title_key) not in page.get_by_test_id("stMain").inner_text()


def test_someone_without_a_role_is_told_whom_to_ask(signed_in: Callable[[str], Any]) -> None:
    """It names the contact of the role mapping and shows no page."""
    page = signed_in("nobody")
    expected = translate(LANG, "auth.no_role", user="no.role@hospital.example", contact=CONTACT)
    assert expected in page.get_by_test_id("stMain").inner_text().replace("\n", " ")
    assert menu(page) == []
    page.screenshot(path=str(ARTIFACTS / "no-role.png"), full_page=True)


def test_signing_out_ends_the_session(page: Any, signed_app: Any) -> None:
    """It signs out through the provider and comes back to the sign-in screen."""
    sign_in(page, signed_app, "analyst")
    page.get_by_role("button", name=translate(LANG, "auth.sign_out")).click()
    page.wait_for_url("**/oauth2/end_session**")
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{signed_app.url}/**")
    open_app(page, signed_app.url + "/")
    page.get_by_role("button", name=translate(LANG, "auth.sign_in")).wait_for()
    assert menu(page) == []


def test_a_shared_link_opened_signed_out_asks_to_sign_in(page: Any, signed_app: Any) -> None:
    """It shows the sign-in screen at a page's URL, without Streamlit's "page not found"."""
    portfolio = next(s for s in page_specs() if s.file == "portfolio.py")
    open_app(page, f"{signed_app.url}/{portfolio.url}")
    page.get_by_role("button", name=translate(LANG, "auth.sign_in")).wait_for()
    assert page.get_by_role("dialog").count() == 0
    assert translate(LANG, "nav.portfolio") not in page.get_by_test_id("stMain").inner_text()


def test_the_sign_in_screen_in_french_and_german(page: Any, signed_app: Any) -> None:
    """It greets a signed-out visitor in French and German too, with nothing else shown."""
    for language in ("fr", "de"):
        page.goto(f"{signed_app.url}/?lang={language}")
        page.get_by_role("button", name=translate(language, "auth.sign_in")).wait_for()
        assert translate(language, "auth.sign_in.intro") in page.get_by_test_id("stMain").inner_text()
        page.screenshot(path=str(ARTIFACTS / f"signed-out-{language}.png"), full_page=True)


@pytest.fixture(scope="module")
def local_app(app_server: Callable[..., Any], browser: Any) -> Any:
    """The dashboard without [auth]: local mode, on loopback, past its first run."""
    server = app_server(None)
    warm_up = new_page(browser)
    open_app(warm_up, server.url + "/")  # the legacy pages/ first run is over
    warm_up.context.close()
    return server


def test_local_mode_is_labelled_and_opens_every_page(page: Any, local_app: Any, tmp_path: Path) -> None:
    """It runs without sign-in as the analyst, says so in the sidebar, and lists every page."""
    open_app(page, local_app.url + "/stub-settings")
    label = "Local mode"
    assert label in page.get_by_test_id("stSidebar").inner_text()
    assert menu(page) == expected_menu(stub_script(tmp_path), "analyst")
    page.screenshot(path=str(ARTIFACTS / "local-mode.png"), full_page=True)


def test_local_mode_refuses_a_visitor_through_a_proxy(browser: Any, local_app: Any) -> None:
    """It refuses to run in local mode for a request forwarded by a proxy."""
    context = browser.new_context(extra_http_headers={"X-Forwarded-For": "10.1.2.3"})
    page = context.new_page()
    open_app(page, local_app.url + "/")
    body = page.get_by_test_id("stMain").inner_text().replace("\n", " ")
    links = page.get_by_test_id("stSidebarNavLink").count()
    context.close()
    # Streamlit takes the client address from X-Forwarded-For: either reason may be given.
    reasons = [
        translate(LANG, "auth.exposed.proxy"),
        translate(LANG, "auth.exposed.client", address="10.1.2.3"),
    ]
    expected = [translate(LANG, "auth.local_on_network", exposure=r).replace("`", "") for r in reasons]
    assert any(text in body for text in expected), body
    assert links == 0
