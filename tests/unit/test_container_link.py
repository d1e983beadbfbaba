"""pia://container registration links: parsing, finding them in pasted text and QR codes, fuzzing."""

from __future__ import annotations

import contextlib
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from softtoken.core.activation.sources import tokens_from_image, tokens_from_text
from softtoken.core.containers import (
    container_link_in_image,
    container_link_in_qr_texts,
    find_container_link,
    parse_container_link,
)
from softtoken.core.errors import ContainerLinkError, ContainerLinkGiven, SoftTokenError
from tests.qr_images import qr_bytes

# As privacyIDEA 3.14 writes it (the reference's example, every parameter, in this order).
LINK = (
    "pia://container/SMPH0000D181?issuer=privacyIDEA&ttl=10&nonce=05f8d1e2a3b4c5d6e7f80123456789abcd61997"
    "&time=2026-12-01T23%3A43%3A11.903074%2B00%3A00&url=http%3A//127.0.0.1%3A59323&serial=SMPH0000D181"
    "&key_algorithm=secp384r1&hash_algorithm=SHA256&ssl_verify=False&passphrase=&send_passphrase=False"
)
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_the_servers_link_reads_verbatim() -> None:
    link = parse_container_link(LINK)
    assert link.serial == "SMPH0000D181" and link.issuer == "privacyIDEA"
    assert link.url == "http://127.0.0.1:59323"
    assert link.time == "2026-12-01T23:43:11.903074+00:00"  # verbatim: the signature covers it
    assert link.nonce == "05f8d1e2a3b4c5d6e7f80123456789abcd61997"
    assert link.ttl_minutes == 10 and link.expires_at == link.issued_at + 600
    assert (link.ssl_verify, link.send_passphrase, link.needs_passphrase) == (False, False, False)
    assert link.text == LINK
    assert link.nonce not in repr(link) and "pia://" not in repr(link)


def test_a_passphrase_prompt() -> None:
    link = parse_container_link(LINK.replace("passphrase=&", f"passphrase={quote('Your PIN letter code')}&"))
    assert link.needs_passphrase and link.passphrase_prompt == "Your PIN letter code"
    assert parse_container_link(LINK.replace("send_passphrase=False", "send_passphrase=1")).send_passphrase


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (("pia://container/", "pia://token/"), "not a workstation registration"),
        (("pia://", "otpauth://"), "does not start with pia://container/"),
        (("&nonce=05f8d1e2a3b4c5d6e7f80123456789abcd61997", ""), "the nonce is missing"),
        (("ttl=10", "ttl=ten"), "time to live"),
        (("ttl=10", "ttl=0"), "time to live"),
        (("time=2026", "time=20x6"), "not a date and time"),
        (("%2B00%3A00", ""), "not a date and time"),  # no time zone
        (("url=http%3A//127.0.0.1%3A59323", "url=ftp%3A//x"), "not an http or https address"),
        (("serial=SMPH0000D181", "serial=OTHER"), "container serial"),
        (("key_algorithm=secp384r1", "key_algorithm=secp256r1"), "does not support"),
        (("hash_algorithm=SHA256", "hash_algorithm=SHA1"), "does not support"),
        (("ssl_verify=False", "ssl_verify=maybe"), "ssl_verify"),
        (("&ttl=10", "&ttl=10&ttl=11"), "appears twice"),
    ],
)
def test_a_broken_link_says_what_is_wrong(change: tuple[str, str], words: str) -> None:
    with pytest.raises(ContainerLinkError) as caught:
        parse_container_link(LINK.replace(*change))
    assert words in caught.value.message and "\n" not in caught.value.message
    assert "05f8d1e2" not in caught.value.message  # never the nonce


def test_found_in_a_whole_email_wrapped_by_the_mail_program() -> None:
    cut = 70
    mail = f"Dear Dr. Jones,\n\nplease open this here:\n\n{LINK[:cut]}\n{LINK[cut:]}\n\nThe help desk"
    found = find_container_link(mail)
    assert found is not None and found.text == LINK
    assert find_container_link(f"<{LINK}>") is not None
    assert find_container_link("no link here") is None
    assert find_container_link("otpauth://totp/A:b?secret=GEZDGNBVGY3TQOJQ") is None


def test_the_token_path_names_a_registration_link() -> None:
    with pytest.raises(ContainerLinkGiven) as caught:
        tokens_from_text(f"here it is: {LINK}")
    assert "workstation registration link, not a token" in caught.value.message
    with pytest.raises(ContainerLinkGiven):
        tokens_from_image(qr_bytes(LINK))


def test_in_qr_texts_and_images() -> None:
    assert container_link_in_qr_texts(["otpauth://totp/x?secret=AAAA", LINK]) is not None
    assert container_link_in_qr_texts(["hello"]) is None
    found = container_link_in_image(qr_bytes(LINK))
    assert found is not None and found.serial == "SMPH0000D181"
    assert container_link_in_image(qr_bytes("otpauth://totp/A:b?secret=GEZDGNBVGY3TQOJQ")) is None
    assert container_link_in_image(b"not an image") is None


def _only_ours(call, *args):  # type: ignore[no-untyped-def]
    try:
        return call(*args)
    except SoftTokenError as exc:
        assert exc.message and "\n" not in exc.message
        return None


@FUZZ
@given(st.text(max_size=600))
@example("pia://container/?ttl=99999999999999999999")
@example("pia://container/A?time=9999-12-31T23:59:59+14:00&ttl=1&nonce=aaaaaaaa&url=http://[::1")
def test_fuzz_text(text: str) -> None:
    _only_ours(parse_container_link, text)
    _only_ours(find_container_link, text)
    _only_ours(find_container_link, "pia://container/" + text)


@FUZZ
@given(st.data())
def test_fuzz_mutated_link(data: st.DataObject) -> None:
    raw = bytearray(LINK.encode())
    for _ in range(data.draw(st.integers(1, 6))):
        if not raw:
            break
        at = data.draw(st.integers(0, len(raw) - 1))
        op = data.draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        if op == "flip":
            raw[at] = data.draw(st.integers(0, 255))
        elif op == "cut":
            del raw[at:]
        elif op == "insert":
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=8))
        else:
            del raw[at]
    text = raw.decode("utf-8", "replace")
    found = _only_ours(parse_container_link, text)
    if found is not None:
        assert found.ttl_minutes >= 1 and found.expires_at > found.issued_at
    _only_ours(find_container_link, text)


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(["container_dict_server", "encryption_params", "public_server_key", "policies"]),
        st.one_of(
            st.text(max_size=60),
            st.dictionaries(st.sampled_from(["init_vector", "tag", "mode"]), st.text(max_size=40)),
            st.integers(),
            st.none(),
        ),
    )
)
def test_fuzz_sync_reply(value: dict[str, object]) -> None:
    from softtoken.core.containers.protocol import decrypt_reply, new_exchange_key
    from softtoken.core.errors import IssuerReplyInvalid

    with pytest.raises(IssuerReplyInvalid):
        decrypt_reply(new_exchange_key(), value, "http://127.0.0.1:1", "SMPH1")


@FUZZ
@given(
    st.recursive(
        st.none() | st.text(max_size=20) | st.integers(),
        lambda c: st.lists(c) | st.dictionaries(st.text(max_size=8), c),
    )
)
def test_fuzz_decrypted_document(document: object) -> None:
    from softtoken.core.containers.protocol import parse_server_container

    with contextlib.suppress(
        ValueError, TypeError, KeyError, AttributeError
    ):  # decrypt_reply: IssuerReplyInvalid
        parse_server_container(document, "SMPH1")
