"""Every way an issuer hands over a token: links, Google exports, QR images, PSKC files.

Each parser returns :class:`~softtoken.core.token.TokenDescription` objects or
raises an :class:`~softtoken.core.errors.ActivationError` whose message a
prescriber can act on. ``sources.py`` picks the parser for a given input.
"""
