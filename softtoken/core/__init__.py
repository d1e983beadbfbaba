"""The domain: OTP, activation inputs, vault. Never imports Qt, never prints."""
