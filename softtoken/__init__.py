"""softtoken: a desktop soft token for e-prescribers.

This is the single version source: pyproject.toml, ``--version`` and the
packaged bundle all read ``__version__`` from here.
"""

__version__ = "0.1.0"
