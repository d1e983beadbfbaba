"""``softtoken-helpdesk``: the help desk's console for a token issuer (privacyIDEA). Depends on core only."""
