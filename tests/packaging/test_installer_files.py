"""The installer files agree with the app and with each other (no build needed: part of the suite).

The Windows and macOS installers cannot be built here, so what can be checked without building
them is checked: the policy parameters of the Inno Setup script against softtoken.core.policy,
the URL schemes across the four platforms' files, the version in the release metadata.
"""

from __future__ import annotations

import configparser
import plistlib
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from softtoken import __version__
from softtoken.core.policy import _RULES, parse_policy

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "resources" / "linux"
ISS = (ROOT / "packaging" / "windows" / "softtoken.iss").read_text(encoding="utf-8")
SCHEMES = {"otpauth", "otpauth-migration", "pia"}


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(LINUX / "softtoken.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def metainfo() -> ET.Element:
    return ET.parse(LINUX / "io.github.softtoken.metainfo.xml").getroot()  # noqa: S314 - our own file


def info_plist() -> dict[str, object]:
    template = (ROOT / "packaging" / "macos" / "Info.plist").read_text(encoding="utf-8")
    assert "@VERSION@" in template, "the Info.plist version must come from the one version source"
    return plistlib.loads(template.replace("@VERSION@", __version__).replace("@MACOS_MIN@", "12.0").encode())


def test_installer_policy_parameters_match_the_policy_rules() -> None:
    found: dict[str, tuple[object, ...]] = {}
    for key, low, high in re.findall(r"IntSetting\('(\w+)', '\w+', (\d+), (\d+), \d+\)", ISS):
        found[key] = (int, int(low), int(high))
    for key, first, second in re.findall(r"ChoiceSetting\('(\w+)', '\w+', '(\w+)', '(\w+)'\)", ISS):
        found[key] = (str, (first, second))
    for key, *choices in re.findall(r"Choice3Setting\('(\w+)', '\w+', '(\w+)', '(\w+)', '(\w+)'\)", ISS):
        found[key] = (str, tuple(choices))
    for key in re.findall(r"BoolSetting\('(\w+)', '\w+'\)", ISS):
        found[key] = (bool,)
    for key in re.findall(r"TextSetting\('(\w+)', '\w+'\)", ISS):
        found[key] = (str, None)
    for key in re.findall(r"ListSetting\('(\w+)', '\w+'\)", ISS):
        found[key] = (tuple,)
    assert found == _RULES
    # the defaults the installer assumes for the clock check are the app's
    for key, default in re.findall(r"IntSetting\('(clock_\w+)', '\w+', \d+, \d+, (\d+)\)", ISS):
        from softtoken.core.policy import Policy

        assert getattr(Policy(), key) == int(default)


def test_installer_parameters_are_documented_in_its_header() -> None:
    header = ISS.split("#ifndef AppVersion")[0]
    for parameter, key in re.findall(r"Setting\('(\w+)', '(\w+)'", ISS):
        assert re.search(rf"/{key}\s+{parameter}\s", header), (
            f"/{key} ({parameter}) is not in the header table"
        )


def test_a_policy_the_installer_writes_is_one_the_app_accepts() -> None:
    # What TomlString() makes of a contact with quotes, a backslash, an accent and an emoji.
    written = (
        'pin_length = 6\r\nmax_attempts = 5\r\ndevice_key_store = "file"\r\nallow_copy = false\r\n'
        'helpdesk_contact = "Soporte t\\u00E9cnico \\"24/7\\" C:\\\\help \\U0001F4DE"\r\n'
    )
    values = parse_policy("# Written by the softtoken installer\r\n" + written)
    assert values["helpdesk_contact"] == 'Soporte técnico "24/7" C:\\help \U0001f4de'
    assert values["pin_length"] == 6 and values["allow_copy"] is False
    # What ListSetting() makes of /ISSUERURLS="https://pi.example.org, https://pi2.example.org:8443/pi"
    listed = (
        'issuer_urls = ["https://pi.example.org", "https://pi2.example.org:8443/pi"]\r\nsync_minutes = 5\r\n'
    )
    values = parse_policy("# Written by the softtoken installer\r\n" + listed)
    assert tuple(values["issuer_urls"]) == ("https://pi.example.org", "https://pi2.example.org:8443/pi")
    assert values["sync_minutes"] == 5


def test_every_platform_registers_the_same_url_schemes() -> None:
    entry = desktop_entry()
    assert {m.removeprefix("x-scheme-handler/") for m in entry["MimeType"].split(";") if m} == SCHEMES
    provided = {m.text for m in metainfo().iter("mediatype")}
    assert {m.removeprefix("x-scheme-handler/") for m in provided if m} == SCHEMES
    windows = set(
        re.findall(
            r'Subkey: "Software\\Classes\\([\w-]+)"; ValueType: string; ValueName: "URL Protocol"', ISS
        )
    )
    assert windows - {"softtoken.activationlink"} == SCHEMES
    for scheme in SCHEMES:
        assert f'Subkey: "Software\\Classes\\{scheme}\\shell\\open\\command"' in ISS
    assert '"""{app}\\softtoken.exe"" ""%1"""' in ISS
    url_types = info_plist()["CFBundleURLTypes"]
    assert isinstance(url_types, list)
    assert {s for t in url_types for s in t["CFBundleURLSchemes"]} == SCHEMES


def test_the_desktop_file_launches_with_the_link() -> None:
    entry = desktop_entry()
    assert entry["Exec"] == "softtoken %u"  # install.sh makes the path absolute
    assert entry["Icon"] == "softtoken"
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    assert entry["StartupWMClass"] == "softtoken"  # Qt's WM_CLASS for the softtoken executable


def test_ids_and_versions_come_from_one_place() -> None:
    root = metainfo()
    assert root.findtext("id") == info_plist()["CFBundleIdentifier"] == "io.github.softtoken"
    assert root.find("launchable").text == "softtoken.desktop"  # type: ignore[union-attr]
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == __version__, "add this version to <releases>"
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(__version__)}\] - {newest.get('date')}$", changelog, re.MULTILINE), (
        "CHANGELOG.md needs a section for this version, with the metainfo's release date"
    )
    assert "AppVersion={#AppVersion}" in ISS and "#error" in ISS  # the version is passed in, never typed


def test_the_icons_are_there_in_every_size() -> None:
    icons = ROOT / "resources" / "icons"
    for size in (16, 32, 48, 64, 128, 256, 512):
        header = (icons / f"softtoken-{size}.png").read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert (int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")) == (size, size)
    assert (icons / "softtoken.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
