"""Each role's navigation, each refusal, local mode and sign-in states, through AppTest.

The signed-in person is simulated with AppTest's own `user` (what `st.user` reads) and
an `[auth]` secrets section, exactly as Streamlit fills them after a real OpenID Connect
sign-in (the browser tests in tests/browser/ do the real one). The app under test is
dashboard.py with its real pages plus two test-only pages (tests/auth_support.py), so
the refusals are exercised whatever pages the other roles have today.
"""

from __future__ import annotations

import ast
import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
import streamlit as st
from auth_support import (
    CONTACT,
    ROLES_TOML,
    STUB_TITLES,
    USERS,
    Spec,
    app_with_stub_pages,
    auth_secrets,
    page_specs,
)
from streamlit.testing.v1 import AppTest

from app import auth
from app.i18n import translate
from etl.load import load_files

Menu = list[tuple[str, str, str]]  # (section, title, visibility) of each page registered
# French, the default: AppTest re-formats sidebar widget values outside the run (in the
# default language) when a test clicks or switches page, so other languages would not match.
LANG = "fr"
USAGE_HEADER = ["date", "site", "department", "system", "metric", "value"]


def write_usage(path: Path, value: int = 100) -> Path:
    """A one-line usage export."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(USAGE_HEADER)
        writer.writerow(["2025-06-01", "Sion", "medicine", "EHR", "nursing_notes_digital", value])
    return path


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A tiny warehouse and the test role mapping, named by the environment for the module."""
    folder = tmp_path_factory.mktemp("auth")
    (folder / "data").mkdir()
    (folder / "roles.toml").write_text(ROLES_TOML, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_DATA_DIR", str(folder / "data"))
        patch.setenv(auth.ROLES_FILE_ENV, str(folder / "roles.toml"))
        patch.delenv(auth.LOCAL_ON_NETWORK_ENV, raising=False)
        assert load_files([write_usage(folder / "usage.csv")], loaded_by="test")[0].status == "loaded"
        yield folder


@pytest.fixture(scope="module")
def stub_app(environment: Path) -> Path:
    """dashboard.py with its pages and the two test-only pages, in a temporary folder."""
    return app_with_stub_pages(environment / "app")


@pytest.fixture
def menus(monkeypatch: pytest.MonkeyPatch) -> list[Menu]:
    """Every st.navigation call of the runs: what each menu registered, and how."""
    seen: list[Menu] = []
    original = st.navigation

    def spy(pages: Any, **kwargs: Any) -> Any:
        sections = pages.items() if isinstance(pages, dict) else [("", pages)]
        seen.append([(s, p.title, p.visibility) for s, ps in sections for p in ps])
        return original(pages, **kwargs)

    monkeypatch.setattr(st, "navigation", spy)
    return seen


def run_app(script: Path, who: str | None = None, secrets: dict[str, Any] | None = None) -> AppTest:
    """Run the app in French as `who` signed in (a USERS key), "out", or None for local mode."""
    app = AppTest.from_file(str(script), default_timeout=60)
    app.query_params["lang"] = LANG
    if who is not None or secrets is not None:
        app.secrets["auth"] = secrets if secrets is not None else auth_secrets()
        app.user = {"is_logged_in": False} if who in (None, "out") else {**USERS[who], "is_logged_in": True}
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def visible(menu: Menu) -> list[str]:
    """The titles a menu shows."""
    return [title for _, title, visibility in menu if visibility == "visible"]


def expected_titles(script: Path, role: str) -> list[str]:
    """The French titles of the pages dashboard.py declares for this role, in order."""
    return [translate(LANG, spec.title_key) for spec in page_specs(script) if role in spec.roles]


def forbidden(script: Path, role: str) -> list[Spec]:
    """The pages dashboard.py declares that this role may not use."""
    return [spec for spec in page_specs(script) if role not in spec.roles]


def refusal(role: str) -> str:
    return translate(LANG, "auth.refused", role=translate(LANG, f"auth.role.{role}"))


@pytest.mark.parametrize("role", ["board", "lead", "analyst"])
def test_each_role_sees_only_its_pages(stub_app: Path, menus: list[Menu], role: str) -> None:
    """It lists exactly the role's pages, hides the others, and says who is signed in."""
    app = run_app(stub_app, role)
    assert visible(menus[-1]) == expected_titles(stub_app, role)
    hidden = [title for _, title, v in menus[-1] if v == "hidden"]
    assert hidden == [translate(LANG, spec.title_key) for spec in forbidden(stub_app, role)]
    identity = str(USERS[role]["email"]).lower()
    signed_in = translate(LANG, "auth.signed_in_as", user=identity, role=translate(LANG, f"auth.role.{role}"))
    assert signed_in in [c.value for c in app.sidebar.caption]
    assert [b.label for b in app.sidebar.button] == [translate(LANG, "auth.sign_out")]


def test_the_real_navigation_gives_each_role_its_declared_pages(menus: list[Menu], environment: Path) -> None:
    """It shows each role the pages dashboard.py declares for it (today's real pages)."""
    from auth_support import DASHBOARD

    for role in ("board", "lead", "analyst"):
        run_app(DASHBOARD, role)
        assert visible(menus[-1]) == expected_titles(DASHBOARD, role), role


@pytest.mark.parametrize(
    ("role", "page"),
    [("board", "stub_upload.py"), ("board", "stub_settings.py"), ("lead", "stub_settings.py")],
)
def test_a_page_outside_the_role_refuses_when_reached_by_url(stub_app: Path, role: str, page: str) -> None:
    """It shows a plain refusal instead of the page, and nothing of the page runs."""
    app = run_app(stub_app, role)
    app.switch_page(f"pages/{page}").run()
    assert not app.exception
    assert [e.value for e in app.error] == [refusal(role)]
    assert STUB_TITLES[page] not in [title.value for title in app.title]


def test_every_real_page_outside_a_role_refuses_by_url(environment: Path) -> None:
    """It refuses each page dashboard.py reserves for other roles (none yet is fine)."""
    from auth_support import DASHBOARD

    for role in ("board", "lead"):
        for spec in forbidden(DASHBOARD, role):
            app = run_app(DASHBOARD, role)
            app.switch_page(f"pages/{spec.file}").run()
            assert [e.value for e in app.error] == [refusal(role)], (role, spec.file)


@pytest.mark.parametrize("role", ["lead", "analyst"])
def test_a_page_within_the_role_opens(stub_app: Path, role: str) -> None:
    """It runs the lead page for leads and analysts."""
    app = run_app(stub_app, role)
    app.switch_page("pages/stub_upload.py").run()
    assert [title.value for title in app.title] == [STUB_TITLES["stub_upload.py"]]
    assert not app.error


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("lead", lambda: refusal("lead")),
        ("board", lambda: refusal("board")),
    ],
)
def test_a_page_guards_itself_without_the_entry_point(
    stub_app: Path, who: str, expected: Callable[[], str]
) -> None:
    """It refuses when its file runs alone (a fresh server's legacy pages/ first run)."""
    app = run_app(stub_app.parent / "pages" / "stub_settings.py", who)
    assert [e.value for e in app.error] == [expected()]
    assert not app.title or app.title[0].value != STUB_TITLES["stub_settings.py"]


