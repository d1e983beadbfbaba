"""otpauth:// Key URIs (Google Authenticator "Key Uri Format", plus privacyIDEA's extras)."""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote, urlsplit

from ..errors import LinkError, UnsupportedTokenError, Words
from ..otp import MAX_COUNTER, TokenType, parse_algorithm
from ..token import TokenDescription, TwoStepParams
from .base32 import decode_base32_secret

MAX_LINK_LENGTH = 8192
MAX_TWO_STEP_DIFFICULTY = 1_000_000  # privacyIDEA's default is 10,000; more would freeze a slow PC


def _int_param(params: dict[str, str], name: str, default: int, what: Words) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    raw = raw.strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > 20:
        raise LinkError(
            "The link's {what} ({name}=…) is not a whole number. "
            "Copy the whole link from the issuer's e-mail again.",
            params={"what": what, "name": name},
        )
    return int(raw)


def _split_label(label: str) -> tuple[str, str]:
    if ":" in label:
        prefix, _, account = label.partition(":")
        return prefix.strip(), account.strip()
    return "", label.strip()


def _split_uri(uri: str) -> tuple[TokenType, str, str]:
    """Check the outer shape; return the type, the label and the query."""
    uri = uri.strip()
    if len(uri) > MAX_LINK_LENGTH:
        raise LinkError("The activation link is far too long to be real. Copy it again.")
    if not uri.isprintable():
        raise LinkError("The activation link contains invisible or control characters. Copy it again.")
    try:
        parts = urlsplit(uri)
    except ValueError:
        raise LinkError("The activation link is malformed. Copy it again from the e-mail.") from None
    if parts.scheme.lower() != "otpauth":
        raise LinkError("This is not an otpauth:// activation link.")
    kind = parts.netloc.lower()
    if kind not in ("totp", "hotp"):
        shown = kind[:20] or Words("(none)")
        raise UnsupportedTokenError(
            "The link is for a '{kind}' token; softtoken supports time-based (TOTP) and "
            "counter-based (HOTP) tokens. Ask the issuer for a TOTP or HOTP activation.",
            params={"kind": shown},
        )
    return TokenType(kind), unquote(parts.path.lstrip("/")), parts.query


def _params(query: str) -> dict[str, str]:
    params: dict[str, str] = {}
    try:
        pairs = parse_qsl(query, keep_blank_values=True, max_num_fields=64)
    except ValueError:
        raise LinkError("The activation link has too many parameters to be real.") from None
    for raw_key, value in pairs:
        key = raw_key.strip().lower()
        if key in params and params[key] != value:
            raise LinkError(
                "The link gives '{key}' twice with different values; it may have been "
                "tampered with. Ask the issuer for a new activation.",
                params={"key": key[:20]},
            )
        params[key] = value
    if "secret" not in params:
        raise LinkError(
            "The link has no secret: it was probably cut short. "
            "Copy the whole link (it is long) from the issuer's e-mail again."
        )
    return params


def _issuer_and_account(label: str, params: dict[str, str]) -> tuple[str, str]:
    label_issuer, account = _split_label(label)
    issuer = params.get("issuer", "").strip()
    if issuer and label_issuer and issuer != label_issuer:
        raise LinkError(
            "The link names two different issuers ('{first}' and '{second}'). "
            "Ask the issuer for a new activation link.",
            params={"first": label_issuer[:40], "second": issuer[:40]},
        )
    return (issuer or label_issuer)[:200], account[:200]


def _counter(params: dict[str, str]) -> int:
    if not params.get("counter", "").strip():
        raise LinkError(
            "The counter-based (HOTP) link has no counter: it was probably cut short. "
            "Copy the whole link again."
        )
    counter = _int_param(params, "counter", 0, Words("counter"))
    if counter > MAX_COUNTER:
        raise LinkError("The link's counter is out of range. Ask the issuer for a new link.")
    return counter


def _two_step(params: dict[str, str], default_output: int) -> TwoStepParams | None:
    if not any(key.startswith("2step_") for key in params):
        return None
    two_step = TwoStepParams(
        client_size=_int_param(params, "2step_salt", 8, Words("two-step client size")),
        output_size=_int_param(params, "2step_output", default_output, Words("two-step key size")),
        difficulty=_int_param(params, "2step_difficulty", 10000, Words("two-step difficulty")),
    )
    if not 1 <= two_step.client_size <= 64 or not 16 <= two_step.output_size <= 64:
        raise LinkError(
            "The link's two-step activation sizes are out of range. Ask the issuer for a new link."
        )
    if not 1 <= two_step.difficulty <= MAX_TWO_STEP_DIFFICULTY:
        raise LinkError("The link's two-step difficulty is out of range. Ask the issuer for a new link.")
    return two_step


def parse_key_uri(uri: str) -> TokenDescription:
    """Parse one ``otpauth://TYPE/LABEL?PARAMETERS`` link. Does not apply policy checks."""
    token_type, label, query = _split_uri(uri)
    params = _params(query)
    issuer, account = _issuer_and_account(label, params)
    algorithm = parse_algorithm(params.get("algorithm") or "SHA1")
    digits = _int_param(params, "digits", 6, Words("number of digits"))
    period = _int_param(params, "period", 30, Words("time step"))

    counter = _counter(params) if token_type is TokenType.HOTP else 0
    two_step = _two_step(params, algorithm.digest_size)
    # Decoded last, so that no error above leaves a copy of the seed behind.
    secret = decode_base32_secret(params["secret"])
    return TokenDescription(
        type=token_type,
        secret=secret,
        algorithm=algorithm,
        digits=digits,
        period=period,
        counter=counter,
        issuer=issuer,
        account=account,
        serial=params.get("serial", "").strip()[:64],
        source="link",
        two_step=two_step,
    )
