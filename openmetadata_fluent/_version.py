"""The package version, kept in one place: setup.cfg, ``--version`` and the User-Agent read it."""

__version__ = "0.2.0"
