"""Who is using the app and what their role lets them do (docs/sign-in.md).

Sign-in is Streamlit's own OpenID Connect (`st.login`, `st.user`) against the hospital's
identity provider (Entra ID, Keycloak), configured in `.streamlit/secrets.toml` under
`[auth]`. Roles come from the tracked mapping `config/roles.toml` (identity-provider
groups or e-mail addresses -> role); a signed-in person who matches nothing gets no access.

Roles: board (all views, nothing that writes), lead (board + upload, history, undo of
their own loads), analyst (everything). Without `[auth]` the app runs in local mode: one
person on their own machine, as analyst, recorded as "local" — and it refuses to run in
that mode when it can be reached from the network, unless explicitly allowed.

A page calls `auth.require(...)` at its top: the entry point already hides and refuses
pages outside a role, but a page must hold on its own too (a fresh server's very first
run can follow Streamlit's legacy pages/ folder and run a page file without the entry
point).
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from app.i18n import t
from etl.settings import REPO_ROOT

BOARD, LEAD, ANALYST = "board", "lead", "analyst"
ROLES = (BOARD, LEAD, ANALYST)  # from fewest to most rights
LOCAL_USER = "local"

ROLES_FILE = REPO_ROOT / "config" / "roles.toml"
ROLES_FILE_ENV = "DASHBOARD_ROLES_FILE"  # another mapping file, e.g. outside the repository
LOCAL_ON_NETWORK_ENV = "DASHBOARD_LOCAL_MODE_ON_NETWORK"  # "allow": local mode off loopback
_YES = {"allow", "1", "true", "yes"}
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
_PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#!|~:$])")

# What an access check can conclude.
GRANTED = "granted"
SIGNED_OUT = "signed_out"
NO_ROLE = "no_role"
LOCAL_ON_NETWORK = "local_on_network"
MISCONFIGURED = "misconfigured"

logger = logging.getLogger(__name__)


class NotSignedInError(PermissionError):
    """Raised when an identity is asked for while nobody with a role is signed in."""


class RoleMappingError(ValueError):
    """The role mapping file cannot be read or names an unknown role."""


@dataclass(frozen=True)
class RoleMapping:
    """Identity-provider groups and e-mail addresses -> role, and whom to ask for access."""

    groups: Mapping[str, str] = field(default_factory=dict)  # group name -> highest role
    emails: Mapping[str, str] = field(default_factory=dict)  # lower-case address -> role
    group_claims: tuple[str, ...] = ("groups",)
    contact: str = ""


@dataclass(frozen=True)
class Access:
    """The outcome of an access check for this session."""

    state: str
    local: bool = False
    user: str | None = None
    role: str | None = None
    contact: str = ""  # whom to ask for a role
    exposure: str = ""  # how a local-mode app can be reached from the network

    @property
    def granted(self) -> bool:
        """Whether the session may use the app (with `role`)."""
        return self.state == GRANTED


# --- The role mapping -------------------------------------------------------------------


def roles_file() -> Path:
    """The role mapping in force: `DASHBOARD_ROLES_FILE`, else config/roles.toml."""
    configured = os.environ.get(ROLES_FILE_ENV)
    return Path(configured) if configured else ROLES_FILE


def load_mapping(path: Path | None = None) -> RoleMapping:
    """Read the role mapping file (re-read whenever it changes)."""
    path = path or roles_file()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as error:
        raise RoleMappingError(f"cannot read {path}: {error.strerror}") from error
    return _parse_mapping(str(path), stamp)


@functools.lru_cache(maxsize=8)
def _parse_mapping(path: str, _stamp: int) -> RoleMapping:
    """Parse and check a mapping file; `_stamp` (its mtime) only keys the cache."""
    try:
        with open(path, "rb") as file:
            data = tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RoleMappingError(f"cannot read {path}: {error}") from error
    return mapping_from(data)


def mapping_from(data: Mapping[str, Any]) -> RoleMapping:
    """A RoleMapping from the parsed TOML; unknown roles or malformed lists are errors."""
    roles = data.get("roles", {})
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise RoleMappingError(f"unknown roles {sorted(unknown)}; known: {list(ROLES)}")
    groups: dict[str, str] = {}
    emails: dict[str, str] = {}
    for role in ROLES:  # fewest rights first, so a later, higher role wins
        entry = roles.get(role, {})
        groups.update(dict.fromkeys(_names(entry, "groups", role), role))
        emails.update(dict.fromkeys((e.lower() for e in _names(entry, "emails", role)), role))
    access = data.get("access", {})
    claims = access.get("group_claims", ["groups"])
    if not isinstance(claims, list) or not all(isinstance(c, str) for c in claims):
        raise RoleMappingError("access.group_claims must be a list of claim names")
    return RoleMapping(groups, emails, tuple(claims), str(access.get("contact", "")).strip())


def _names(entry: Mapping[str, Any], key: str, role: str) -> list[str]:
    """The `groups` or `emails` list of a role entry, stripped; anything else is an error."""
    values = entry.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise RoleMappingError(f"roles.{role}.{key} must be a list of strings")
    return [v.strip() for v in values if v.strip()]


def identity_of(claims: Mapping[str, Any]) -> str | None:
    """The identity recorded for a signed-in person: the e-mail claim (lower case), else sub."""
    email = claims.get("email")
    if isinstance(email, str) and email.strip():
        return email.strip().lower()
    sub = claims.get("sub")
    return sub.strip() if isinstance(sub, str) and sub.strip() else None


def role_for(claims: Mapping[str, Any], mapping: RoleMapping) -> str | None:
    """The highest role any of the person's groups or their e-mail address grants, if any.

    An e-mail address the provider marks as unverified (`email_verified: false`) grants
    nothing: it could have been typed in by its owner.
    """
    granted = {mapping.groups[g] for g in _group_values(claims, mapping.group_claims) if g in mapping.groups}
    email = claims.get("email")
    if isinstance(email, str) and claims.get("email_verified") is not False:
        role = mapping.emails.get(email.strip().lower())
        if role:
            granted.add(role)
    return max(granted, key=ROLES.index) if granted else None


def _group_values(claims: Mapping[str, Any], names: Iterable[str]) -> set[str]:
    """Every group or app-role name in the given claims (a list, or a single string)."""
    found: set[str] = set()
    for name in names:
        value = claims.get(name)
        values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        found.update(v for v in values if isinstance(v, str))
    return found


# --- Local mode -------------------------------------------------------------------------


def is_loopback(address: str) -> bool:
    """Whether a listening or client address is only reachable from this machine."""
    host = address.strip().strip("[]")
    if host.startswith("unix://") or host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def local_mode_allowed_on_network() -> bool:
    """Whether the operator explicitly allowed local mode off loopback (docs/sign-in.md)."""
    return os.environ.get(LOCAL_ON_NETWORK_ENV, "").strip().lower() in _YES


def listening_address() -> str | None:
    """Where this server listens: Streamlit's server.address (unset means every interface).

    None under AppTest, which runs scripts in-process and serves nothing.
    """
    if st.get_option("global.appTest"):
        return None
    return st.get_option("server.address") or "0.0.0.0"  # noqa: S104 - Streamlit's default bind


def network_exposure() -> str:
    """How this local-mode session can be reached from the network; empty if it cannot."""
    address = listening_address()
    if address is not None and not is_loopback(address):
        return t("auth.exposed.all_interfaces") if address in {"0.0.0.0", "::"} else address  # noqa: S104
    client = st.context.ip_address
    if client is not None and not is_loopback(client):
        return t("auth.exposed.client", address=client)
    if st.context.headers.get("X-Forwarded-For") or st.context.headers.get("Forwarded"):
        return t("auth.exposed.proxy")
    return ""


def _local_access() -> Access:
    """Local mode: the single person on this machine is the analyst "local"."""
    exposure = network_exposure()
    if exposure and not local_mode_allowed_on_network():
        _warn_once(f"local mode refused: the app can be reached from the network ({exposure})")
        return Access(LOCAL_ON_NETWORK, local=True, exposure=exposure)
    return Access(GRANTED, local=True, user=LOCAL_USER, role=ANALYST)


@functools.lru_cache(maxsize=16)
def _warn_once(message: str) -> None:
    """Log a configuration problem once per server process, not on every rerun."""
    logger.error(message)


# --- Sign-in with OpenID Connect ----------------------------------------------------------


def _secrets_files_present() -> bool:
    """Whether a secrets file Streamlit would read exists (readable or not)."""
    paths = st.get_option("secrets.files") or []
    return any(Path(p).exists() for p in paths)


def oidc_configured() -> bool:
    """Whether sign-in is configured: an `[auth]` section in the secrets.

    A secrets file that exists but cannot be parsed counts as configured (and broken),
    so a typo never silently opens the app in local mode.
    """
    if st.secrets.load_if_toml_exists():
        return "auth" in st.secrets
    return _secrets_files_present()


def providers() -> list[str]:
    """The configured identity providers: "default" (keys directly under [auth]) or named."""
    if not st.secrets.load_if_toml_exists():
        return []
    section = st.secrets.get("auth") or {}
    if all(key in section for key in _PROVIDER_KEYS):
        return ["default"]
    return [
        name
        for name, value in section.items()
        if isinstance(value, Mapping) and all(key in value for key in _PROVIDER_KEYS)
    ]


def auth_problem() -> str:
    """What is missing from the `[auth]` configuration (key names only), or ""."""
    if not st.secrets.load_if_toml_exists():
        return "the secrets file cannot be read"
    section = st.secrets.get("auth") or {}
    missing = [key for key in ("redirect_uri", "cookie_secret") if key not in section]
    if not providers():
        missing.append("client_id, client_secret and server_metadata_url (under [auth] or [auth.<name>])")
    return f"[auth] lacks {', '.join(missing)}" if missing else ""


def _signed_in_access() -> Access:
    """Sign-in mode: who signed in, and the role the mapping gives them."""
    problem = auth_problem()
    if problem:
        _warn_once(f"sign-in is misconfigured: {problem}")
        return Access(MISCONFIGURED)
    claims = st.user.to_dict()
    if claims.get("is_logged_in") is not True:
        return Access(SIGNED_OUT)
    try:
        mapping = load_mapping()
    except RoleMappingError as error:
        _warn_once(f"the role mapping is unusable: {error}")
        return Access(MISCONFIGURED)
    user, role = identity_of(claims), role_for(claims, mapping)
    if user is None or role is None:
        return Access(NO_ROLE, user=user, contact=mapping.contact)
    return Access(GRANTED, user=user, role=role)


def access() -> Access:
    """This session's access: local mode, or the signed-in person and their role."""
    return _signed_in_access() if oidc_configured() else _local_access()


