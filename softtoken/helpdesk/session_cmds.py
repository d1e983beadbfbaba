"""``login``, ``logout`` and ``setup``."""

from __future__ import annotations

import argparse

from .client import Issuer
from .context import HelpdeskContext
from .errors import UsageError, one_line
from .times import from_timestamp, local_text


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    login = sub.add_parser(
        "login",
        help="log in as an issuer admin and save the session for later commands",
        description="Log in to the issuer (POST /auth) and save the session token in a file only "
        "you can read (0600). The password is asked for on the terminal, or read from standard "
        "input with --password-stdin; never from the command line.",
    )
    login.add_argument("--user", required=True, metavar="ADMIN", help="the issuer admin's name")
    login.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    login.set_defaults(run=run_login)

    logout = sub.add_parser("logout", help="delete the saved session")
    logout.set_defaults(run=run_logout)

    setup = sub.add_parser(
        "setup",
        help="show or create the issuer policies that --verify, --two-step and register-workstation need",
        description="Without options: show whether activation proof (--verify), two-step "
        "activation (--two-step) and workstation registration (--containers) are ready on the issuer. "
        "--containers creates the container policy workstation registration needs (harmless: "
        "container policies grant no admin right). --verify creates the enrollment policy "
        "(harmless: it applies only to 'issue --verify'). --two-step creates an admin policy; if "
        "the issuer has none yet, that limits every admin to the actions it lists, so it also "
        "needs --restrict-admins.",
    )
    setup.add_argument("--verify", action="store_true", help="create the activation-proof policy")
    setup.add_argument("--two-step", action="store_true", help="allow two-step activation (admin policy)")
    setup.add_argument(
        "--containers",
        action="store_true",
        help="create the container policies that workstation registration needs (register-workstation)",
    )
    setup.add_argument(
        "--workstation-url",
        metavar="URL",
        help="with --containers: the issuer's address as the workstations reach it (default: --server)",
    )
    setup.add_argument(
        "--registration-ttl",
        metavar="MIN",
        help="with --containers: how many minutes a registration link works (privacyIDEA's default: 10)",
    )
    setup.add_argument(
        "--client-rollover",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="with --containers: let prescribers move to a new workstation in softtoken, without a call",
    )
    setup.add_argument(
        "--restrict-admins",
        action="store_true",
        help="accept that the first admin policy limits all admins to the actions it lists",
    )
    setup.set_defaults(run=run_setup)


def run_login(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    from .client import Issuer
    from .session import Session, jwt_expiry, save_session

    if ctx.admin:
        raise UsageError("'login' takes the admin with --user, not --admin.")
    server = ctx.resolved_server()
    path = ctx.resolved_session_path()
    issuer = Issuer(
        server,
        timeout=ctx.timeout,
        transport=ctx.transport,
        public_key=ctx.resolved_issuer_key(),
        ca_file=ctx.resolved_ca_file(),
    )
    try:
        password = ctx.secret("admin password", args.password_stdin, "--password-stdin")
        jwt = issuer.login(args.user, password)
    finally:
        issuer.close()
    expires = jwt_expiry(jwt)
    save_session(
        path,
        Session(
            server=server,
            admin=args.user,
            realm=ctx.resolved_realm(),
            jwt=jwt,
            created=ctx.now(),
            expires=expires,
        ),
    )
    from .pending import drop_all

    drop_all(ctx)  # a new session starts with no activations held (they belonged to the old one)
    until = f" It lasts until {local_text(from_timestamp(expires))}." if expires else ""
    ctx.stdout.write(
        f"Logged in to {server} as {one_line(args.user, 60)}. The session is saved in {path} "
        f"(only you can read it).{until}\n"
    )
    return 0


def run_logout(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    from .pending import drop_all
    from .session import delete_session

    path = ctx.resolved_session_path()
    drop_all(ctx)  # unfinished activations end with the session
    if delete_session(path):
        ctx.stdout.write(f"Logged out: deleted {path}.\n")
    else:
        ctx.stdout.write("No saved session; nothing to do.\n")
    return 0


def run_setup(ctx: HelpdeskContext, args: argparse.Namespace) -> int:
    from .container_policies import registration_ttl, workstation_url
    from .policies import (
        TOKEN_TYPES,
        ensure_verify_policy,
        setup_two_step,
        two_step_allowed,
        verify_policy_ready,
    )

    if args.restrict_admins and not args.two_step:
        raise UsageError("--restrict-admins goes with --two-step.")
    container_options = (args.workstation_url, args.registration_ttl, args.client_rollover)
    if not args.containers and any(o is not None for o in container_options):
        raise UsageError("--workstation-url, --registration-ttl and --client-rollover go with --containers.")
    url = workstation_url(args.workstation_url) if args.workstation_url is not None else None
    ttl = registration_ttl(args.registration_ttl) if args.registration_ttl is not None else None
    issuer = ctx.issuer()
    if args.verify:
        changed = ensure_verify_policy(issuer)
        ctx.stdout.write(
            "Created the activation-proof policy (used only by 'issue --verify').\n"
            if changed
            else "Activation proof (--verify) is ready; nothing changed.\n"
        )
    if args.two_step:
        ctx.stdout.write(setup_two_step(issuer, args.restrict_admins) + "\n")
    if args.containers:
        from .container_policies import setup_containers

        for line in setup_containers(issuer, url, ttl, args.client_rollover):
            ctx.stdout.write(line + "\n")
    if not args.verify and not args.two_step and not args.containers:
        verify = (
            "ready" if verify_policy_ready(issuer) else "not set up (created by the first 'issue --verify')"
        )
        two_step = (
            "enabled"
            if all(two_step_allowed(issuer, t) for t in TOKEN_TYPES)
            else "not enabled ('setup --two-step')"
        )
        ctx.stdout.write(f"Activation proof (--verify): {verify}\nTwo-step activation: {two_step}\n")
        ctx.stdout.write(f"Workstation registration: {_containers_ready(issuer)}\n")
    return 0


def _containers_ready(issuer: Issuer) -> str:
    from .container_policies import TTL_DEFAULT, container_setup
    from .errors import IssuerForbidden

    try:
        found = container_setup(issuer)
    except IssuerForbidden:
        return "unknown (the admin policy does not allow reading policies)"
    if not found.ready:
        return "not set up ('setup --containers')"
    move = "in softtoken" if found.client_rollover else "through the help desk"
    return (
        f"ready (workstations reach the issuer at {found.server_url}; links work for "
        f"{found.registration_ttl or TTL_DEFAULT} minutes; moving to a new workstation: {move})"
    )