def test_a_page_alone_asks_a_signed_out_visitor_to_sign_in(stub_app: Path) -> None:
    """It shows the sign-in screen, not the page, when nobody is signed in."""
    app = run_app(stub_app.parent / "pages" / "stub_upload.py", "out")
    assert [b.label for b in app.button] == [translate(LANG, "auth.sign_in")]
    assert STUB_TITLES["stub_upload.py"] not in [title.value for title in app.title]


def test_signed_out_visitors_see_only_the_sign_in_screen(stub_app: Path, menus: list[Menu]) -> None:
    """It shows the title, a sign-in prompt and button, and no page, figure or menu."""
    app = run_app(stub_app, "out")
    assert [b.label for b in app.button] == [translate(LANG, "auth.sign_in")]
    assert [i.value for i in app.info] == [translate(LANG, "auth.sign_in.intro")]
    assert [title.value for title in app.title] == [translate(LANG, "app.title")]
    assert visible(menus[-1]) == [translate(LANG, "app.title")] and not app.metric


def test_someone_without_a_role_is_told_whom_to_ask(stub_app: Path, menus: list[Menu]) -> None:
    """It names the person and the contact from the mapping, and shows nothing else."""
    app = run_app(stub_app, "nobody")
    expected = translate(LANG, "auth.no_role", user="no.role@hospital.example", contact=CONTACT)
    assert [w.value for w in app.warning] == [expected]
    assert [b.label for b in app.button] == [translate(LANG, "auth.sign_out")]
    assert visible(menus[-1]) == [translate(LANG, "app.title")] and not app.metric


def test_local_mode_is_labelled_and_opens_every_page(stub_app: Path, menus: list[Menu]) -> None:
    """Without [auth] it runs as the analyst "local", says so in the sidebar, shows all pages."""
    app = run_app(stub_app)
    assert translate(LANG, "auth.local_mode") in [c.value for c in app.sidebar.caption]
    assert visible(menus[-1]) == expected_titles(stub_app, "analyst")
    assert not app.sidebar.button
    app.switch_page("pages/stub_settings.py").run()
    assert [title.value for title in app.title] == [STUB_TITLES["stub_settings.py"]]


@pytest.mark.parametrize(
    ("address", "exposure"),
    [
        ("0.0.0.0", lambda: translate(LANG, "auth.exposed.all_interfaces")),  # noqa: S104 - not bound
        ("10.20.30.40", lambda: "10.20.30.40"),
    ],
)
def test_local_mode_refuses_to_run_on_a_network_address(
    stub_app: Path,
    monkeypatch: pytest.MonkeyPatch,
    menus: list[Menu],
    address: str,
    exposure: Callable[[], str],
) -> None:
    """It refuses, saying why and what to do, when the server listens beyond loopback."""
    monkeypatch.setattr(auth, "listening_address", lambda: address)
    app = run_app(stub_app)
    assert [e.value for e in app.error] == [translate(LANG, "auth.local_on_network", exposure=exposure())]
    assert visible(menus[-1]) == [translate(LANG, "app.title")] and not app.metric
    app = run_app(stub_app.parent / "pages" / "stub_settings.py")  # a page run alone too
    assert STUB_TITLES["stub_settings.py"] not in [title.value for title in app.title]


