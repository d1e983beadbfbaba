"""The few TPM 2.0 commands softtoken uses, over tpm2-pytss's ESAPI.

- a storage primary key (ECC P-256, AES-128-CFB) made from the owner
  hierarchy's template each time it is needed: the same template gives the
  same key on the same TPM, so nothing is stored in the TPM itself;
- under it, a token's seed as a keyed-hash (HMAC) object with ``sign``,
  ``fixedTPM``, ``fixedParent`` and ``userWithAuth`` and *without* ``noDA``:
  it never leaves the TPM, and every wrong authorization counts toward the
  TPM's dictionary-attack lockout;
- ``TPM2_HMAC`` with that object; ``TPM2_GetCapability`` for the algorithms
  and the lockout properties.

Every command that carries a secret runs in a salted HMAC session with
parameter encryption (``_encrypted``), so neither the seed nor the
authorization value crosses the bus to a discrete TPM in the clear.
The seed and the authorization value are copied into tpm2-tss's C structures
straight from their ``bytearray`` (no Python ``bytes`` copy) and overwritten
with zeros right after the command (SECURITY.md says what remains).
Transient objects are flushed when this object closes; on a TPM without a
resource manager (a simulator, ``/dev/tpm0``) the objects a killed softtoken
left are flushed first, since such a TPM has only a few slots.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from typing import Any

from .access import Tcti, unreachable
from .errors import AuthFailed, ChipUnavailable, InLockout
from .lockout import DaState

# Our algorithm names (otp.Algorithm values) as tpm2-pytss's template words.
_HASHES = {"SHA1": "sha1", "SHA256": "sha256", "SHA512": "sha512"}
_PRIMARY_TEMPLATE = "ecc256:aes128cfb"


class NotThisChip(Exception):
    """Internal: the TPM refused a token's blobs (made in another TPM, or this one was cleared)."""


@dataclass(frozen=True)
class KeyBlobs:
    """A TPM object outside the TPM: its private part (encrypted by the TPM) and its public part."""

    private: bytes
    public: bytes


def quiet_library_log() -> None:
    """tpm2-tss logs every TPM error on stderr; softtoken says them in its own words instead."""
    os.environ.setdefault("TSS2_LOG", "all+NONE")


def _fill(target: Any, source: bytearray) -> None:
    """Copy a secret into a TPM2B's buffer without making a Python ``bytes`` of it."""
    from tpm2_pytss._libtpm2_pytss import ffi

    target.size = len(source)
    ffi.memmove(target.buffer, source, len(source))


def _clear(target: Any) -> None:
    from tpm2_pytss._libtpm2_pytss import ffi

    ffi.memmove(target.buffer, bytes(len(target.buffer)), len(target.buffer))
    target.size = 0


def _auth(value: bytearray) -> Any:
    from tpm2_pytss.types import TPM2B_AUTH

    auth = TPM2B_AUTH()
    _fill(auth._cdata, value)
    return auth


