"""A tiny NTP server on 127.0.0.1 for clock-check tests: answers with its own time plus an offset."""

from __future__ import annotations

import socket
import struct
import threading
import time
from types import TracebackType

NTP_EPOCH_OFFSET = 2_208_988_800


def _ntp(ts: float) -> bytes:
    return struct.pack("!II", int(ts) + NTP_EPOCH_OFFSET, int((ts % 1) * 2**32))


class NtpResponder:
    def __init__(self, offset: float = 0.0, answer: bool = True) -> None:
        self.offset = offset
        self.answer = answer
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.queries = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def server(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                data, peer = self.sock.recvfrom(512)
            except TimeoutError:
                continue
            except OSError:
                return
            self.queries += 1
            if not self.answer or len(data) < 48:
                continue
            now = time.time() + self.offset
            reply = bytes([0x24, 2, 0, 0]) + bytes(20) + data[40:48] + _ntp(now) + _ntp(now)
            self.sock.sendto(reply, peer)

    def __enter__(self) -> NtpResponder:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()