# --- What other code calls ----------------------------------------------------------------


def current_role() -> str:
    """The role of the person using this session; "" when they have none."""
    return access().role or ""


def current_user() -> str:
    """The identity recorded in `loaded_by` and every audit entry: the e-mail claim, else
    sub; "local" in local mode. Raises NotSignedInError when nobody with a role is in."""
    current = access()
    if not current.granted or current.user is None:
        raise NotSignedInError("nobody with a role is signed in")
    return current.user


def require(*roles: str) -> Access:
    """Stop the page unless this session may use it: one of `roles` (any role if none).

    Call it at the top of a page: `auth.require(auth.LEAD, auth.ANALYST)`.
    """
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")
    current = access()
    if not current.granted:
        show_gate(current)
        st.stop()
    if roles and current.role not in roles:
        refuse(current)
        st.stop()
    return current


# --- What the person sees -------------------------------------------------------------------


def plain(text: str) -> str:
    """Text from the identity provider, escaped so Markdown shows it as it is (no links,
    no formatting, no Streamlit directives)."""
    return _MARKDOWN.sub(r"\\\1", text)


def role_label(role: str | None) -> str:
    """A role's name in the current language."""
    return t(f"auth.role.{role}") if role in ROLES else "—"


def refuse(current: Access | None = None) -> None:
    """Say that this page is not for the session's role (reached by a URL, say)."""
    current = current or access()
    st.error(t("auth.refused", role=role_label(current.role)), icon=":material/block:")