class Chip:
    """One connection to the TPM, for one vault operation (closed at its end)."""

    def __init__(self, esapi: Any, tcti: Tcti) -> None:
        self._esapi = esapi
        self.tcti = tcti
        self._primary: Any = None
        self._session: Any = None
        self._loaded: list[Any] = []
        self._algorithms: frozenset[str] | None = None

    @classmethod
    def open(cls, tcti: Tcti) -> Chip:
        quiet_library_log()
        from tpm2_pytss import ESAPI, TSS2_Exception

        try:
            esapi = ESAPI(tcti.config)
        except (TSS2_Exception, OSError, RuntimeError, ValueError) as exc:
            raise unreachable(tcti, str(exc)) from None
        chip = cls(esapi, tcti)
        try:
            if not tcti.shared:
                chip.flush_leftovers()
        except BaseException:
            chip.close()
            raise
        return chip

    def close(self) -> None:
        if self._esapi is None:
            return
        from tpm2_pytss import TSS2_Exception

        try:
            for handle in [*self._loaded, self._session, self._primary]:
                if handle is not None:
                    with contextlib.suppress(TSS2_Exception):  # a session a failed auth ended is gone
                        self._esapi.flush_context(handle)
        finally:
            self._loaded.clear()
            self._primary = self._session = None
            self._esapi.close()
            self._esapi = None

    def __enter__(self) -> Chip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ reading the TPM

    def algorithms(self) -> frozenset[str]:
        """Which of SHA1, SHA256, SHA512 this TPM implements (TPM2_CAP_ALGS)."""
        if self._algorithms is None:
            from tpm2_pytss.constants import TPM2_ALG, TPM2_CAP

            _, caps = self._call(self._esapi.get_capability, TPM2_CAP.ALGS, 0, 256)
            present = {int(a.alg) for a in caps.data.algorithms}
            wanted = {"SHA1": TPM2_ALG.SHA1, "SHA256": TPM2_ALG.SHA256, "SHA512": TPM2_ALG.SHA512}
            self._algorithms = frozenset(n for n, alg in wanted.items() if int(alg) in present)
        return self._algorithms

    def lockout(self) -> DaState:
        """The dictionary-attack state (TPM2_PT_PERMANENT's inLockout and the four DA properties)."""
        from tpm2_pytss.constants import TPM2_CAP, TPM2_PT, TPMA_PERMANENT

        values: dict[int, int] = {}
        for first in (TPM2_PT.PERMANENT, TPM2_PT.LOCKOUT_COUNTER):
            _, caps = self._call(self._esapi.get_capability, TPM2_CAP.TPM_PROPERTIES, first, 4)
            values.update({int(p.property): int(p.value) for p in caps.data.tpmProperties})
        return DaState(
            failures=values.get(int(TPM2_PT.LOCKOUT_COUNTER), 0),
            max_tries=values.get(int(TPM2_PT.MAX_AUTH_FAIL), 0),
            interval=values.get(int(TPM2_PT.LOCKOUT_INTERVAL), 0),
            recovery=values.get(int(TPM2_PT.LOCKOUT_RECOVERY), 0),
            in_lockout=bool(values.get(int(TPM2_PT.PERMANENT), 0) & int(TPMA_PERMANENT.INLOCKOUT)),
        )

    def transient_handles(self, sessions: bool = False) -> list[int]:
        """The TPM's loaded transient objects (and, with ``sessions``, its sessions)."""
        from tpm2_pytss.constants import TPM2_CAP, TPM2_HT

        kinds = [TPM2_HT.TRANSIENT] + ([TPM2_HT.LOADED_SESSION, TPM2_HT.SAVED_SESSION] if sessions else [])
        found: list[int] = []
        for kind in kinds:
            _, caps = self._call(self._esapi.get_capability, TPM2_CAP.HANDLES, int(kind) << 24, 64)
            found += [int(h) for h in caps.data.handles]
        return found

    def flush_leftovers(self) -> None:
        """Flush the objects and sessions a killed softtoken left in a TPM without a resource manager."""
        from tpm2_pytss import TSS2_Exception

        for handle in self.transient_handles(sessions=True):
            with contextlib.suppress(TSS2_Exception):  # gone meanwhile, or a saved context
                self._esapi.flush_context(self._esapi.tr_from_tpmpublic(handle))

    # ------------------------------------------------------------------ keys

    def _parent(self) -> Any:
        if self._primary is None:
            from tpm2_pytss.constants import TPMA_OBJECT
            from tpm2_pytss.types import TPM2B_PUBLIC, TPM2B_SENSITIVE_CREATE

            attributes = TPMA_OBJECT.RESTRICTED | TPMA_OBJECT.DECRYPT | TPMA_OBJECT.FIXEDTPM
            attributes |= TPMA_OBJECT.FIXEDPARENT | TPMA_OBJECT.SENSITIVEDATAORIGIN
            attributes |= TPMA_OBJECT.USERWITHAUTH | TPMA_OBJECT.NODA  # the parent: empty auth, no DA
            template = TPM2B_PUBLIC.parse(_PRIMARY_TEMPLATE, objectAttributes=attributes)
            self._primary = self._call(self._esapi.create_primary, TPM2B_SENSITIVE_CREATE(), template)[0]
        return self._primary

    def _encrypted(self) -> Any:
        """A salted HMAC session (salt: ECDH with the primary) that encrypts the first parameter.

        Used for every command that carries a secret: the seed at TPM2_Create, the blobs at
        TPM2_Load, the counter and the HMAC at TPM2_HMAC go over the bus AES-128-CFB
        encrypted, and the authorization value never travels at all (the session proves it
        with an HMAC). A wrong one still fails with TPM_RC_AUTH_FAIL and counts.
        """
        if self._session is None:
            from tpm2_pytss.constants import ESYS_TR, TPM2_ALG, TPM2_SE, TPMA_SESSION
            from tpm2_pytss.types import TPMT_SYM_DEF

            symmetric = TPMT_SYM_DEF(algorithm=TPM2_ALG.AES)
            symmetric.keyBits.aes = 128
            symmetric.mode.aes = TPM2_ALG.CFB
            self._session = self._call(
                self._esapi.start_auth_session,
                self._parent(),
                ESYS_TR.NONE,
                TPM2_SE.HMAC,
                symmetric,
                TPM2_ALG.SHA256,
            )
            attributes = TPMA_SESSION.DECRYPT | TPMA_SESSION.ENCRYPT | TPMA_SESSION.CONTINUESESSION
            self._call(self._esapi.trsess_set_attributes, self._session, attributes)
        return self._session

    def create_hmac_key(self, algorithm: str, seed: bytearray, auth: bytearray) -> KeyBlobs:
        """Import ``seed`` as a non-exportable HMAC key whose authorization is ``auth``."""
        from tpm2_pytss.constants import TPMA_OBJECT
        from tpm2_pytss.types import TPM2B_PUBLIC, TPM2B_SENSITIVE_CREATE, TPMS_SENSITIVE_CREATE

        attributes = TPMA_OBJECT.SIGN_ENCRYPT | TPMA_OBJECT.FIXEDTPM | TPMA_OBJECT.FIXEDPARENT
        attributes |= (
            TPMA_OBJECT.USERWITHAUTH
        )  # no NODA: wrong PINs count toward the lockout; no SENSITIVEDATAORIGIN: the seed is ours
        public = TPM2B_PUBLIC.parse(f"hmac:{_HASHES[algorithm]}", objectAttributes=attributes)
        sensitive = TPM2B_SENSITIVE_CREATE(TPMS_SENSITIVE_CREATE())
        inner = sensitive._cdata.sensitive
        try:
            _fill(inner.data, seed)
            _fill(inner.userAuth, auth)
            parent, session = self._parent(), self._encrypted()
            private, made, *_ = self._call(
                lambda: self._esapi.create(parent, sensitive, public, session1=session)
            )
        finally:
            _clear(inner.data)
            _clear(inner.userAuth)
        return KeyBlobs(bytes(private.marshal()), bytes(made.marshal()))

    def load(self, blobs: KeyBlobs) -> Any:
        """Load a token's key (no PIN needed to load); NotThisChip when this TPM did not make it."""
        from tpm2_pytss import TSS2_Exception
        from tpm2_pytss.types import TPM2B_PRIVATE, TPM2B_PUBLIC

        try:
            private = TPM2B_PRIVATE.unmarshal(blobs.private)[0]
            public = TPM2B_PUBLIC.unmarshal(blobs.public)[0]
        except (TSS2_Exception, ValueError, TypeError):
            raise NotThisChip() from None
        parent, session = self._parent(), self._encrypted()
        try:
            handle = self._esapi.load(parent, private, public, session1=session)
        except TSS2_Exception as exc:
            if _is_tpm_format_one(exc):  # integrity, size, value, ...: not a key of this TPM
                raise NotThisChip() from None
            raise _problem(exc) from None
        self._loaded.append(handle)
        return handle

    def hmac(self, handle: Any, auth: bytearray, messages: list[bytes], algorithm: str) -> list[bytes]:
        """TPM2_HMAC of each message with the loaded key, authorized by ``auth``."""
        from tpm2_pytss import TSS2_Exception
        from tpm2_pytss.constants import TPM2_ALG, TPM2_RC

        alg = {"SHA1": TPM2_ALG.SHA1, "SHA256": TPM2_ALG.SHA256, "SHA512": TPM2_ALG.SHA512}[algorithm]
        value = _auth(auth)
        session = self._encrypted()
        try:
            self._esapi.tr_set_auth(handle, value)
            return [bytes(self._esapi.hmac(handle, message, alg, session1=session)) for message in messages]
        except TSS2_Exception as exc:
            if exc.error in (TPM2_RC.AUTH_FAIL, TPM2_RC.BAD_AUTH):
                raise AuthFailed() from None
            if exc.error == TPM2_RC.LOCKOUT:
                raise InLockout() from None
            raise _problem(exc) from None
        finally:
            _clear(value._cdata)
            self._call(self._esapi.tr_set_auth, handle, b"")

    def _call(self, function: Any, *args: Any) -> Any:
        from tpm2_pytss import TSS2_Exception

        try:
            return function(*args)
        except TSS2_Exception as exc:
            raise _problem(exc) from None


def _is_tpm_format_one(exc: Any) -> bool:
    """A TPM response code about a parameter, handle or session (TPM 2.0 Part 2, 6.6)."""
    rc = int(exc.rc)
    return rc >> 16 == 0 and bool(rc & 0x80)


def _problem(exc: Any) -> ChipUnavailable:
    return ChipUnavailable(
        "The computer's TPM security chip reported a problem (code {code}); try again, and if it "
        "happens again tell your help desk.",
        params={"code": f"0x{int(exc.rc):x}"},
    )
