"""The bundle's TPM support (issue 14), tested from outside against a real swtpm.

Run by scripts/package-test after packaging/build.sh (skipped unless SOFTTOKEN_PACKAGING_TEST=1).
The default build carries tpm2-pytss and the TCTI libraries tpm2-tss loads at run time
(packaging/softtoken.spec); ``SOFTTOKEN_BUNDLE_TPM=0`` says the bundle under test was built with
``packaging/build.sh --no-tpm``, and then the tests check that it says so instead.

The frozen ``softtoken-cli`` runs with a clean environment (tests/packaging/test_bundle.py) and
``TPM2TOOLS_TCTI`` pointing at an swtpm on 127.0.0.1 with a fresh state directory, started here
and stopped by its own PID (tests/tpm/simulator.py). ``LD_DEBUG=libs`` shows which copy of a
library the dynamic loader took: the TCTI must come from the bundle, not from the build host's
/usr/lib (which this machine has too, so a passcode alone would not prove it).
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.oracles import oathtool_hotp, oathtool_totp
from tests.packaging.test_bundle import BUNDLE, PIN, clean_env, run
from tests.tpm.simulator import Swtpm, start_swtpm

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(
        os.environ.get("SOFTTOKEN_PACKAGING_TEST") != "1",
        reason="bundle tests run in scripts/package-test (SOFTTOKEN_PACKAGING_TEST=1)",
    ),
]

WITH_TPM = os.environ.get("SOFTTOKEN_BUNDLE_TPM", "1") != "0"
needs_tpm_build = pytest.mark.skipif(not WITH_TPM, reason="SOFTTOKEN_BUNDLE_TPM=0: a --no-tpm bundle")
SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
SEED = base64.b32decode(SECRET)
INTERNAL = BUNDLE / "_internal"
TCTIS = ("libtss2-tcti-device.so.0", "libtss2-tcti-swtpm.so.0")
# The Feature API and what only it links: packaging/build.sh builds tpm2-pytss without it.
FAPI_ONLY = ("libtss2-fapi", "libcurl", "libgnutls", "libldap", "libjson-c", "libssh2")


@pytest.fixture
def cli() -> Path:
    if not (BUNDLE / "softtoken-cli").is_file():
        pytest.fail(f"no bundle in {BUNDLE}: build it with packaging/build.sh")
    return BUNDLE / "softtoken-cli"


@pytest.fixture
def swtpm(tmp_path: Path) -> Iterator[Swtpm]:
    simulator = start_swtpm(tmp_path / "swtpm-state")  # a fresh state directory
    try:
        yield simulator
    finally:
        simulator.stop()  # by its own PID


def _policy(tmp: Path, *lines: str) -> list[str]:
    policy = tmp / "policy.toml"
    policy.write_text("".join(f"{line}\n" for line in ('device_key_store = "file"', *lines)))
    return ["--policy", str(policy)]


def _activate(cli: Path, env: dict[str, str], tmp: Path, link: str, policy: list[str]) -> None:
    source = tmp / "link.txt"
    source.write_text(link + "\n")
    result = run(
        [cli, *policy, "activate", source, "--name", "EPCS", "--pin-stdin"], env, stdin=f"{PIN}\n{PIN}\n"
    )
    assert result.returncode == 0, result.stderr


def _token(cli: Path, env: dict[str, str], policy: list[str]) -> dict[str, object]:
    result = run([cli, *policy, "status", "--json"], env)
    assert result.returncode == 0, result.stderr
    (token,) = json.loads(result.stdout)["tokens"]
    return dict(token)


def _loaded_from(stderr: str, library: str) -> list[str]:
    """The paths the dynamic loader initialised ``library`` from (LD_DEBUG=libs output)."""
    return re.findall(rf"calling init: (\S*/{re.escape(library)})\s*$", stderr, re.MULTILINE)


@needs_tpm_build
def test_the_bundle_carries_tpm2_pytss_and_its_tctis_but_not_fapi() -> None:
    assert (INTERNAL / "tpm2_pytss").is_dir(), "tpm2-pytss is not in the bundle"
    for library in ("libtss2-esys.so.0", "libtss2-tctildr.so.0", "libtss2-mu.so.0", *TCTIS):
        assert (INTERNAL / library).is_file(), f"missing from the bundle: {library}"
    names = [p.name for p in INTERNAL.rglob("*")]
    assert [n for n in names if n.startswith(FAPI_ONLY)] == []


@needs_tpm_build
def test_a_token_activated_into_swtpm_gives_oathtools_passcodes(
    cli: Path, tmp_path: Path, swtpm: Swtpm
) -> None:
    env = clean_env(tmp_path, TPM2TOOLS_TCTI=swtpm.tcti)
    policy = _policy(tmp_path, 'protection = "tpm"')  # refuse, rather than fall back to software
    _activate(cli, env, tmp_path, f"otpauth://hotp/ACME:x?secret={SECRET}&issuer=ACME&counter=0", policy)
    token = _token(cli, env, policy)
    assert (token["protection"], token["protection_note"]) == ("tpm", "")
    assert "key in the TPM" in run([cli, *policy, "status"], env).stdout
    vault = (tmp_path / "vault" / "vault.stv").read_bytes()
    assert SECRET.encode() not in vault and SEED.hex().encode() not in vault

    for counter in range(3):  # HOTP: the counter, not the clock, so the oracle's answer is exact
        result = run([cli, *policy, "code", "--pin-stdin"], dict(env, LD_DEBUG="libs"), stdin=PIN + "\n")
        assert result.returncode == 0, result.stderr[-2000:]
        assert result.stdout.strip() == oathtool_hotp(SEED, counter)
        # the TCTI (dlopen()ed by tpm2-tss, invisible to PyInstaller) is the bundle's own copy
        assert _loaded_from(result.stderr, "libtss2-tcti-swtpm.so.0") == [
            str(INTERNAL / "libtss2-tcti-swtpm.so.0")
        ]
        assert _loaded_from(result.stderr, "libtss2-esys.so.0") == [str(INTERNAL / "libtss2-esys.so.0")]

    wrong = run([cli, *policy, "code", "--pin-stdin"], env, stdin="0000\n")
    assert wrong.returncode == 77, wrong.stderr  # a failed TPM authorization: a wrong PIN
    assert _token(cli, env, policy)["wrong_pins"] == 1


@needs_tpm_build
def test_a_totp_token_in_swtpm_matches_oathtool(cli: Path, tmp_path: Path, swtpm: Swtpm) -> None:
    env = clean_env(tmp_path, TPM2TOOLS_TCTI=swtpm.tcti)
    policy = _policy(tmp_path)  # protection "auto": the TPM, since one answers
    link = f"otpauth://totp/ACME:x?secret={SECRET}&issuer=ACME&algorithm=SHA256&digits=8"
    _activate(cli, env, tmp_path, link, policy)
    assert _token(cli, env, policy)["protection"] == "tpm"
    for _attempt in range(3):  # the frozen CLI reads the real clock: a 30 s step boundary gets one more try
        before = int(subprocess.run(["date", "+%s"], capture_output=True, text=True, check=True).stdout)
        result = run([cli, *policy, "code", "--pin-stdin"], env, stdin=PIN + "\n")
        after = int(subprocess.run(["date", "+%s"], capture_output=True, text=True, check=True).stdout)
        assert result.returncode == 0, result.stderr
        if before // 30 == after // 30:
            assert result.stdout.strip() == oathtool_totp(SEED, before, "SHA256", 8)
            break
    else:
        pytest.fail("the clock kept crossing a 30 s step")


def _activate_under_tpm_policy(
    cli: Path, env: dict[str, str], tmp_path: Path
) -> subprocess.CompletedProcess[str]:
    """An activation under `protection = "tpm"` that must be refused with 69 (no usable TPM)."""
    source = tmp_path / "link.txt"
    source.write_text(f"otpauth://totp/ACME:x?secret={SECRET}&issuer=ACME\n")
    refused = run(
        [cli, *_policy(tmp_path, 'protection = "tpm"'), "activate", source, "--name", "EPCS", "--pin-stdin"],
        env,
        stdin=f"{PIN}\n{PIN}\n",
    )
    assert refused.returncode == 69, refused.stderr
    return refused


def test_without_a_tpm_the_bundle_says_which_level_is_in_force(cli: Path, tmp_path: Path) -> None:
    if Path("/dev/tpmrm0").exists():
        pytest.skip("this machine has a TPM: the no-TPM case needs one without")
    env = clean_env(tmp_path)  # no TPM2TOOLS_TCTI, no /dev/tpmrm0
    assert "TPM2TOOLS_TCTI" not in env and "TSS2_TCTI" not in env
    refused = _activate_under_tpm_policy(cli, env, tmp_path)
    assert refused.stderr.startswith(  # the device is looked for before the library (core/tpm/access.py)
        "softtoken-cli: The admin policy keeps tokens in the computer's TPM security chip, and it cannot "
        "be used here: softtoken finds no TPM 2.0 security chip on this computer"
    ), refused.stderr
    assert not (tmp_path / "vault" / "vault.stv").exists()

    policy = _policy(tmp_path)  # protection "auto": software, and it says so
    _activate(cli, env, tmp_path, f"otpauth://totp/ACME:x?secret={SECRET}&issuer=ACME", policy)
    token = _token(cli, env, policy)
    assert (token["protection"], token["protection_note"]) == (
        "software",
        "there was no usable TPM security chip when it was activated",
    )
    assert "key in software" in run([cli, *policy, "status"], env).stdout


@pytest.mark.skipif(
    WITH_TPM, reason="for a bundle built with packaging/build.sh --no-tpm (SOFTTOKEN_BUNDLE_TPM=0)"
)
def test_a_bundle_without_tpm_support_says_so_where_a_tpm_answers(
    cli: Path, tmp_path: Path, swtpm: Swtpm
) -> None:
    env = clean_env(tmp_path, TPM2TOOLS_TCTI=swtpm.tcti)
    refused = _activate_under_tpm_policy(cli, env, tmp_path)
    assert "This softtoken was installed without TPM support" in refused.stderr
    policy = _policy(tmp_path)
    _activate(cli, env, tmp_path, f"otpauth://totp/ACME:x?secret={SECRET}&issuer=ACME", policy)
    assert _token(cli, env, policy)["protection"] == "software"
