"""``softtoken-cli``: the command-line front door. Depends on core only."""