def show_gate(current: Access | None = None) -> None:
    """The screen for a session that may not use the app yet: sign in, or why not."""
    current = current or access()
    st.title(t("app.title"))
    if current.state == SIGNED_OUT:
        st.info(t("auth.sign_in.intro"), icon=":material/login:")
        sign_in_buttons()
    elif current.state == NO_ROLE:
        contact = current.contact or t("auth.contact.default")
        user = plain(current.user) if current.user else t("auth.unknown_user")
        st.warning(t("auth.no_role", user=user, contact=contact), icon=":material/person_off:")
        st.button(t("auth.sign_out"), on_click=st.logout, key="auth_gate_sign_out")
    elif current.state == LOCAL_ON_NETWORK:
        st.error(t("auth.local_on_network", exposure=current.exposure), icon=":material/lan:")
    else:
        st.error(t("auth.misconfigured"), icon=":material/error:")


def sign_in_buttons() -> None:
    """One sign-in button per configured identity provider."""
    names = providers()
    for name in names:
        label = t("auth.sign_in") if len(names) == 1 else t("auth.sign_in_with", provider=name)
        st.button(
            label,
            on_click=st.login,
            args=(name,),
            type="primary",
            key=f"auth_sign_in_{name}",
            icon=":material/login:",
        )


def sidebar_identity(current: Access) -> None:
    """In the sidebar: the local-mode label, or who is signed in with a sign-out button."""
    if current.local:
        st.sidebar.caption(t("auth.local_mode"))
        return
    user = plain(current.user or "")
    st.sidebar.caption(t("auth.signed_in_as", user=user, role=role_label(current.role)))
    st.sidebar.button(t("auth.sign_out"), on_click=st.logout, key="auth_sign_out", icon=":material/logout:")
