"""Provides ``python -m madoguchi``."""

from madoguchi.cli import main

main(prog_name="madoguchi")
