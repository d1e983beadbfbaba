"""Wizards that walk a prescriber through one task, page by page."""
