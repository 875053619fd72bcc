"""Provides the ``madoguchi`` subcommands, one module per kind of work (madoguchi.cli gathers them)."""
