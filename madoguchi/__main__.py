"""Provides ``python -m madoguchi``."""

from madoguchi.cli import main

main()
