"""Qt's own words (wizard buttons, message-box buttons, the file dialog) speak the app's language.

They come from the ``qtbase_<lang>.qm`` catalog that PySide6-Essentials ships; without it
a Spanish app would show "< Back", "Next >", "Cancel" and "Finish" in English.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard
from pytestqt.qtbot import QtBot

from softtoken.core.clock import FixedClock
from softtoken.core.vault.vault import Vault
from softtoken.gui import i18n
from softtoken.gui.app import Controller
from softtoken.gui.wizard.activation import ActivationWizard


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    for translator in i18n._keep:
        qapp.removeTranslator(translator)
    i18n._keep.clear()


def test_the_activation_wizards_buttons_are_spanish(app: QApplication, qtbot: QtBot, vault: Vault) -> None:
    i18n.install_translator(app, "es_ES")
    controller = Controller(vault, vault.policy, FixedClock(59))
    controller.start()  # a first run: the activation wizard
    wizard = controller.wizard
    assert isinstance(wizard, ActivationWizard)
    qtbot.addWidget(wizard)
    buttons = {
        which: wizard.button(which).text()
        for which in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.CancelButton,
            QWizard.WizardButton.FinishButton,
        )
    }
    assert buttons == {
        QWizard.WizardButton.BackButton: "< &Atrás",
        QWizard.WizardButton.NextButton: "Siguie&nte >",
        QWizard.WizardButton.CancelButton: "Cancelar",
        QWizard.WizardButton.FinishButton: "&Finalizar",
    }


def test_message_box_buttons_are_spanish(app: QApplication, qtbot: QtBot) -> None:
    i18n.install_translator(app, "es")
    box = QMessageBox()
    qtbot.addWidget(box)
    box.setStandardButtons(
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    )
    assert sorted(button.text() for button in box.buttons()) == ["&No", "&Sí", "Aceptar"]


def test_qts_catalog_is_found_where_pyside6_ships_it(app: QApplication) -> None:
    import PySide6

    shipped = Path(PySide6.__file__).resolve().parent / "Qt" / "translations" / "qtbase_es.qm"
    assert shipped.is_file()  # PySide6-Essentials: the wheel's and the bundle's layout
    assert shipped.parent in [folder.resolve() for folder in i18n.qt_translation_folders()]


def test_a_missing_qt_catalog_is_an_error_not_english(
    app: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "qt_translation_folders", lambda: [tmp_path])
    with pytest.raises(i18n.MissingCatalog) as raised:
        i18n.install_translator(app, "es")
    assert raised.value.message == (
        "This copy of softtoken is incomplete: Qt's translation file qtbase_es.qm is missing; "
        "reinstall softtoken or ask your help desk."
    )
    assert i18n._keep == []  # nothing half-installed: neither Qt's catalog nor ours


def test_an_unreadable_qt_catalog_is_an_error(
    app: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "qtbase_es.qm").write_bytes(b"not a catalog")
    monkeypatch.setattr(i18n, "qt_translation_folders", lambda: [tmp_path])
    with pytest.raises(i18n.MissingCatalog, match="cannot be read"):
        i18n.install_translator(app, "es")
    assert i18n._keep == []
