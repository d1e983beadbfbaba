"""The encrypted token vault. Format: docs/vault-format.md. Entry point: ``vault.Vault``."""
