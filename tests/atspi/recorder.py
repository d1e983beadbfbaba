"""Record what a screen reader hears from the desktop: AT-SPI events, one JSON object a line.

Run with the SYSTEM Python (``/usr/bin/python3``, Debian's python3-pyatspi): a
venv made from another Python cannot import pyatspi. Not a pytest module; the
tests start it as ``/usr/bin/python3 recorder.py OUT.jsonl`` inside their own
D-Bus session, once the AT-SPI bus is up.

The first line is ``{"type": "ready"}``, written once every listener is
registered; then each event as it comes, flushed, so that the test can wait on
it. Each event says what Orca would be told: its type, the inserted or removed
text (``any_data``), and the source object's role, name, description and
(for text objects) its whole text as AT-SPI exposes it.
"""

import json
import signal
import sys

import pyatspi

EVENTS = (
    "object:state-changed:focused",
    "object:text-changed",
    "object:text-caret-moved",
    "object:property-change:accessible-name",
    "object:property-change:accessible-description",
    "object:property-change:accessible-value",
    "object:value-changed",
    "object:announcement",
    "window:activate",
)


def _safe(call, default=""):
    try:
        return call()
    except Exception:  # noqa: BLE001 - the object may be gone already: record what is known
        return default


def _text_of(source):
    def read():
        text = source.queryText()
        return text.getText(0, -1)

    return _safe(read, None)


def _window_of(source):
    """ "role | name" of the top-level window ``source`` is in (the child of the application)."""

    def read():
        node = source
        for _ in range(64):  # a widget tree is never that deep; a cycle would be
            parent = node.parent
            if parent is None or parent.getRoleName() == "application":
                return f"{node.getRoleName()} | {node.name}"
            node = parent
        return ""

    return _safe(read)


def _record(out, event):
    source = event.source
    entry = {
        "type": str(event.type),
        "detail1": event.detail1,
        "detail2": event.detail2,
        "any_data": event.any_data
        if isinstance(event.any_data, str | int | float | bool)
        else str(event.any_data),
        "role": _safe(source.getRoleName),
        "name": _safe(lambda: source.name),
        "description": _safe(lambda: source.description),
        "app": _safe(lambda: source.getApplication().name),
    }
    if entry["role"] in ("text", "password text", "entry"):
        entry["text"] = _text_of(source)
    if entry["type"] == "object:state-changed:focused":
        entry["window"] = _window_of(source)
    out.write(json.dumps(entry) + "\n")
    out.flush()


def main(path):
    out = open(path, "a", encoding="utf-8")  # noqa: SIM115 - open for the whole run
    signal.signal(signal.SIGTERM, lambda *_: pyatspi.Registry.stop())
    pyatspi.Registry.registerEventListener(lambda event: _record(out, event), *EVENTS)
    out.write(json.dumps({"type": "ready"}) + "\n")
    out.flush()
    pyatspi.Registry.start()
    out.close()


if __name__ == "__main__":
    main(sys.argv[1])
