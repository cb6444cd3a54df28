"""The role mapping, identities and local-mode addresses, as plain functions."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from auth_support import ROLES_TOML

from app import auth
from etl.settings import REPO_ROOT


@pytest.fixture
def mapping() -> auth.RoleMapping:
    """The test mapping: one group per role, one analyst by e-mail."""
    return auth.mapping_from(tomllib.loads(ROLES_TOML))


def test_the_tracked_mapping_file_is_valid_and_holds_no_secrets() -> None:
    """It reads config/roles.toml, which names groups and addresses, never a secret."""
    path = REPO_ROOT / "config" / "roles.toml"
    mapping = auth.load_mapping(path)
    assert set(mapping.groups.values()) == set(auth.ROLES)
    assert mapping.contact
    text = path.read_text(encoding="utf-8").lower()
    assert "client_secret" not in text and "cookie_secret" not in text


@pytest.mark.parametrize(
    ("claims", "role"),
    [
        ({"groups": ["dashboard-board"]}, "board"),
        ({"groups": ["dashboard-leads"]}, "lead"),
        ({"roles": ["dashboard-analysts"]}, "analyst"),  # Entra ID app roles
        ({"groups": "dashboard-leads"}, "lead"),  # a single value, not a list
        ({"groups": ["dashboard-board", "dashboard-analysts", "x"]}, "analyst"),  # the highest
        ({"email": "SECOND.analyst@hospital.example"}, "analyst"),  # e-mail, any case
        ({"email": "second.analyst@hospital.example", "groups": ["dashboard-board"]}, "analyst"),
        ({"groups": ["cafeteria"], "email": "someone@hospital.example"}, None),
        ({"groups": ["Dashboard-Board"]}, None),  # group names match exactly
        ({"groups": [["dashboard-board"]]}, None),  # malformed claim values grant nothing
        ({}, None),
    ],
)
def test_a_role_comes_from_groups_or_the_e_mail_address(
    mapping: auth.RoleMapping, claims: dict[str, object], role: str | None
) -> None:
    """It grants the highest role any group or the address maps to, and none otherwise."""
    assert auth.role_for(claims, mapping) == role


def test_an_unverified_e_mail_address_grants_nothing(mapping: auth.RoleMapping) -> None:
    """It ignores the address when the provider says it is not verified."""
    claims = {"email": "second.analyst@hospital.example", "email_verified": False}
    assert auth.role_for(claims, mapping) is None
    assert auth.role_for({**claims, "email_verified": True}, mapping) == "analyst"


@pytest.mark.parametrize(
    ("claims", "identity"),
    [
        ({"email": " Lea.Lead@Hospital.example ", "sub": "u-1"}, "lea.lead@hospital.example"),
        ({"sub": "7f3c-entra-object"}, "7f3c-entra-object"),
        ({"email": "", "sub": "u-2"}, "u-2"),
        ({"name": "No Identity"}, None),
    ],
)
def test_the_identity_is_the_e_mail_claim_else_sub(claims: dict[str, object], identity: str | None) -> None:
    """It records the e-mail address in lower case, or the subject when there is none."""
    assert auth.identity_of(claims) == identity


@pytest.mark.parametrize(
    "text",
    [
        '[roles.chief]\ngroups = ["x"]',  # an unknown role
        '[roles.board]\ngroups = "dashboard-board"',  # not a list
        "[roles.lead]\nemails = [1, 2]",
        '[access]\ngroup_claims = "groups"',
    ],
)
def test_a_malformed_mapping_is_refused(text: str) -> None:
    """It refuses a mapping with an unknown role or values that are not lists of names."""
    with pytest.raises(auth.RoleMappingError):
        auth.mapping_from(tomllib.loads(text))


def test_an_unreadable_mapping_file_is_refused(tmp_path: Path) -> None:
    """It raises RoleMappingError for a missing file or broken TOML, never grants a role."""
    with pytest.raises(auth.RoleMappingError):
        auth.load_mapping(tmp_path / "missing.toml")
    broken = tmp_path / "roles.toml"
    broken.write_text("[roles.board\n", encoding="utf-8")
    with pytest.raises(auth.RoleMappingError):
        auth.load_mapping(broken)


def test_the_mapping_file_is_read_again_when_it_changes(tmp_path: Path) -> None:
    """It picks up an edited mapping without a restart."""
    path = tmp_path / "roles.toml"
    path.write_text('[roles.board]\ngroups = ["a"]\n', encoding="utf-8")
    assert auth.load_mapping(path).groups == {"a": "board"}
    path.write_text('[roles.lead]\ngroups = ["a"]\n', encoding="utf-8")
    os.utime(path, ns=(1, 10**18))  # a different mtime, however fast the test runs
    assert auth.load_mapping(path).groups == {"a": "lead"}


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        ("localhost", True),
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("[::1]", True),
        ("unix:///run/dashboard.sock", True),
        ("0.0.0.0", False),  # noqa: S104 - an address under test, nothing binds it
        ("::", False),
        ("10.1.2.3", False),
        ("dashboard.hospital.example", False),
        ("", False),
    ],
)
def test_only_loopback_addresses_count_as_this_machine(address: str, loopback: bool) -> None:
    """It treats 127/8, ::1, localhost and unix sockets as local, everything else as network."""
    assert auth.is_loopback(address) is loopback


@pytest.mark.parametrize(
    ("value", "allowed"), [("allow", True), ("TRUE", True), ("1", True), ("no", False), ("", False)]
)
def test_local_mode_on_the_network_needs_an_explicit_setting(
    monkeypatch: pytest.MonkeyPatch, value: str, allowed: bool
) -> None:
    """It allows local mode off loopback only when DASHBOARD_LOCAL_MODE_ON_NETWORK says so."""
    monkeypatch.setenv(auth.LOCAL_ON_NETWORK_ENV, value)
    assert auth.local_mode_allowed_on_network() is allowed


def test_require_rejects_an_unknown_role_name() -> None:
    """It fails loudly on a typo in a page's role list rather than locking everyone out."""
    with pytest.raises(ValueError, match="unknown roles"):
        auth.require("boss")


def test_the_secrets_example_is_complete_and_its_real_copy_is_ignored_by_git() -> None:
    """It documents every [auth] key st.login needs, and git ignores .streamlit/secrets.toml."""
    example = tomllib.loads((REPO_ROOT / ".streamlit" / "secrets.example.toml").read_text(encoding="utf-8"))
    assert set(example["auth"]) >= {
        "redirect_uri",
        "cookie_secret",
        "client_id",
        "client_secret",
        "server_metadata_url",
    }
    assert example["auth"]["redirect_uri"].endswith("/oauth2callback")
    assert ".streamlit/secrets.toml" in (REPO_ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("lea.lead@hospital.example", "lea.lead@hospital.example"),
        ("[click](https://evil.example)", "\\[click\\]\\(https\\://evil.example\\)"),
        (":red[alarm] **bold**", "\\:red\\[alarm\\] \\*\\*bold\\*\\*"),
    ],
)
def test_names_from_the_identity_provider_are_shown_as_plain_text(text: str, shown: str) -> None:
    """It escapes Markdown in an identity, so a crafted address cannot become a link."""
    assert auth.plain(text) == shown
