"""Provides the project's benchmarks; see benchmarks/README.md for what each measures and how to run it."""
