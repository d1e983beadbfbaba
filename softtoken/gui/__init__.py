"""The prescriber's Qt window. Depends on core only; all logic stays in core."""
