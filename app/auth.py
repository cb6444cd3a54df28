"""Who is using the app and what their role lets them see.

Roles: board (all views, nothing that writes), lead (board + upload, history, undo of
their own loads), analyst (everything). Until sign-in is configured the app runs in
local mode: one person on their own machine, with every role.
"""

from __future__ import annotations

ROLES = ("board", "lead", "analyst")
LOCAL_USER = "local"


def current_role() -> str:
    """The role of the person using this session."""
    return "analyst"


def current_user() -> str:
    """The identity recorded in `loaded_by` and every audit entry."""
    return LOCAL_USER
