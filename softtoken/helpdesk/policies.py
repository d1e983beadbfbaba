"""The issuer-side policies the console's activation kinds need.

* Activation proof (``issue --verify``) uses privacyIDEA's enrollment policy
  ``verify_enrollment``. Enrollment-scope policies do not restrict admins, so
  the console creates it when missing; a condition on the request header
  ``X-Softtoken-Verify-Enrollment: 1`` makes it apply only to the issues that
  ask for it, not to every enrollment on the server.
* Two-step activation needs ``hotp_2step``/``totp_2step`` in an **admin**
  policy, and without it privacyIDEA silently ignores ``2stepinit``. Any
  admin-scope policy restricts every admin to the actions admin policies
  list, so the console never creates one behind the admin's back: ``setup
  --two-step`` does it, explicitly, and lists every action the console needs.
"""

from __future__ import annotations

from typing import Any

from .client import Issuer
from .errors import PolicyMissing

VERIFY_POLICY = "softtoken-helpdesk-verify"
VERIFY_HEADER = "X-Softtoken-Verify-Enrollment"
ADMIN_POLICY = "softtoken-helpdesk-admin"
TWO_STEP_POLICY = "softtoken-helpdesk-2step"
TOKEN_TYPES = ("totp", "hotp")

# Everything softtoken-helpdesk calls, plus the reading rights a help desk's web UI needs.
CONSOLE_ADMIN_ACTIONS: tuple[str, ...] = (
    "enrollTOTP",
    "enrollHOTP",
    "tokenlist",
    "assign",
    "unassign",
    "revoke",
    "disable",
    "enable",
    "delete",
    "reset",
    "resync",
    "losttoken",
    "importtokens",
    "setdescription",
    "settokeninfo",
    "tokenrealms",
    "getserial",
    "userlist",
    "auditlog",
    "policyread",
    "policywrite",
    "policydelete",
    "configread",
    "resolverread",
    "container_list",
    "container_create",
    "container_register",
    "container_rollover",
    "container_unregister",
    "container_add_token",
    "container_remove_token",
)
# The rights of the container commands (register-workstation, issue/replace into a container).
CONTAINER_ADMIN_ACTIONS = tuple(a for a in CONSOLE_ADMIN_ACTIONS if a.startswith("container_"))
TWO_STEP_ACTIONS = ("hotp_2step=allow", "totp_2step=allow")


def _actions(policy: dict[str, Any]) -> dict[str, Any]:
    action = policy.get("action")
    return action if isinstance(action, dict) else {}


def _applies_to(policy: dict[str, Any], admin: str | None) -> bool:
    users = policy.get("adminuser") or []
    return not users or (admin is not None and admin in users)


def verify_policy_ready(issuer: Issuer) -> bool:
    for policy in issuer.policies("enrollment"):
        if policy.get("name") == VERIFY_POLICY and policy.get("active"):
            kinds = str(_actions(policy).get("verify_enrollment", "")).split()
            return all(kind in kinds for kind in TOKEN_TYPES)
    return False


def ensure_verify_policy(issuer: Issuer) -> bool:
    """Create (or repair) the header-conditioned verify_enrollment policy. True if it was changed."""
    if verify_policy_ready(issuer):
        return False
    issuer.set_policy(
        VERIFY_POLICY,
        {
            "scope": "enrollment",
            "action": "verify_enrollment=" + " ".join(TOKEN_TYPES),
            "active": True,
            "description": "softtoken-helpdesk: issue --verify asks for a passcode from the app "
            f"before the token works (only requests with the header {VERIFY_HEADER}: 1)",
            "conditions": [["HTTP Request header", VERIFY_HEADER, "equals", "1", True, "condition_is_false"]],
        },
    )
    return True


def admin_policies(issuer: Issuer) -> list[dict[str, Any]]:
    return [p for p in issuer.policies("admin") if p.get("active")]


def two_step_allowed(issuer: Issuer, token_type: str) -> bool:
    key = f"{token_type}_2step"
    return any(
        str(_actions(p).get(key, "")).lower() in ("allow", "force") and _applies_to(p, issuer.admin)
        for p in admin_policies(issuer)
    )


def require_two_step(issuer: Issuer, token_type: str) -> None:
    if not two_step_allowed(issuer, token_type):
        raise PolicyMissing(
            f"Two-step activation is not enabled on the issuer (no admin policy allows "
            f"{token_type}_2step). An administrator runs 'softtoken-helpdesk setup --two-step' once; "
            "read what it changes in docs/helpdesk-console.md first."
        )


def setup_two_step(issuer: Issuer, restrict_admins: bool) -> str:
    """Make two-step activation possible; returns what was done, in one sentence."""
    if all(two_step_allowed(issuer, t) for t in TOKEN_TYPES):
        return "Two-step activation is already enabled; nothing changed."
    existing = admin_policies(issuer)
    if existing:
        # Admins are restricted already; a policy with only the 2step actions adds exactly that.
        issuer.set_policy(
            TWO_STEP_POLICY,
            {
                "scope": "admin",
                "action": ", ".join(TWO_STEP_ACTIONS),
                "active": True,
                "description": "softtoken-helpdesk: allow two-step activation (client entropy)",
            },
        )
        names = ", ".join(sorted(str(p.get("name")) for p in existing))
        return (
            f"Created the admin policy '{TWO_STEP_POLICY}' (two-step only). Your admin policies "
            f"({names}) still decide everything else; they must allow: {', '.join(CONSOLE_ADMIN_ACTIONS)}."
        )
    if not restrict_admins:
        raise PolicyMissing(
            "The issuer has no admin policy yet, and the first one limits EVERY administrator to "
            "the actions it lists (web UI settings too). If that is acceptable, run "
            "'softtoken-helpdesk setup --two-step --restrict-admins' (docs/helpdesk-console.md "
            "lists the actions it allows)."
        )
    issuer.set_policy(
        ADMIN_POLICY,
        {
            "scope": "admin",
            "action": ", ".join((*CONSOLE_ADMIN_ACTIONS, *TWO_STEP_ACTIONS)),
            "active": True,
            "description": "softtoken-helpdesk: what the help-desk console needs, with two-step "
            "activation. Admins can do only what admin policies list.",
        },
    )
    return (
        f"Created the admin policy '{ADMIN_POLICY}'. Administrators can now do only what admin "
        f"policies list: {', '.join(CONSOLE_ADMIN_ACTIONS)}, and two-step activation."
    )