def test_local_mode_on_the_network_runs_when_explicitly_allowed(
    stub_app: Path, monkeypatch: pytest.MonkeyPatch, menus: list[Menu]
) -> None:
    """It runs in local mode off loopback when DASHBOARD_LOCAL_MODE_ON_NETWORK=allow."""
    monkeypatch.setattr(auth, "listening_address", lambda: "10.20.30.40")
    monkeypatch.setenv(auth.LOCAL_ON_NETWORK_ENV, "allow")
    app = run_app(stub_app)
    assert not app.error
    assert visible(menus[-1]) == expected_titles(stub_app, "analyst")


@pytest.mark.parametrize(
    "secrets",
    [
        {"redirect_uri": "http://localhost:8501/oauth2callback"},  # no cookie secret, no client
        {k: v for k, v in auth_secrets().items() if k != "client_secret"},
    ],
)
def test_an_incomplete_sign_in_configuration_keeps_the_app_closed(
    stub_app: Path, menus: list[Menu], secrets: dict[str, Any]
) -> None:
    """It never falls back to local mode when [auth] is there but incomplete."""
    app = run_app(stub_app, "analyst", secrets=secrets)
    assert [e.value for e in app.error] == [translate(LANG, "auth.misconfigured")]
    assert visible(menus[-1]) == [translate(LANG, "app.title")] and not app.metric


def test_an_unreadable_role_mapping_keeps_the_app_closed(
    stub_app: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """It grants nobody a role when the mapping file is missing."""
    monkeypatch.setenv(auth.ROLES_FILE_ENV, str(tmp_path / "missing.toml"))
    app = run_app(stub_app, "analyst")
    assert [e.value for e in app.error] == [translate(LANG, "auth.misconfigured")]


@pytest.mark.parametrize(("language", "label"), [("de", "Anmelden"), ("en", "Sign in")])
def test_the_sign_in_screen_speaks_the_language(stub_app: Path, language: str, label: str) -> None:
    """It offers sign-in in German and English as well."""
    app = AppTest.from_file(str(stub_app), default_timeout=60)
    app.query_params["lang"] = language
    app.secrets["auth"] = auth_secrets()
    app.user = {"is_logged_in": False}
    app.run()
    assert [b.label for b in app.button] == [label]


def test_a_leads_load_is_recorded_under_their_identity(
    stub_app: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """It writes the lead's e-mail address into `loaded_by` of the load log."""
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data))
    assert load_files([write_usage(tmp_path / "first.csv")], loaded_by="test")[0].status == "loaded"
    monkeypatch.setenv("AUTH_TEST_UPLOAD", str(write_usage(tmp_path / "lead.csv", value=7)))
    app = run_app(stub_app, "lead")
    app.switch_page("pages/stub_upload.py").run()
    app.button[0].click().run()
    assert not app.exception
    assert [s.value for s in app.success] == ["loaded as lea.lead@hospital.example"]
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute("select file_name, loaded_by from loads order by load_id").fetchall()
    assert rows == [("first.csv", "test"), ("lead.csv", "lea.lead@hospital.example")]


def _required_roles(page: Path) -> list[tuple[str, ...]]:
    """The roles of every `auth.require(...)` call in a page file (read, not run)."""
    names = {"BOARD": "board", "LEAD": "lead", "ANALYST": "analyst"}
    calls = []
    for node in ast.walk(ast.parse(page.read_text(encoding="utf-8"))):
        function = node.func if isinstance(node, ast.Call) else None
        if isinstance(function, ast.Attribute) and function.attr == "require":
            assert isinstance(node, ast.Call)
            roles = [names.get(a.attr, a.attr) for a in node.args if isinstance(a, ast.Attribute)]
            calls.append(tuple(sorted(roles)) or ("analyst", "board", "lead"))
    return calls


def test_every_page_guards_itself_with_its_roles() -> None:
    """It finds in each page file an auth.require(...) naming exactly its PageSpec's roles.

    The entry point hides and refuses pages outside a role, but a fresh server's first
    request for /<file name> runs the page file alone: the page must refuse on its own.
    """
    from auth_support import DASHBOARD

    def one_liner(roles: tuple[str, ...]) -> str:
        if set(roles) == {"board", "lead", "analyst"}:
            return "auth.require()"
        return f"auth.require({', '.join('auth.' + r.upper() for r in roles)})"

    missing = sorted(
        f"pages/{spec.file}: {one_liner(spec.roles)}"
        for spec in page_specs(DASHBOARD)
        if _required_roles(DASHBOARD.parent / "pages" / spec.file) != [tuple(sorted(spec.roles))]
    )
    assert missing == [], "add at the top of each page (from app import auth):\n" + "\n".join(missing)
