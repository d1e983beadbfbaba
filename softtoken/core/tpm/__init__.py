"""The computer's security chip (TPM 2.0) as the place where a token's seed lives.

Nothing here imports tpm2-pytss at module level: the library (an optional
extra, ``softtoken[tpm]``) is loaded only when a TPM is really opened, so an
app without it starts as fast and says which protection is in force.

- ``access.py``: which TPM (the TCTI from ``TPM2TOOLS_TCTI`` / ``TSS2_TCTI``,
  else ``/dev/tpmrm0``) and why it cannot be opened, in words;
- ``chip.py``: the few TPM 2.0 commands softtoken uses (an HMAC key made from
  a seed, TPM2_HMAC, the dictionary-attack properties), over ESAPI;
- ``errors.py``: the chip's errors, each one sentence a prescriber can act on;
- ``lockout.py``: the chip's dictionary-attack state, and the words for it.
"""
