"""What the sign-in tests share: the pages dashboard.py declares, identities, role files.

dashboard.py runs the app when imported, so its PAGES table is read from the source with
`ast` (never executed): each `PageSpec(...)` line gives a page's file, title key, URL and
roles, so the tests follow the pages other engineers add.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from etl.settings import REPO_ROOT

DASHBOARD = REPO_ROOT / "dashboard.py"
ROLES = ("board", "lead", "analyst")
_ROLE_NAMES = {"BOARD": ("board",), "LEAD": ("lead",), "ANALYST": ("analyst",), "EVERYONE": ROLES}
CONTACT = "the test desk (desk@hospital.example)"

# Who signs in, per role: their ID-token claims (the e-mail is the recorded identity).
USERS = {
    "board": {"sub": "u-board", "email": "Bea.Board@Hospital.example", "groups": ["dashboard-board"]},
    "lead": {"sub": "u-lead", "email": "lea.lead@hospital.example", "groups": ["dashboard-leads"]},
    "analyst": {"sub": "u-analyst", "email": "ana.analyst@hospital.example", "roles": ["dashboard-analysts"]},
    "nobody": {"sub": "u-nobody", "email": "no.role@hospital.example", "groups": ["cafeteria"]},
}

ROLES_TOML = f"""
[access]
contact = "{CONTACT}"
group_claims = ["groups", "roles"]

[roles.board]
groups = ["dashboard-board"]

[roles.lead]
groups = ["dashboard-leads"]

[roles.analyst]
groups = ["dashboard-analysts"]
emails = ["Second.Analyst@hospital.example"]
"""


@dataclass(frozen=True)
class Spec:
    """One PageSpec line of dashboard.py."""

    file: str
    title_key: str
    url: str
    roles: tuple[str, ...]
    filtered: bool = True


def _roles_of(node: ast.expr) -> tuple[str, ...]:
    """The roles of a `roles=` argument: EVERYONE, a name, or a tuple of names/strings."""
    if isinstance(node, ast.Name):
        return _ROLE_NAMES[node.id]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return (node.value,)
    if isinstance(node, ast.Tuple):
        return tuple(role for element in node.elts for role in _roles_of(element))
    raise ValueError(f"cannot read roles from {ast.dump(node)}")


def page_specs(source: Path = DASHBOARD) -> list[Spec]:
    """Every PageSpec(...) call in dashboard.py, in order."""
    fields = ("file", "title_key", "icon", "url", "roles", "filtered")
    specs = []
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "PageSpec":
            given = dict(zip(fields, node.args, strict=False))
            given |= {k.arg: k.value for k in node.keywords if k.arg}
            text = {k: v.value for k, v in given.items() if isinstance(v, ast.Constant)}
            roles = _roles_of(given["roles"]) if "roles" in given else ROLES
            filtered = bool(text.get("filtered", True))
            specs.append(Spec(text["file"], text["title_key"], text["url"], roles, filtered))
    return sorted(specs, key=lambda spec: _line_of(source, spec))


def _line_of(source: Path, spec: Spec) -> int:
    """Where a spec's file name first appears in the source: the navigation's order."""
    return source.read_text(encoding="utf-8").index(f'"{spec.file}"')


def auth_secrets(redirect_uri: str = "http://localhost:8501/oauth2callback") -> dict[str, object]:
    """An [auth] section as .streamlit/secrets.toml would hold it (test values only)."""
    return {
        "redirect_uri": redirect_uri,
        "cookie_secret": "a-test-cookie-secret-of-enough-length",
        "client_id": "dashboard",
        "client_secret": "a-test-client-secret",
        "server_metadata_url": "http://localhost:9400/.well-known/openid-configuration",
    }


# A copy of the app with two test-only pages added: one for leads and analysts that loads
# a file under the signed-in identity (what the Upload page does), one for analysts only.
# Each guards itself with auth.require, as every page must.
STUB_PAGES = {
    "stub_upload.py": """
import os
from pathlib import Path

import streamlit as st

from app import auth
from etl.load import load_files

auth.require(auth.LEAD, auth.ANALYST)
st.title("Stub upload page")
if st.button("Load the test file"):
    results = load_files([Path(os.environ["AUTH_TEST_UPLOAD"])], loaded_by=auth.current_user())
    st.success(f"{results[0].status} as {auth.current_user()}")
""",
    "stub_settings.py": """
import streamlit as st

from app import auth

auth.require(auth.ANALYST)
st.title("Stub analyst page")
""",
}
STUB_SECTIONS = """    "auth.role.lead": [
        PageSpec("stub_upload.py", "auth.role.lead", ":material/upload:", "stub-upload",
                 roles=(LEAD, ANALYST), filtered=False),
    ],
    "auth.role.analyst": [
        PageSpec("stub_settings.py", "auth.role.analyst", ":material/tune:", "stub-settings",
                 roles=(ANALYST,), filtered=False),
    ],
"""
STUB_TITLES = {"stub_upload.py": "Stub upload page", "stub_settings.py": "Stub analyst page"}


def app_with_stub_pages(folder: Path) -> Path:
    """dashboard.py and its pages copied into `folder`, plus the two stub pages."""
    source = DASHBOARD.read_text(encoding="utf-8")
    start = source.index("PAGES: dict[str, list[PageSpec]] = {")
    end = source.index("\n}\n", start) + 1
    (folder / "pages").mkdir(parents=True, exist_ok=True)
    (folder / "dashboard.py").write_text(source[:end] + STUB_SECTIONS + source[end:], encoding="utf-8")
    for page in (REPO_ROOT / "pages").glob("*.py"):
        (folder / "pages" / page.name).symlink_to(page)
    for name, text in STUB_PAGES.items():
        (folder / "pages" / name).write_text(text.lstrip(), encoding="utf-8")
    return folder / "dashboard.py"
